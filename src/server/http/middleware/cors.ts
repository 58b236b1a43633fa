// CORS as OctoPrint does it: off by default; when on, echo the Origin (never `null`), answer preflights, never allow
// credentials, and always say `Vary: Origin` so that caches keep answers for different origins apart.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { HttpServices } from '../services.js';
import type { RouteIndex } from './method-not-allowed.js';

function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/plugin/') || url.startsWith('/downloads/');
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The Origin worth echoing: present and not `null` (sandboxed frames and file pages send `null`; never trust it). */
function echoableOrigin(value: string | string[] | undefined): string | undefined {
  const origin = headerText(value)?.trim();
  return origin && origin.toLowerCase() !== 'null' ? origin : undefined;
}

/** `Allow` of a preflight as OctoPrint's Flask sends it: the path's methods (HEAD with GET) and OPTIONS, sorted. */
export function allowHeader(methods: readonly string[]): string {
  const all = new Set([...methods, 'OPTIONS']);
  if (all.has('GET')) all.add('HEAD');
  return [...all].sort().join(', ');
}

export function registerCors(app: FastifyInstance, services: HttpServices, routes?: RouteIndex): void {
  // Synchronous (no promise per request); a preflight is answered here and goes no further.
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (!services.config.config.api.allowCrossOrigin || !isApiPath(request.url)) return done();
    const origin = echoableOrigin(request.headers.origin);
    reply.header('Vary', 'Origin');
    if (request.method === 'OPTIONS') {
      if (origin) reply.header('Access-Control-Allow-Origin', origin);
      const method = headerText(request.headers['access-control-request-method']);
      const headers = headerText(request.headers['access-control-request-headers']);
      if (method) reply.header('Access-Control-Allow-Methods', method);
      if (headers) reply.header('Access-Control-Allow-Headers', headers);
      reply.header('Access-Control-Max-Age', '10');
      const methods = routes?.allowedMethods(request.url) ?? [];
      if (methods.length > 0) reply.header('Allow', allowHeader(methods));
      reply.code(200).type('text/plain').send('');
      return undefined;
    }
    if (origin) reply.header('Access-Control-Allow-Origin', origin);
    return done();
  });
}
