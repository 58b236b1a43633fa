// POST /api/login (active and passive), POST /api/logout (204, D2) and GET /api/currentuser.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LoginRateLimitedError, PERMISSION_KEYS, needsOf } from '../../../auth/index.js';
import type { Identity, LoginResult } from '../../../auth/index.js';
import { MalformedJson } from '../body-parsers.js';
import { HttpError, httpErrors } from '../errors.js';
import { ACTIVE_LOGOUT_COOKIE, DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE, REMEMBER_COOKIE, SESSION_COOKIE } from '../middleware/auth-cookies.js';
import { suffixedCookies } from '../middleware/authenticate.js';
import { isJsonContentType, isTruthy, noContent, requestValues } from '../request-helpers.js';
import type { HttpServices } from '../services.js';

/** Turns the auth layer's rate-limit error into 429 with Retry-After. */
export async function withRetryAfter<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof LoginRateLimitedError) {
      throw new HttpError(429, error.message, { 'Retry-After': String(error.retryAfterSeconds) });
    }
    throw error;
  }
}

/** OctoPrint reads login values from the JSON body, or (when that is empty or not an object) form and query. */
function loginValues(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  // JSON that does not parse counts as no values (OctoPrint answers that neither user and pass nor passive came).
  if (isJsonContentType(request) && typeof body === 'object' && body !== null && !Array.isArray(body) && !(body instanceof MalformedJson) && Object.keys(body).length > 0) {
    return body as Record<string, unknown>;
  }
  return requestValues(request);
}

/** Sets the cookies of a new login session: session, remember-me if asked, and a CSRF token bound to it. */
export function startSessionCookies(request: FastifyRequest, reply: FastifyReply, result: LoginResult): void {
  const cookies = request.server.authCookies;
  if (result.sessionCookie) {
    cookies.set(request, reply, SESSION_COOKIE, result.sessionCookie, true);
    cookies.setCsrf(request, reply, result.session.id);
  }
  if (result.rememberCookie) cookies.set(request, reply, REMEMBER_COOKIE, result.rememberCookie, true, result.rememberMaxAgeSeconds);
}

/** `{name, permissions, groups}` of the identity: keys, in OctoPrint's permission order. */
export function currentUser(identity: Identity): { name: string | null; permissions: string[]; groups: string[] } {
  return {
    name: identity.name,
    permissions: PERMISSION_KEYS.filter((key) => identity.permissions.has(key)),
    groups: [...identity.groups],
  };
}

/** The passive-login answer while access control is off (D4): full admin, with a socket token that always works. */
function accessControlOffResponse(identity: Identity, external: boolean): Record<string, unknown> {
  const permissions = currentUser(identity).permissions;
  return {
    name: identity.name,
    active: true,
    permissions,
    groups: [...identity.groups],
    needs: needsOf(identity.permissions, identity.groups),
    apikey: null,
    apikeyPrefix: null,
    settings: {},
    admin: true,
    user: true,
    roles: ['user', 'admin'],
    session: randomBytes(20).toString('hex'),
    _is_external_client: external,
    _login_mechanism: identity.mechanism,
    _credentials_seen: false,
  };
}

/**
 * An active login with user and pass (rate-limited per client address): sets the session, remember-me and device
 * cookies, and ends an earlier active logout. Throws on wrong credentials (403) or too many failures (429).
 */
export async function loginWithPassword(request: FastifyRequest, reply: FastifyReply, services: HttpServices, values: Record<string, unknown>): Promise<LoginResult> {
  const clientIp = request.origin.clientIp;
  const account = typeof values.user === 'string' ? values.user.slice(0, 64) : null;
  const result = await withRetryAfter(() =>
    services.access.login.active({
      user: values.user,
      pass: values.pass,
      remember: isTruthy(values.remember),
      clientIp,
      previousSessionId: request.identity.mechanism === 'apikey' ? null : request.identity.sessionId,
      deviceToken: suffixedCookies(request, request.origin)[DEVICE_COOKIE] ?? null,
    }),
  ).catch((error: unknown) => {
    services.logger.warn({ user: account, clientIp, reason: (error as Error).message }, 'Login failed');
    throw error;
  });
  services.logger.info({ user: result.identity.name, clientIp }, 'Logged in');
  startSessionCookies(request, reply, result);
  if (result.deviceCookie) request.server.authCookies.set(request, reply, DEVICE_COOKIE, result.deviceCookie, true, DEVICE_COOKIE_MAX_AGE);
  request.server.authCookies.clear(request, reply, ACTIVE_LOGOUT_COOKIE);
  request.server.authCookies.clearUnsuffixed(request, reply, ACTIVE_LOGOUT_COOKIE);
  return result;
}

export function registerLoginRoutes(app: FastifyInstance, services: HttpServices): void {
  const access = services.access;

  app.post('/api/login', { config: { permission: 'none' } }, async (request, reply) => {
    const values = loginValues(request);
    const clientIp = request.origin.clientIp;
    if ('user' in values && 'pass' in values) {
      const result = await loginWithPassword(request, reply, services, values);
      return access.login.response(result.identity, result.session, clientIp);
    }
    if ('passive' in values) {
      const identity = request.identity;
      if (identity.mechanism === 'access_control_disabled') {
        return accessControlOffResponse(identity, access.login.response(identity, null, clientIp)._is_external_client);
      }
      const activeLogout = suffixedCookies(request, request.origin)[ACTIVE_LOGOUT_COOKIE] === 'true';
      const result = access.login.passive(identity, { clientIp, activeLogout });
      if (!result) return access.login.response(identity, null, clientIp);
      startSessionCookies(request, reply, result);
      return access.login.response(result.identity, result.session, clientIp);
    }
    throw httpErrors.badRequest('Neither user and pass attributes nor passive flag present');
  });

  app.post('/api/logout', { config: { permission: 'none' } }, async (request, reply) => {
    const cookies = request.server.authCookies;
    const remembered = suffixedCookies(request, request.origin)[REMEMBER_COOKIE];
    await access.login.logout(request.identity, remembered);
    // The browser keeps a session cookie, now a guest's, as with OctoPrint.
    cookies.guestSession(request, reply, true);
    if (remembered !== undefined) {
      cookies.clear(request, reply, REMEMBER_COOKIE);
      cookies.clearUnsuffixed(request, reply, REMEMBER_COOKIE);
    }
    // Keeps autologin from logging the browser straight back in, as OctoPrint does (readable by the page, like its).
    cookies.set(request, reply, ACTIVE_LOGOUT_COOKIE, 'true', false);
    // A fresh token for the login form that follows.
    cookies.setCsrf(request, reply, null);
    return noContent(reply);
  });

  app.get('/api/currentuser', { config: { permission: 'none' } }, async (request) => currentUser(request.identity));
}
