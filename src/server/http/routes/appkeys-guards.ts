// Checks shared by the app keys routes: first run, who may decide requests, and the decision body.
import type { FastifyRequest } from 'fastify';
import { hasPermission, isGuest } from '../../../auth/index.js';
import { httpErrors, MESSAGES } from '../errors.js';
import { requireFresh } from '../middleware/account-guards.js';
import { isTruthy, jsonBody } from '../request-helpers.js';
import type { HttpServices } from '../services.js';

/** OctoPrint's no_firstrun_access: nothing of the workflow answers before the first administrator exists. */
export function refuseDuringFirstRun(services: HttpServices): void {
  if (services.access.setup.required()) throw httpErrors.forbidden();
}

/**
 * Who may decide app key requests: a logged-in user (403) with PLUGIN_APPKEYS_GRANT (403), not through an app
 * key (an app may not mint keys, 403), with fresh credentials (403 "Please reauthenticate…"). Returns the user.
 */
export function requireDecider(request: FastifyRequest, services: HttpServices): string {
  const identity = request.identity;
  if (isGuest(identity) || identity.name === null) throw httpErrors.forbidden();
  if (!hasPermission(identity, 'PLUGIN_APPKEYS_GRANT')) throw httpErrors.forbidden(MESSAGES.noGrantPermission);
  if (identity.appKeyId !== null) throw httpErrors.forbidden('An application key cannot grant application keys.');
  requireFresh(request, services);
  return identity.name;
}

/** The decision body: `{decision, permissions?, expires_in?}` (400 "No decision provided" without decision). */
export function decisionOf(request: FastifyRequest): { decision: boolean; permissions: unknown; expiresIn: unknown } {
  const data = jsonBody(request);
  if (!('decision' in data)) throw httpErrors.badRequest('No decision provided');
  return { decision: isTruthy(data.decision), permissions: data.permissions, expiresIn: data.expires_in };
}
