// Per-request context: where the request came from (trusted-proxy aware) and who it acts as.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { guestIdentity, resolveRequestOrigin } from '../../../auth/index.js';
import type { Identity, PermissionKey, RequestOrigin } from '../../../auth/index.js';
import type { HttpServices } from '../services.js';

declare module 'fastify' {
  interface FastifyRequest {
    origin: RequestOrigin;
    identity: Identity;
  }
  interface FastifyContextConfig {
    /** The request needs no CSRF token (only the app keys request endpoint). */
    csrfExempt?: boolean;
    /**
     * Documented permission of the route, for the OpenAPI document and the ACL matrix. 'per-command': a command
     * endpoint whose handler checks a different permission per command (e.g. POST /api/files/<origin>/<path>).
     */
    permission?: PermissionKey | 'none' | 'own-or-admin' | 'per-command';
    /** A per-caller request rate for this route (see middleware/rate-limit.ts): 429 beyond it. */
    rateLimit?: { burst: number; perSecond: number };
  }
}

export function registerRequestContext(app: FastifyInstance, services: HttpServices): void {
  app.decorateRequest('origin', null as unknown as RequestOrigin);
  app.decorateRequest('identity', null as unknown as Identity);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const address = app.server.address();
    const serverPort = request.socket.localPort ?? (typeof address === 'object' && address ? address.port : services.config.config.server.port);
    request.origin = resolveRequestOrigin(
      {
        remoteAddress: request.socket.remoteAddress ?? '127.0.0.1',
        headers: request.headers,
        serverPort: request.socket.remoteAddress === undefined ? services.config.config.server.port : serverPort,
        encrypted: Boolean((request.socket as { encrypted?: boolean }).encrypted),
      },
      services.config.config.server.reverseProxy,
    );
    request.identity = guestIdentity();
  });
}
