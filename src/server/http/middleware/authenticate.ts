// Authentication step of the pipeline: finds the API key and cookies, asks access control for an Identity.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { accessControlDisabledIdentity, cookieSuffix } from '../../../auth/index.js';
import type { AuthOutcome, RequestOrigin } from '../../../auth/index.js';
import type { HttpServices } from '../services.js';
import { AuthCookies } from './auth-cookies.js';

function firstText(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/**
 * The API key in OctoPrint's order: `apikey` value (query, then form body), `X-Api-Key`, `Authorization: Bearer`.
 * As in OctoPrint, the scheme is case-sensitive and separated by exactly one space.
 */
export function extractApiKey(request: FastifyRequest): string | null {
  const query = request.query as Record<string, unknown> | undefined;
  const body = request.body as Record<string, unknown> | undefined;
  const fromQuery = firstText(query?.apikey);
  const fromBody = body && typeof body === 'object' && !Array.isArray(body) ? firstText(body.apikey) : undefined;
  const fromValues = fromQuery || fromBody;
  if (fromValues) return fromValues;
  const header = firstText(request.headers['x-api-key']);
  if (header) return header;
  const authorization = firstText(request.headers.authorization);
  const match = authorization === undefined ? null : /^Bearer (\S+)$/.exec(authorization);
  return match?.[1] ?? null;
}

/** Whether the request carries an API key in a header (which a cross-site form cannot send). */
export function hasApiKeyHeader(request: FastifyRequest): boolean {
  return Boolean(firstText(request.headers['x-api-key'])) || /^Bearer \S+$/.test(firstText(request.headers.authorization) ?? '');
}

/** Cookies with this server's suffix, named without it (`session_P5000` → `session`). */
export function suffixedCookies(request: FastifyRequest, origin: RequestOrigin): Record<string, string> {
  const suffix = cookieSuffix(origin);
  const result: Record<string, string> = {};
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies ?? {};
  for (const [name, value] of Object.entries(cookies)) {
    if (value !== undefined && name.endsWith(suffix)) result[name.slice(0, -suffix.length)] = value;
  }
  return result;
}

/** Told to clients that put a key in the URL, where it ends up in histories, proxy logs and Referer headers. */
export const KEY_IN_URL_WARNING = '299 - "API keys in URLs are deprecated; send the X-Api-Key header instead"';

export function registerAuthentication(app: FastifyInstance, services: HttpServices): void {
  app.decorate('authCookies', new AuthCookies(services.config, services.access));
  const finish = (request: FastifyRequest, reply: FastifyReply, outcome: AuthOutcome): void => {
    request.identity = outcome.identity;
    app.authCookies.apply(request, reply, outcome.cookies);
  };
  // Synchronous unless access control has to wait (app keys, remember-me): no promise for most requests.
  app.addHook('preValidation', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    // Still accepted for OctoPrint clients, but flagged.
    if (firstText((request.query as Record<string, unknown> | undefined)?.apikey)) {
      reply.header('Deprecation', 'true');
      reply.header('Warning', KEY_IN_URL_WARNING);
    }
    if (!services.config.config.accessControl.enabled) {
      request.identity = accessControlDisabledIdentity();
      done();
      return;
    }
    const outcome = services.access.authenticateNow({
      origin: request.origin,
      apiKey: extractApiKey(request),
      cookies: suffixedCookies(request, request.origin),
      now: services.now(),
      header: (name) => firstText(request.headers[name.toLowerCase()]),
    });
    if (outcome instanceof Promise) {
      outcome.then((settled) => finish(request, reply, settled)).then(() => done(), done);
      return;
    }
    finish(request, reply, outcome);
    done();
  });
}
