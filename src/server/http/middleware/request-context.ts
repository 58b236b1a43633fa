// Per-request context: where the request came from (trusted-proxy aware) and who it acts as.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { SubnetSet, guestIdentity, resolveRequestOrigin, trustedProxyList } from '../../../auth/index.js';
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
    permission?: PermissionKey | readonly PermissionKey[] | 'none' | 'own-or-admin' | 'per-command';
    /**
     * When a declared permission is checked (middleware/permissions.ts enforces it, once per route): before the
     * route's handlers by default, 'preValidation' before the body is validated, or 'handler' where OctoPrint
     * checks it only after other preconditions (the handler then calls requirePermission itself).
     */
    permissionCheck?: 'preValidation' | 'handler';
    /**
     * Refusals from the domain (unknown, conflicting or forbidden) answer with OctoPrint's generic texts, as its
     * abort(404/409/403) does on these routes, instead of the domain's message.
     */
    genericErrors?: boolean;
    /** A per-caller request rate for this route (see middleware/rate-limit.ts): 429 beyond it. */
    rateLimit?: { burst: number; perSecond: number };
  }
}

export function registerRequestContext(app: FastifyInstance, services: HttpServices): void {
  app.decorateRequest('origin', null as unknown as RequestOrigin);
  app.decorateRequest('identity', null as unknown as Identity);
  // The trusted proxies parsed once, again only when the configured list (or trustLocalhostProxies) changes.
  let trusted = new SubnetSet(trustedProxyList(services.config.config.server.reverseProxy));
  const guest = guestIdentity();
  const serverPort = (request: FastifyRequest): number => {
    const configured = services.config.config.server.port;
    if (request.socket.remoteAddress === undefined) return configured;
    if (request.socket.localPort !== undefined) return request.socket.localPort;
    const address = app.server.address();
    return typeof address === 'object' && address ? address.port : configured;
  };
  // Synchronous (no promise per request): nothing here waits.
  app.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const proxySettings = services.config.config.server.reverseProxy;
    const list = trustedProxyList(proxySettings);
    if (!trusted.builtFrom(list)) trusted = new SubnetSet(list);
    request.origin = resolveRequestOrigin(
      {
        remoteAddress: request.socket.remoteAddress ?? '127.0.0.1',
        headers: request.headers,
        serverPort: serverPort(request),
        encrypted: Boolean((request.socket as { encrypted?: boolean }).encrypted),
      },
      proxySettings,
      trusted,
    );
    request.identity = guest;
    done();
  });
}
