// /api/access/permissions and /api/access/groups…: the permission catalogue and group management (ADMIN).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { httpErrors } from '../errors.js';
import { requireFresh } from '../middleware/account-guards.js';

import { isTruthy, jsonBody } from '../request-helpers.js';
import type { HttpServices } from '../services.js';

function keyOf(request: FastifyRequest): string {
  return (request.params as { key: string }).key;
}

export function registerAccessGroupRoutes(app: FastifyInstance, services: HttpServices): void {
  const accounts = services.access.accounts;
  const admin = { config: { permission: 'ADMIN' as const, genericErrors: true } };

  app.get('/api/access/permissions', { config: { permission: 'none' } }, async () => ({ permissions: accounts.permissions() }));

  app.get('/api/access/groups', admin, async () => ({ groups: accounts.groups() }));

  app.post('/api/access/groups', admin, async (request) => {
    requireFresh(request, services);
    const data = jsonBody(request);
    if (!('key' in data)) throw httpErrors.badRequest('key is missing');
    if (!('name' in data)) throw httpErrors.badRequest('name is missing');
    if (!('permissions' in data)) throw httpErrors.badRequest('permissions are missing');
    await accounts.addGroup({
      key: data.key,
      name: data.name,
      description: data.description,
      permissions: data.permissions,
      subgroups: data.subgroups,
      default: 'default' in data ? isTruthy(data.default) : false,
    });
    return { groups: accounts.groups() };
  });

  app.get('/api/access/groups/:key', admin, async (request) => accounts.group(keyOf(request)));

  app.put('/api/access/groups/:key', admin, async (request) => {
    requireFresh(request, services);
    const data = jsonBody(request);
    await accounts.updateGroup(keyOf(request), {
      name: data.name,
      description: data.description,
      permissions: data.permissions,
      subgroups: data.subgroups,
      default: 'default' in data ? isTruthy(data.default) : undefined,
    });
    return { groups: accounts.groups() };
  });

  app.delete('/api/access/groups/:key', admin, async (request) => {
    requireFresh(request, services);
    await accounts.removeGroup(keyOf(request));
    return { groups: accounts.groups() };
  });
}
