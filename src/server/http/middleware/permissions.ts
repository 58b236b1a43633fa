// Permission checks for routes: 403 with OctoPrint's message, and the fresh-credentials rule.
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { hasFreshCredentials, hasPermission } from '../../../auth/index.js';
import type { PermissionKey } from '../../../auth/index.js';
import { HttpError, MESSAGES } from '../errors.js';

/** Throws 403 unless the request's identity holds every given permission. */
export function requirePermission(request: FastifyRequest, ...permissions: PermissionKey[]): void {
  for (const permission of permissions) {
    if (!hasPermission(request.identity, permission)) throw new HttpError(403, MESSAGES.forbidden);
  }
}

/** A preHandler form of requirePermission (synchronous: no promise per request; a refusal throws). */
export function permissionHook(...permissions: PermissionKey[]) {
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    requirePermission(request, ...permissions);
    done();
  };
}

/** Throws 403 "Please reauthenticate…" unless the credentials are fresh (API keys always are). */
export function requireFreshCredentials(request: FastifyRequest, now: number, timeoutMinutes: number): void {
  if (!hasFreshCredentials(request.identity, now, timeoutMinutes)) throw new HttpError(403, MESSAGES.reauthenticate);
}
