// First run: GET /api/setup/admin says whether the first admin is still missing; POST creates it with the setup code.
import type { FastifyInstance } from 'fastify';
import { SETUP_CLOSED_MESSAGE, firstAdminMessage } from '../../../auth/index.js';
import { httpErrors } from '../errors.js';
import { jsonBody } from '../request-helpers.js';
import type { HttpServices } from '../services.js';
import { startSessionCookies, withRetryAfter } from './login.js';

export function registerSetupRoutes(app: FastifyInstance, services: HttpServices): void {
  const access = services.access;

  app.get('/api/setup/admin', { config: { permission: 'none' } }, async () => ({ required: access.setup.required() }));

  /**
   * `{user, pass, setupCode}`: creates the first administrator (groups admins and users) and logs them in.
   * 403 once any administrator exists, forever; 403 for a wrong code (rate-limited like logins, 429).
   */
  app.post('/api/setup/admin', { config: { permission: 'none' } }, async (request, reply) => {
    if (!access.setup.required()) throw httpErrors.forbidden(SETUP_CLOSED_MESSAGE);
    const data = jsonBody(request);
    const clientIp = request.origin.clientIp;
    const result = await withRetryAfter(() => access.setup.createAdmin({ user: data.user, pass: data.pass, setupCode: data.setupCode, clientIp }));
    services.logger.info(firstAdminMessage([result.identity.name ?? ''], 'first-run page', `from ${clientIp}`));
    startSessionCookies(request, reply, result);
    return access.login.response(result.identity, result.session, clientIp);
  });
}
