// Guards of the access API: "the user themself or an admin", fresh credentials, and app keys kept off account changes.
import type { FastifyRequest } from 'fastify';
import { hasPermission } from '../../../auth/index.js';
import { httpErrors } from '../errors.js';
import type { HttpServices } from '../services.js';
import { requireFreshCredentials } from './permissions.js';

export function isAdmin(request: FastifyRequest): boolean {
  return hasPermission(request.identity, 'ADMIN');
}

export function isSelf(request: FastifyRequest, name: string): boolean {
  return request.identity.name !== null && request.identity.name === name;
}

/** 403 unless the request acts as that user or as an admin. */
export function requireSelfOrAdmin(request: FastifyRequest, name: string): void {
  if (!isSelf(request, name) && !isAdmin(request)) throw httpErrors.forbidden();
}

/** 403 "Please reauthenticate…" unless a password was entered recently (API keys always count as fresh). */
export function requireFresh(request: FastifyRequest, services: HttpServices): void {
  requireFreshCredentials(request, services.now(), services.config.config.accessControl.defaultReauthenticationTimeout);
}

/** An application key may not change its own account (password, keys, settings) unless it has ADMIN. */
export function refuseAppKeyAccountChange(request: FastifyRequest): void {
  if (request.identity.appKeyId !== null && !isAdmin(request)) {
    throw httpErrors.forbidden('An application key cannot change its account; log in or use the user API key.');
  }
}
