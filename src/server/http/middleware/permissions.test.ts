// The one permission check per route: declared in config.permission, enforced once, at the stage the route asks for.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { guestIdentity } from '../../../auth/index.js';
import type { PermissionKey } from '../../../auth/index.js';
import { HttpError } from '../errors.js';
import { enforceDeclaredPermissions, requirePermission } from './permissions.js';

/** A bare app whose callers hold the permissions named in the `x-holds` header, with the hook under test. */
function appWithHook(): { app: FastifyInstance; checks: string[] } {
  const app = Fastify();
  const checks: string[] = [];
  app.decorateRequest('identity', null as unknown as ReturnType<typeof guestIdentity>);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const holds = String(request.headers['x-holds'] ?? '').split(',').filter(Boolean) as PermissionKey[];
    request.identity = guestIdentity(new Set(holds));
  });
  app.setErrorHandler((error: Error, _request, reply) => {
    const status = error instanceof HttpError ? error.statusCode : ((error as { statusCode?: number }).statusCode ?? 500);
    void reply.code(status).send({ error: error.message });
  });
  enforceDeclaredPermissions(app);
  app.get('/status', { config: { permission: 'STATUS' } }, async () => ({ ok: true }));
  app.get('/open', { config: { permission: 'none' } }, async () => ({ ok: true }));
  app.post(
    '/validated',
    { config: { permission: 'SETTINGS', permissionCheck: 'preValidation' }, schema: { body: { type: 'object', required: ['name'] } } },
    async () => ({ ok: true }),
  );
  app.post('/late', { config: { permission: 'PRINT', permissionCheck: 'handler' } }, async (request) => {
    checks.push('handler ran');
    requirePermission(request, 'PRINT');
    return { ok: true };
  });
  return { app, checks };
}

describe('enforceDeclaredPermissions', () => {
  it('refuses a caller without the declared permission with 403, and lets a holder through', async () => {
    const { app } = appWithHook();
    const refused = await app.inject({ method: 'GET', url: '/status' });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.json().error, /permission/);
    assert.equal((await app.inject({ method: 'GET', url: '/status', headers: { 'x-holds': 'STATUS' } })).statusCode, 200);
    assert.equal((await app.inject({ method: 'GET', url: '/status', headers: { 'x-holds': 'ADMIN' } })).statusCode, 200);
    assert.equal((await app.inject({ method: 'GET', url: '/open' })).statusCode, 200, "'none' is not enforced");
  });

  it("checks before the body is validated when the route asks for 'preValidation'", async () => {
    const { app } = appWithHook();
    const guest = await app.inject({ method: 'POST', url: '/validated', payload: {} });
    assert.equal(guest.statusCode, 403, 'a guest learns nothing about the body');
    const holder = await app.inject({ method: 'POST', url: '/validated', payload: {}, headers: { 'x-holds': 'SETTINGS' } });
    assert.equal(holder.statusCode, 400);
  });

  it("leaves the check to the handler when the route says 'handler'", async () => {
    const { app, checks } = appWithHook();
    assert.equal((await app.inject({ method: 'POST', url: '/late', payload: {} })).statusCode, 403);
    assert.deepEqual(checks, ['handler ran']);
  });

  it('is the only place: no route module builds a permission hook of its own', () => {
    const folder = new URL('../routes/', import.meta.url);
    const offenders = readdirSync(folder)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .filter((name) => /permissionHook\(/.test(readFileSync(new URL(name, folder), 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
