// /api/access/users…: list, create, read, change, delete users; passwords, settings and API keys; /api/users → 307.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { httpErrors } from '../errors.js';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE } from '../middleware/auth-cookies.js';
import { isAdmin, isSelf, refuseAppKeyAccountChange, requireFresh, requireSelfOrAdmin } from '../middleware/account-guards.js';

import { isTruthy, jsonBody } from '../request-helpers.js';
import type { HttpServices } from '../services.js';
import { withRetryAfter } from './login.js';

interface NameParams {
  name: string;
}

function nameOf(request: FastifyRequest): string {
  return (request.params as NameParams).name;
}

export function registerAccessUserRoutes(app: FastifyInstance, services: HttpServices): void {
  const accounts = services.access.accounts;
  const admin = { config: { permission: 'ADMIN' as const, genericErrors: true } };
  const own = { config: { permission: 'own-or-admin' as const, genericErrors: true } };

  app.get('/api/access/users', admin, async () => ({ users: accounts.users() }));

  app.post('/api/access/users', admin, async (request) => {
    requireFresh(request, services);
    const data = jsonBody(request);
    for (const field of ['name', 'password', 'active']) {
      if (!(field in data)) throw httpErrors.badRequest(`${field} is missing`);
    }
    await accounts.addUser({ name: data.name, password: data.password, active: isTruthy(data.active), groups: data.groups, permissions: data.permissions });
    return { users: accounts.users() };
  });

  app.get('/api/access/users/:name', own, async (request) => {
    requireSelfOrAdmin(request, nameOf(request));
    return accounts.user(nameOf(request));
  });

  app.put('/api/access/users/:name', admin, async (request) => {
    requireFresh(request, services);
    const data = jsonBody(request);
    await accounts.updateUser(nameOf(request), {
      groups: data.groups,
      permissions: data.permissions,
      active: 'active' in data ? isTruthy(data.active) : undefined,
    });
    return { users: accounts.users() };
  });

  app.delete('/api/access/users/:name', admin, async (request) => {
    requireFresh(request, services);
    await accounts.removeUser(nameOf(request), request.identity.name);
    return { users: accounts.users() };
  });

  app.put('/api/access/users/:name/password', own, async (request, reply) => {
    const name = nameOf(request);
    requireSelfOrAdmin(request, name);
    refuseAppKeyAccountChange(request);
    const data = jsonBody(request);
    if (typeof data.password !== 'string' || data.password.length === 0) throw httpErrors.badRequest('new password is missing');
    // A user changing their own password proves it with `current`; an admin needs fresh credentials instead.
    const checkCurrent = !isAdmin(request) || 'current' in data;
    if (!checkCurrent || !isSelf(request, name)) requireFresh(request, services);
    const deviceCookie = await withRetryAfter(() =>
      accounts.changePassword(name, data.password, {
        current: data.current,
        checkCurrent,
        clientIp: request.origin.clientIp,
        keepSessionId: isSelf(request, name) ? request.identity.sessionId : null,
      }),
    );
    // The new stamp voided this browser's device token: it gets one for the new password.
    if (deviceCookie) request.server.authCookies.set(request, reply, DEVICE_COOKIE, deviceCookie, true, DEVICE_COOKIE_MAX_AGE);
    return {};
  });

  app.get('/api/access/users/:name/settings', own, async (request) => {
    requireSelfOrAdmin(request, nameOf(request));
    return accounts.settings(nameOf(request));
  });

  app.patch('/api/access/users/:name/settings', own, async (request) => {
    const name = nameOf(request);
    requireSelfOrAdmin(request, name);
    refuseAppKeyAccountChange(request);
    if (!isSelf(request, name)) requireFresh(request, services);
    await accounts.updateSettings(name, jsonBody(request));
    return {};
  });

  app.post('/api/access/users/:name/apikey', own, async (request) => {
    const name = nameOf(request);
    requireSelfOrAdmin(request, name);
    refuseAppKeyAccountChange(request);
    requireFresh(request, services);
    return { apikey: await accounts.generateApiKey(name) };
  });

  app.delete('/api/access/users/:name/apikey', own, async (request) => {
    const name = nameOf(request);
    requireSelfOrAdmin(request, name);
    refuseAppKeyAccountChange(request);
    requireFresh(request, services);
    await accounts.revokeApiKey(name);
    return {};
  });

  // OctoPrint's old user API: every method answers 307 to the same place under /api/access/users.
  const redirect = { config: { permission: 'none' as const, csrfExempt: true } };
  for (const url of ['/api/users', '/api/users/*']) {
    app.route({
      method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url,
      ...redirect,
      handler: async (request, reply) => {
        const rest = request.url.slice('/api/users'.length);
        const location = `${request.origin.scriptRoot}/api/access/users${rest}`;
        // With a short page, as OctoPrint's redirects have.
        return reply.code(307).header('Location', location).type('text/html; charset=utf-8').send(`<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Redirecting…</title></head><body><p>Moved to <a href="${encodeURI(location)}">${encodeURI(location)}</a>.</p></body></html>\n`);
      },
    });
  }
}
