// The Application Keys plugin's workflow: probe, request (no auth, CSRF-exempt, rate-limited), poll, decision;
// then the management API and the auth dialog (see appkeys-management.ts and appkeys-dialog.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppKeyRequestLimitedError, isGuest } from '../../../auth/index.js';
import type { AppKeysService } from '../../../auth/index.js';
import { HttpError, httpErrors } from '../errors.js';
import { jsonBody, noContent } from '../request-helpers.js';
import type { HttpServices } from '../services.js';
import { decisionOf, refuseDuringFirstRun, requireDecider } from './appkeys-guards.js';
import { registerAppKeysDialogRoutes } from './appkeys-dialog.js';
import { registerAppKeysManagementRoutes } from './appkeys-management.js';

const PREFIX = '/plugin/appkeys';

function tokenOf(request: FastifyRequest, name: 'appToken' | 'userToken'): string {
  return (request.params as Record<string, string>)[name] ?? '';
}

export function registerAppKeysRoutes(app: FastifyInstance, services: HttpServices, appKeys: AppKeysService): void {
  const open = { config: { permission: 'none' as const } };

  app.get(`${PREFIX}/probe`, open, async (_request, reply) => {
    refuseDuringFirstRun(services);
    return noContent(reply);
  });

  app.post(`${PREFIX}/request`, { config: { permission: 'none', csrfExempt: true } }, async (request, reply) => {
    refuseDuringFirstRun(services);
    const data = jsonBody(request);
    let appToken: string;
    try {
      ({ appToken } = appKeys.request({
        app: data.app,
        user: data.user,
        permissions: data.permissions,
        expiresIn: data.expires_in,
        remoteAddress: request.origin.clientIp,
      }));
    } catch (error) {
      if (error instanceof AppKeyRequestLimitedError) {
        throw new HttpError(429, error.message, { 'Retry-After': String(error.retryAfterSeconds) });
      }
      throw error;
    }
    const base = request.origin.baseUrl;
    const user = typeof data.user === 'string' && data.user ? `?user=${encodeURIComponent(data.user)}` : '';
    return reply
      .code(201)
      .header('Location', `${base}${PREFIX}/request/${appToken}`)
      .send({ app_token: appToken, auth_dialog: `${base}${PREFIX}/auth/${appToken}${user}` });
  });

  app.get(`${PREFIX}/request/:appToken`, open, async (request, reply: FastifyReply) => {
    refuseDuringFirstRun(services);
    const result = await appKeys.poll(tokenOf(request, 'appToken'));
    // The one answer that carries the key must not be kept by any cache.
    reply.header('Cache-Control', 'no-store');
    if (result.state === 'pending') return reply.code(202).send({ message: 'Awaiting decision' });
    if (result.state === 'granted') return reply.code(200).send({ api_key: result.apiKey });
    throw httpErrors.notFound();
  });

  app.post(`${PREFIX}/decision/:userToken`, { config: { permission: 'PLUGIN_APPKEYS_GRANT', genericErrors: true } }, async (request, reply) => {
    if (isGuest(request.identity)) throw httpErrors.forbidden();
    const body = decisionOf(request);
    const decider = requireDecider(request, services);
    appKeys.decide(tokenOf(request, 'userToken'), decider, body.decision, { permissions: body.permissions, expiresIn: body.expiresIn });
    return noContent(reply);
  });

  registerAppKeysManagementRoutes(app, services, appKeys);
  registerAppKeysDialogRoutes(app, services, appKeys);
}
