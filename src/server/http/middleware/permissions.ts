// Permission checks for routes: 403 with OctoPrint's message, and the fresh-credentials rule.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify';
import { hasFreshCredentials, hasPermission } from '../../../auth/index.js';
import type { PermissionKey } from '../../../auth/index.js';
import { MESSAGES, httpErrors } from '../errors.js';

/** Throws 403 unless the request's identity holds every given permission. */
export function requirePermission(request: FastifyRequest, ...permissions: PermissionKey[]): void {
  for (const permission of permissions) {
    if (!hasPermission(request.identity, permission)) throw httpErrors.forbidden();
  }
}

/** A hook form of requirePermission (synchronous: no promise per request; a refusal throws). */
export function permissionHook(...permissions: PermissionKey[]) {
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    requirePermission(request, ...permissions);
    done();
  };
}

/** Throws 403 "Please reauthenticate…" unless the credentials are fresh (API keys always are). */
export function requireFreshCredentials(request: FastifyRequest, now: number, timeoutMinutes: number): void {
  if (!hasFreshCredentials(request.identity, now, timeoutMinutes)) throw httpErrors.forbidden(MESSAGES.reauthenticate);
}

/** The declared permissions when they are named (not 'none', 'own-or-admin' or 'per-command', which handlers decide); all are needed. */
function declaredPermissions(route: RouteOptions): readonly PermissionKey[] {
  const permission = route.config?.permission;
  if (permission === undefined || permission === 'none' || permission === 'own-or-admin' || permission === 'per-command') return [];
  return typeof permission === 'string' ? [permission] : permission;
}

/**
 * The one place a route's permission is enforced: each route declares `config.permission`, and this adds the check
 * as its first preHandler (or preValidation hook), so no route repeats it.
 */
export function enforceDeclaredPermissions(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const permissions = declaredPermissions(route);
    if (permissions.length === 0 || route.config?.permissionCheck === 'handler') return;
    const check = permissionHook(...permissions);
    if (route.config?.permissionCheck === 'preValidation') route.preValidation = [check, ...asList(route.preValidation)];
    else route.preHandler = [check, ...asList(route.preHandler)];
  });
}

function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
