// CSRF protection (double submit, bound to the session or the user a proxy signed on): writes to /api and /plugin need X-CSRF-Token = the cookie.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { MESSAGES, httpErrors } from '../errors.js';
import type { HttpServices } from '../services.js';
import { CSRF_COOKIE, SESSION_COOKIE } from './auth-cookies.js';
import { hasApiKeyHeader, suffixedCookies } from './authenticate.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export { setCsrfCookie } from './auth-cookies.js';

function isProtectedPath(url: string): boolean {
  const path = url.split('?')[0] ?? url;
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/plugin/');
}

/**
 * Whether this request must pass the CSRF check: an unsafe method on /api or /plugin, not authenticated by an API
 * key, on a known route that is not `csrfExempt`, with devel.enableCsrfProtection on. Anonymous requests are checked
 * too (a login from a foreign page must fail).
 */
export function needsCsrfCheck(request: FastifyRequest, services: HttpServices): boolean {
  if (!UNSAFE_METHODS.has(request.method) || !isProtectedPath(request.url)) return false;
  // Unknown paths and wrong methods answer 404/405 first, as in OctoPrint (routing fails before its CSRF check).
  if (request.is404) return false;
  if (!services.config.config.devel.enableCsrfProtection) return false;
  if (request.routeOptions.config?.csrfExempt === true) return false;
  const identity = request.identity;
  // A key proves the request is no cross-site form, unless a browser's session cookie comes with it (as in OctoPrint).
  if (identity.mechanism === 'apikey') return Boolean(suffixedCookies(request, request.origin)[SESSION_COOKIE]);
  // Access control off (D4): only a key in a header proves the request is not a cross-site form.
  if (identity.mechanism === 'access_control_disabled' && hasApiKeyHeader(request)) return false;
  return true;
}

export function registerCsrfProtection(app: FastifyInstance, services: HttpServices): void {
  // Synchronous (no promise per request); a failed check throws, which fastify turns into the error reply.
  app.addHook('preValidation', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (!needsCsrfCheck(request, services)) return done();
    const cookies = suffixedCookies(request, request.origin);
    const cookie = cookies[CSRF_COOKIE];
    const rawHeader = request.headers['x-csrf-token'];
    const header = Array.isArray(rawHeader) ? undefined : rawHeader;
    // With a key, the token is the one of the browser session whose cookie came along.
    const cookieSession = request.identity.mechanism === 'apikey' && cookies[SESSION_COOKIE] ? services.access.sessionIdOfCookie(cookies[SESSION_COOKIE], services.now()) : null;
    const binding = cookieSession ?? services.access.csrfBinding(request.identity);
    if (!services.access.csrf.verify(binding, cookie, header)) throw httpErrors.badRequest(MESSAGES.csrf);
    return done();
  });
}
