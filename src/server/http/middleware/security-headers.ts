// Security headers on every response: no sniffing, no framing, no referrer leaks, a strict CSP for the UI.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { keptValue } from '../../../config/index.js';
import type { HttpServices } from '../services.js';

const FRAMEABLE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: http: https:",
  "media-src 'self' blob: http: https:",
  "connect-src 'self' ws: wss:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];
const CONTENT_SECURITY_POLICY = [...FRAMEABLE_POLICY, "frame-ancestors 'none'"].join('; ');
const FRAMEABLE_CONTENT_SECURITY_POLICY = FRAMEABLE_POLICY.join('; ');

/** With OctoPrint's `server.allowFraming` (off by default) other sites may show the pages in a frame (e.g. a dashboard panel). */
export function registerSecurityHeaders(app: FastifyInstance, services: Pick<HttpServices, 'config'>): void {
  // Synchronous (no promise per response).
  app.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: Error | null, payload?: unknown) => void) => {
    const frameable = keptValue(services.config.config, 'server.allowFraming') === true;
    reply.header('X-Content-Type-Options', 'nosniff');
    if (!frameable) reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) reply.header('Content-Security-Policy', frameable ? FRAMEABLE_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
    if (!reply.hasHeader('Cache-Control')) {
      const path = request.url;
      if (path.startsWith('/api/') || path.startsWith('/plugin/')) {
        reply.header('Cache-Control', request.method === 'GET' ? 'no-cache' : 'no-store');
      }
    }
    done(null, payload);
  });
}
