// Every error leaves as `{"error": "..."}` with OctoPrint's status; unknown paths 404, wrong methods 405.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isArgonautError } from '../../shared/index.js';
import type { ErrorCode } from '../../shared/index.js';
import { HttpError, MESSAGES, STATUS_FOR_CODE } from './errors.js';
import type { RouteIndex } from './middleware/method-not-allowed.js';

function sendError(reply: FastifyReply, status: number, message: string, headers: Record<string, string> = {}): FastifyReply {
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  return reply.code(status).type('application/json').send({ error: message });
}

/** OctoPrint's texts for abort(404), abort(409) and abort(403), for routes with `genericErrors`. */
const GENERIC: Partial<Record<ErrorCode, string>> = { 'not-found': MESSAGES.notFound, conflict: MESSAGES.conflict, forbidden: MESSAGES.forbidden };

const TITLES: Record<number, string> = { 403: 'Forbidden', 404: 'Not Found' };

/** Outside the API, OctoPrint answers 404s (and download refusals) with a page, not JSON. */
function htmlError(request: FastifyRequest, reply: FastifyReply, status: 403 | 404): FastifyReply | null {
  const path = request.url.split('?')[0] ?? request.url;
  if (path === '/api' || path.startsWith('/api/')) return null;
  const title = TITLES[status] ?? 'Error';
  reply.code(status).type('text/html; charset=utf-8');
  // Downloads are served apart in OctoPrint (Tornado), with its terse page.
  if (path.startsWith('/downloads/')) return reply.send(`<html><title>${status}: ${title}</title><body>${status}: ${title}</body></html>`);
  if (status !== 404) return null;
  return reply.send(`<!doctype html>\n<html lang="en">\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>${MESSAGES.notFound}</p>\n`);
}

function fastifyStatus(error: FastifyError): { status: number; message: string } | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, message: MESSAGES.tooLarge };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, message: MESSAGES.notJson };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, message: MESSAGES.badJson };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, message: 'The Content-Length header does not match the body.' };
    case 'FST_ERR_VALIDATION':
      return { status: 400, message: error.message };
    default:
      break;
  }
  if (error instanceof SyntaxError || (error as { type?: string }).type === 'entity.parse.failed') {
    return { status: 400, message: MESSAGES.badJson };
  }
  const status = error.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return { status, message: error.message };
  return null;
}

export function registerErrorHandling(app: FastifyInstance, routes: RouteIndex): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof HttpError) {
      // Routes answer JSON, except the downloads (OctoPrint serves them apart, with terse pages).
      if ((error.statusCode === 403 || error.statusCode === 404) && request.url.startsWith('/downloads/')) {
        const page = htmlError(request, reply, error.statusCode);
        if (page) return page;
      }
      return sendError(reply, error.statusCode, error.message, error.headers);
    }
    if (isArgonautError(error)) {
      const generic = request.routeOptions.config?.genericErrors === true ? GENERIC[error.code] : undefined;
      return sendError(reply, STATUS_FOR_CODE[error.code], generic ?? error.message);
    }
    const known = fastifyStatus(error);
    if (known) return sendError(reply, known.status, known.message);
    request.log.error({ err: error, reqId: request.id, method: request.method, path: request.routeOptions.url }, 'request failed');
    return sendError(reply, 500, MESSAGES.internal);
  });

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const allowed = request.method === 'OPTIONS' ? [] : routes.allowedMethods(request.url);
    // A route of this very method sent us here (a static file that is not there): that is a 404, not a 405.
    const ownMethod = allowed.includes(request.method === 'HEAD' ? 'GET' : request.method);
    if (allowed.length > 0 && !ownMethod) {
      return sendError(reply, 405, MESSAGES.methodNotAllowed, { Allow: [...allowed, 'OPTIONS'].join(', ') });
    }
    if (request.method === 'OPTIONS') return reply.code(200).type('text/plain').send('');
    return htmlError(request, reply, 404) ?? sendError(reply, 404, MESSAGES.notFound);
  });
}
