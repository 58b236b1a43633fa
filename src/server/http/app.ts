// Builds the HTTP application: the whole request pipeline in one place (see ARCHITECTURE.md "A request").
import cookie from '@fastify/cookie';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { trustedProxyList } from '../../auth/index.js';
import { registerBodyParsers } from './body-parsers.js';
import { capConnectionsPerAddress } from './connection-caps.js';
import { registerErrorHandling } from './error-handling.js';
import { registerAuthentication } from './middleware/authenticate.js';
import { registerCors } from './middleware/cors.js';
import { registerCsrfProtection } from './middleware/csrf.js';
import { trackRoutes } from './middleware/method-not-allowed.js';
import { registerRateLimits } from './middleware/rate-limit.js';
import { enforceDeclaredPermissions } from './middleware/permissions.js';
import { registerRequestContext } from './middleware/request-context.js';
import { registerReservedQueryCheck } from './middleware/reserved-query.js';
import { registerSecurityHeaders } from './middleware/security-headers.js';
import { registerRoutes } from './routes/index.js';
import type { HttpServices } from './services.js';
import { lazySchemaController } from './lazy-schema-compilers.js';

/** Collapses runs of slashes in the path (Home Assistant's client sends `//api/...`). */
export function collapseSlashes(url: string): string {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const rest = queryAt === -1 ? '' : url.slice(queryAt);
  return path.replace(/\/{2,}/g, '/') + rest;
}

export async function createHttpApp(services: HttpServices): Promise<FastifyInstance> {
  const config = services.config.config;
  const headersTimeoutMs = Math.round(config.server.slowClients.headersTimeout * 1000);
  const app: FastifyInstance = Fastify({
    // Fastify's own info lines (one per bound address) are left out: the CLI logs one line when it listens.
    loggerInstance: services.logger.child({}, { level: 'warn' }) as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    // No pino child per request (it costs more than the rest of a small answer): request.log is the app's logger,
    // and the few lines written about a request carry its id themselves (see error-handling.ts).
    childLoggerFactory: (logger) => logger,
    // Route schemas are ours and fixed, so Ajv does not check them against the JSON Schema meta-schema: compiling
    // the meta-schema's validator was the largest single cost of starting the server. Nor does it optimise the code
    // it generates for each schema: that pass was a third of compiling the schemas, which all happens at start.
    ajv: { customOptions: { validateSchema: false, code: { optimize: false } } },
    schemaController: lazySchemaController(),
    bodyLimit: config.server.maxSize,
    rewriteUrl: (request) => collapseSlashes(request.url ?? '/'),
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 1000 },
    connectionTimeout: 0,
    // Node counts the whole body against requestTimeout, and a 1 GiB upload over a slow link takes many minutes:
    // the bound is generous, and the upload route cuts stalled or trickling bodies itself (16 KiB/min minimum).
    requestTimeout: 2 * 60 * 60_000,
    // Slow clients: the request head must arrive within server.slowClients.headersTimeout (30 s; Node checks every
    // connectionsCheckingInterval, at most 5 s), idle keep-alive ends after 10 s.
    http: { headersTimeout: headersTimeoutMs, connectionsCheckingInterval: Math.min(5_000, Math.max(50, Math.round(headersTimeoutMs / 4))) },
    keepAliveTimeout: 10_000,
    return503OnClosing: true,
    forceCloseConnections: true,
  });
  const routes = trackRoutes(app);
  capConnectionsPerAddress(app.server, () => trustedProxyList(services.config.config.server.reverseProxy));
  await app.register(cookie);
  await registerBodyParsers(app, config.server.maxSize);
  registerRequestContext(app, services);
  registerSecurityHeaders(app, services);
  registerCors(app, services, routes);
  registerReservedQueryCheck(app);
  registerAuthentication(app, services);
  registerCsrfProtection(app, services);
  registerRateLimits(app, services);
  registerErrorHandling(app, routes);
  enforceDeclaredPermissions(app);
  await registerRoutes(app, services);
  return app;
}
