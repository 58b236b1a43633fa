// GET/POST /api/plugin/appkeys: list one's keys (prefixes only, D3) and pending requests; generate and revoke.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasPermission } from '../../../auth/index.js';
import type { AppKeysService, PendingRecord } from '../../../auth/index.js';
import { httpErrors, MESSAGES } from '../errors.js';
import { requireFresh } from '../middleware/account-guards.js';
import { isTruthy, jsonCommand, noContent } from '../request-helpers.js';
import type { HttpServices } from '../services.js';

const NEED_APP_OR_KEY = 'Need either app or key';

/** The calling user's name; 403 for the guest (OctoPrint's is_api_protected). */
function callerOf(request: FastifyRequest): string {
  const name = request.identity.name;
  if (name === null) throw httpErrors.forbidden();
  return name;
}

function mayManageAll(request: FastifyRequest): boolean {
  return hasPermission(request.identity, 'PLUGIN_APPKEYS_ADMIN');
}

/** A `user` value naming whose key is meant: the caller by default; someone else needs PLUGIN_APPKEYS_ADMIN. */
function targetUser(request: FastifyRequest, value: unknown): string {
  const caller = callerOf(request);
  if (value === undefined || value === null || value === '') return caller;
  if (typeof value !== 'string') throw httpErrors.badRequest('user must be a user name.');
  if (value !== caller && !mayManageAll(request)) throw httpErrors.forbidden();
  return value;
}

/** An app key may not make or revoke keys unless it holds ADMIN (as with the user's own account). */
function refuseAppKey(request: FastifyRequest): void {
  if (request.identity.appKeyId !== null && !hasPermission(request.identity, 'ADMIN')) {
    throw httpErrors.forbidden('An application key cannot make or revoke application keys.');
  }
}

export function registerAppKeysManagementRoutes(app: FastifyInstance, services: HttpServices, appKeys: AppKeysService): void {
  const own = { config: { permission: 'own-or-admin' as const } };

  app.get('/api/plugin/appkeys', own, async (request) => {
    const caller = callerOf(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    if (typeof query.app === 'string' && query.app) {
      const key = appKeys.keyFor(targetUser(request, query.user), query.app);
      if (!key) throw httpErrors.notFound();
      return { key };
    }
    const keys = isTruthy(query.all) && mayManageAll(request) ? appKeys.allKeys() : appKeys.keysOf(caller);
    const pending: Record<string, PendingRecord> = {};
    // Only someone who may decide sees the tokens to decide with.
    if (hasPermission(request.identity, 'PLUGIN_APPKEYS_GRANT')) {
      for (const record of appKeys.pendingFor(caller)) pending[record.user_token] = record;
    }
    return { keys, pending };
  });

  app.post('/api/plugin/appkeys', own, async (request, reply) => {
    callerOf(request);
    const { command, data } = jsonCommand(request, { generate: ['app'], revoke: [] });
    refuseAppKey(request);
    if (command === 'generate') {
      const user = targetUser(request, data.user);
      if (user === request.identity.name && !hasPermission(request.identity, 'PLUGIN_APPKEYS_GRANT')) {
        throw httpErrors.forbidden(MESSAGES.noGrantPermission);
      }
      requireFresh(request, services);
      // 404 for an unknown user.
      if (user !== request.identity.name) services.access.accounts.user(user);
      const { apiKey, record } = await appKeys.generate(user, data.app, { permissions: data.permissions, expiresIn: data.expires_in });
      return { ...record, api_key: apiKey };
    }
    if (typeof data.key === 'string' && data.key) {
      const owner = appKeys.ownerOfKey(data.key);
      if (owner === null) throw httpErrors.badRequest(NEED_APP_OR_KEY);
      if (owner !== request.identity.name && !mayManageAll(request)) throw httpErrors.forbidden();
      requireFresh(request, services);
      await appKeys.revokeKey(data.key);
      return noContent(reply);
    }
    if (typeof data.app !== 'string' || !data.app) throw httpErrors.badRequest(NEED_APP_OR_KEY);
    const user = targetUser(request, data.user);
    requireFresh(request, services);
    if (!(await appKeys.revoke(user, data.app))) throw httpErrors.badRequest(NEED_APP_OR_KEY);
    return noContent(reply);
  });
}
