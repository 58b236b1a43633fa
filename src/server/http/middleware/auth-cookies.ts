// OctoPrint's cookies with the `_P<port>[_R<root>]` suffix: session, remember-me, CSRF token, active_logout.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS_BINDING, cookieSuffix, isGuestSessionCookie, newGuestSessionCookie } from '../../../auth/index.js';
import type { AccessControl, CookieUpdate } from '../../../auth/index.js';
import type { ConfigStore } from '../../../config/index.js';

export const SESSION_COOKIE = 'session';
export const REMEMBER_COOKIE = 'remember_token';
export const CSRF_COOKIE = 'csrf_token';
export const ACTIVE_LOGOUT_COOKIE = 'active_logout';
/** Proof of an earlier login on an account from this browser or app: it skips the account's login pacing. */
export const DEVICE_COOKIE = 'device_token';
export const DEVICE_COOKIE_MAX_AGE = 365 * 86_400;

interface CookieOptions {
  path: string;
  httpOnly: boolean;
  sameSite: 'lax' | 'strict' | 'none';
  secure: boolean;
  maxAge?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Sets and clears the authentication cookies (see setCsrfCookie). */
    authCookies: AuthCookies;
  }
}

/** Cookie writing for one server: names get the request's suffix, flags follow config.yaml and the scheme. */
export class AuthCookies {
  constructor(
    private readonly config: ConfigStore,
    private readonly access: AccessControl,
  ) {}

  options(request: FastifyRequest, httpOnly: boolean, maxAge?: number): CookieOptions {
    const cookies = this.config.config.server.cookies;
    const sameSite = cookies.samesite.toLowerCase() as CookieOptions['sameSite'];
    return {
      path: `${request.origin.scriptRoot}/`,
      httpOnly,
      sameSite,
      // SameSite=None is only accepted by browsers on Secure cookies.
      secure: request.origin.scheme === 'https' || cookies.secure || sameSite === 'none',
      ...(maxAge === undefined ? {} : { maxAge }),
    };
  }

  name(request: FastifyRequest, base: string): string {
    return base + cookieSuffix(request.origin);
  }

  set(request: FastifyRequest, reply: FastifyReply, base: string, value: string, httpOnly: boolean, maxAge?: number): void {
    reply.setCookie(this.name(request, base), value, this.options(request, httpOnly, maxAge));
  }

  clear(request: FastifyRequest, reply: FastifyReply, base: string): void {
    const { path, secure, sameSite } = this.options(request, true);
    reply.clearCookie(this.name(request, base), { path, secure, sameSite });
  }

  /** Clears a cookie OctoPrint also sets without the port suffix and without SameSite (`active_logout`, `remember_token`). */
  clearUnsuffixed(request: FastifyRequest, reply: FastifyReply, base: string): void {
    reply.clearCookie(base, { path: `${request.origin.scriptRoot}/`, sameSite: false, secure: this.options(request, true).secure });
  }

  /**
   * Gives a browser that is not logged in a guest session cookie, as OctoPrint's Flask session does (it grants
   * nothing; see isGuestSessionCookie). `replace`: even when it holds one (after a logout).
   */
  guestSession(request: FastifyRequest, reply: FastifyReply, replace = false): void {
    // A request made with a key never gets a session cookie (SESS-10).
    if (request.identity?.mechanism === 'apikey' || (!replace && request.identity?.sessionId)) return;
    const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies ?? {};
    const held = cookies[this.name(request, SESSION_COOKIE)];
    if (!replace && held !== undefined && isGuestSessionCookie(held)) return;
    this.set(request, reply, SESSION_COOKIE, newGuestSessionCookie(), true);
  }

  /**
   * A CSRF token readable by scripts, bound to this login session (null: to no one); by default to the request's
   * identity (its session, or the user a proxy signed on).
   */
  /** Issues a CSRF token bound to the session (or to the request's identity) in the cookie, and returns it. */
  setCsrf(request: FastifyRequest, reply: FastifyReply, sessionId?: string | null): string {
    let binding = ANONYMOUS_BINDING;
    if (sessionId) binding = sessionId;
    else if (sessionId === undefined && request.identity) binding = this.access.csrfBinding(request.identity);
    const token = this.access.csrf.issue(binding);
    this.set(request, reply, CSRF_COOKIE, token, false);
    return token;
  }

  /** Applies what authentication decided: a new session (from remember-me), or clearing dead cookies. */
  apply(request: FastifyRequest, reply: FastifyReply, update: CookieUpdate): void {
    if (update.session === null) this.clear(request, reply, SESSION_COOKIE);
    else if (update.session !== undefined) this.set(request, reply, SESSION_COOKIE, update.session, true);
    if (update.remember === null) this.clear(request, reply, REMEMBER_COOKIE);
    if (update.reissueCsrf) this.setCsrf(request, reply);
  }
}

/**
 * Sets the `csrf_token_P<port>[_R<root>]` cookie. Call it when serving the UI page (`/`), the login page and the
 * recovery page; the browser then sends the value back in `X-CSRF-Token` on every write.
 */
export function setCsrfCookie(request: FastifyRequest, reply: FastifyReply): string {
  return request.server.authCookies.setCsrf(request, reply);
}
