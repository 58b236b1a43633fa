// Logging in and out: active (password) and passive login, remember-me, autologin, and OctoPrint's login response.
import { ArgonautError } from '../shared/index.js';
import { guestOf, identityForSession, identityForUser, isExternalClient } from './auth-context.js';
import type { AuthContext } from './auth-context.js';
import type { Identity } from './identity.js';
import { inAnySubnet } from './network.js';
import { comparableUserName } from './account-rules.js';
import { needsOf, userRecord } from './records.js';
import type { UserRecord } from './records.js';
import { RememberMeStore } from './remember-me-store.js';
import type { LoginSession } from './session-store.js';

/** The one answer for a wrong password, an unknown user and a deactivated account. */
/** OctoPrint answers a failed login with the standard 403 text, telling nothing about which part was wrong. */
export const LOGIN_FAILED_MESSAGE = "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.";

export const RATE_LIMITED_MESSAGE = 'You have made too many failed login attempts. Please wait a while and try again.';

/** 429: too many failed attempts; carries the seconds to wait (for Retry-After). */
export class LoginRateLimitedError extends ArgonautError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate-limited', RATE_LIMITED_MESSAGE);
  }
}

export interface LoginResult {
  identity: Identity;
  session: LoginSession;
  /** Value for the session cookie, or null when the session is for the push socket only. */
  sessionCookie: string | null;
  /** Value for the remember-me cookie when one was asked for. */
  rememberCookie: string | null;
  rememberMaxAgeSeconds: number;
  /** A device token for this account, after a password login (see DeviceTokens). */
  deviceCookie?: string;
}

export type LoginResponse =
  | (UserRecord & { session: string; _is_external_client: boolean; _login_mechanism: string | null; _credentials_seen: string | false })
  | { needs: ReturnType<typeof needsOf>; _is_external_client: boolean; _credentials_seen: false };

/** `2024-05-01T12:00:00Z`: ISO 8601 in UTC without fractions, like OctoPrint. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class LoginService {
  constructor(private readonly context: AuthContext) {}

  /**
   * Throws LoginRateLimitedError (429) while this address is limited (or the account's queue of unknown devices is
   * too long); otherwise waits for the account's turn when its attempts are paced.
   */
  async checkRate(clientIp: string, account: string | null, now: number, knownDevice = false): Promise<void> {
    const decision = this.context.limiter.check(clientIp, account, now, { knownDevice });
    if (decision.limited) throw new LoginRateLimitedError(decision.retryAfterSeconds);
    // Stopping the server ends the wait: the attempt is then refused, not made.
    if (decision.waitMs > 0 && !(await this.context.waits.wait(decision.waitMs))) throw new LoginRateLimitedError(1);
  }

  /**
   * Active login. Wrong password, unknown user and deactivated account all give the same 403 after the same work
   * (an unknown user's password is checked against a dummy hash). `deviceToken` is the device cookie of an earlier
   * login, if any; a successful login returns a new one.
   */
  async active(input: {
    user: unknown;
    pass: unknown;
    remember: boolean;
    clientIp: string;
    previousSessionId: string | null;
    deviceToken?: string | null;
  }): Promise<LoginResult> {
    const context = this.context;
    const now = context.now();
    if (typeof input.user !== 'string' || typeof input.pass !== 'string') {
      throw new ArgonautError('invalid', 'user and pass must be text.');
    }
    if (context.storeExpired?.()) throw new ArgonautError('unavailable', 'The shared user database cannot be reached: logins are refused until it is back.');
    // Names match case-insensitively, as creation treats names differing only in case as the same user.
    const user = context.users.findForLogin(input.user);
    const accountName = user?.name ?? comparableUserName(input.user);
    const knownDevice = user !== undefined && context.devices.knows(input.deviceToken, user.name, user.securityStamp);
    await this.checkRate(input.clientIp, accountName, now, knownDevice);
    const check = await context.hasher.verify(input.pass, user?.passwordHash ?? null);
    if (!user || !check.ok || !user.active) {
      context.limiter.recordFailure(input.clientIp, accountName, context.now(), { knownDevice });
      throw new ArgonautError('forbidden', LOGIN_FAILED_MESSAGE);
    }
    let current = user;
    if (check.needsRehash) {
      // OctoPrint's sha512 (or a weaker argon2) hash becomes today's argon2id, without ending other sessions.
      current = await context.users.update(user.name, { passwordHash: await context.hasher.hash(input.pass) });
    }
    if (input.previousSessionId) context.sessions.end(input.previousSessionId);
    const seen = context.now();
    let rememberCookie: string | null = null;
    let rememberId: string | null = null;
    const rememberMaxAgeSeconds = context.config().accessControl.rememberMeDays * 86_400;
    if (input.remember) {
      try {
        const issued = await context.remember.issue(current.name, current.securityStamp, rememberMaxAgeSeconds * 1000, seen);
        rememberCookie = issued.cookie;
        rememberId = issued.token.id;
      } catch (error) {
        // The shared store is away: the login holds, without a remember-me token.
        if (!(error instanceof ArgonautError && error.code === 'unavailable')) throw error;
        context.warn(`No remember-me token for ${current.name}: ${error.message}`);
      }
    }
    const { session, cookie } = context.sessions.create(
      { userName: current.name, mechanism: 'password', credentialsSeen: seen, securityStamp: current.securityStamp, rememberId, withCookie: true },
      seen,
    );
    context.events?.emit('UserLoggedIn', { username: current.name });
    const identity = identityForUser(context, current, { mechanism: 'password', credentialsSeen: seen, sessionId: session.id });
    const deviceCookie = context.devices.issue(current.name, current.securityStamp);
    return { identity, session, sessionCookie: cookie, rememberCookie, rememberMaxAgeSeconds, deviceCookie };
  }

  /**
   * Passive login: reports who the request already is. A cookie session keeps its socket token; an API key gets a
   * new socket-only session (no cookie); a guest from a local network may be logged in as `autologinAs`.
   */
  passive(identity: Identity, input: { clientIp: string; activeLogout: boolean }): LoginResult | null {
    const context = this.context;
    const now = context.now();
    if (identity.name === null) return this.autologin(input.clientIp, input.activeLogout, now);
    const user = context.users.find(identity.name);
    if (!user) return null;
    if (identity.sessionId) {
      const session = context.sessions.get(identity.sessionId, now);
      if (session) return { identity, session, sessionCookie: null, rememberCookie: null, rememberMaxAgeSeconds: 0 };
    }
    const { session } = context.sessions.create(
      {
        userName: user.name,
        mechanism: identity.mechanism ?? 'apikey',
        credentialsSeen: identity.credentialsSeen,
        securityStamp: user.securityStamp,
        withCookie: false,
        apiKeyHash: identity.appKeyId === null ? (user.apiKey?.hash ?? null) : null,
        appKeyId: identity.appKeyId,
        scope: identity.appKeyId === null ? null : [...identity.permissions],
      },
      now,
    );
    return { identity, session, sessionCookie: null, rememberCookie: null, rememberMaxAgeSeconds: 0 };
  }

  /** A session from a remember-me cookie (mechanism remember_me: not fresh for sensitive changes). */
  async resumeRemembered(cookie: string, now: number): Promise<{ identity: Identity; sessionCookie: string } | null> {
    const context = this.context;
    const token = context.remember.verify(cookie, now);
    if (!token) return null;
    const user = context.users.find(token.user);
    if (!user || !user.active || user.securityStamp !== token.stamp) {
      await context.remember.revoke(token.id, now);
      return null;
    }
    const { session, cookie: sessionCookie } = context.sessions.create(
      { userName: user.name, mechanism: 'remember_me', credentialsSeen: null, securityStamp: user.securityStamp, rememberId: token.id, withCookie: true },
      now,
    );
    const identity = identityForSession(context, session);
    return identity && sessionCookie ? { identity, sessionCookie } : null;
  }

  /** Ends the request's session and revokes its remember-me token (from the session or the cookie). */
  async logout(identity: Identity, rememberCookie: string | undefined): Promise<void> {
    const context = this.context;
    const now = context.now();
    const tokens: string[] = [];
    if (identity.sessionId) {
      const ended = context.sessions.end(identity.sessionId);
      if (ended) tokens.push(ended.token);
      if (ended?.rememberId) await context.remember.revoke(ended.rememberId, now);
    }
    if (rememberCookie) {
      const token = context.remember.verify(rememberCookie, now);
      const id = RememberMeStore.idOf(rememberCookie);
      if (token && id) await context.remember.revoke(id, now);
    }
    if (identity.name !== null && identity.mechanism !== 'access_control_disabled') {
      context.events?.emit('UserLoggedOut', { username: identity.name });
      if (tokens.length > 0) context.sessionsChanged({ userName: identity.name, reason: 'logout', tokens });
    }
  }

  /** The login response: the user record plus `session`, `_is_external_client`, `_login_mechanism`, `_credentials_seen`. */
  response(identity: Identity, session: LoginSession | null, clientIp: string): LoginResponse {
    const context = this.context;
    const external = isExternalClient(context.config(), clientIp);
    const user = identity.name === null ? undefined : context.users.find(identity.name);
    if (!user || !session) {
      return { needs: needsOf(guestOf(context).permissions, ['guests']), _is_external_client: external, _credentials_seen: false };
    }
    return {
      ...userRecord(user, context.groups),
      session: session.token,
      _is_external_client: external,
      _login_mechanism: identity.mechanism,
      _credentials_seen: identity.credentialsSeen === null ? false : isoSeconds(identity.credentialsSeen),
    };
  }

  private autologin(clientIp: string, activeLogout: boolean, now: number): LoginResult | null {
    const context = this.context;
    const settings = context.config().accessControl;
    if (!settings.autologinLocal || !settings.autologinAs || activeLogout) return null;
    if (!inAnySubnet(clientIp, settings.localNetworks)) return null;
    const user = context.users.find(settings.autologinAs);
    if (!user || !user.active) return null;
    const { session, cookie } = context.sessions.create(
      { userName: user.name, mechanism: 'autologin', credentialsSeen: null, securityStamp: user.securityStamp, withCookie: true },
      now,
    );
    const identity = identityForUser(context, user, { mechanism: 'autologin', credentialsSeen: null, sessionId: session.id });
    return { identity, session, sessionCookie: cookie, rememberCookie: null, rememberMaxAgeSeconds: 0 };
  }
}
