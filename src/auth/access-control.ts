// Access control as one service: builds the stores, authenticates requests and push-socket sessions.
import type { Basedir, ConfigStore } from '../config/index.js';
import type { EventBus } from '../events/index.js';
import { toDisposable } from '../shared/index.js';
import type { Disposable } from '../shared/index.js';
import { AccountService } from './account-service.js';
import { ApiKeyCache } from './api-key-cache.js';
import { hashApiKey, plausibleApiKey } from './api-keys.js';
import { guestOf, identityForSession, identityForUser, identityWithPermissions } from './auth-context.js';
import type { AuthContext, SessionChange } from './auth-context.js';
import { accessControlDisabledIdentity } from './authenticator.js';
import type { AuthRequest, Authenticator } from './authenticator.js';
import { ANONYMOUS_BINDING, CsrfTokens, loadServerSecret } from './csrf-token.js';
import { FirstRunSetup } from './first-run-setup.js';
import { GroupStore } from './group-store.js';
import { guestIdentity } from './identity.js';
import type { Identity } from './identity.js';
import { DeviceTokens } from './device-tokens.js';
import { ProxySignOn } from './proxy-sign-on.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { LoginService } from './login-service.js';
import { PacingWaits } from './pacing-waits.js';
import { PasswordHasher } from './password-hasher.js';
import type { Argon2Parameters } from './password-hasher.js';
import type { PermissionKey } from './permissions.js';
import { RememberMeStore } from './remember-me-store.js';
import { SessionStore, isGuestSessionCookie } from './session-store.js';
import type { LoginSession } from './session-store.js';
import { SharedSessions } from './shared-sessions.js';
import type { AccessStore } from './store/index.js';
import { UserStore } from './user-store.js';
import type { UserChange } from './user-store.js';

/** Checks keys that are not user API keys (the app keys plugin registers one). */
export interface ApiKeyValidator {
  validate(key: string): Promise<{ userName: string; appKeyId: string; scope: PermissionKey[] | null } | null>;
}

/** Cookies the HTTP layer must set (a string) or clear (null) after authentication; undefined leaves them. */
export interface CookieUpdate {
  session?: string | null;
  remember?: string | null;
  /** A new session began: the CSRF cookie must be bound to it. */
  reissueCsrf?: boolean;
}

export interface AuthOutcome {
  identity: Identity;
  cookies: CookieUpdate;
}

export interface AccessControlOptions {
  basedir: Pick<Basedir, 'usersFile' | 'groupsFile' | 'sessionsFile' | 'secretFile'>;
  config: ConfigStore;
  events?: EventBus | null;
  warn?: (message: string) => void;
  now?: () => number;
  /** argon2id cost; OctoPrint's (64 MiB, 3 passes, 4 lanes) by default. */
  argon2?: Argon2Parameters;
  /** A shared store (PostgreSQL) for users, groups and remember-me tokens; the basedir's files when absent. */
  store?: AccessStore | null;
}

export class AccessControl implements Authenticator {
  readonly login: LoginService;
  readonly accounts: AccountService;
  readonly setup: FirstRunSetup;
  readonly csrf: CsrfTokens;
  private readonly context: AuthContext;
  private readonly proxySignOn: ProxySignOn;
  private readonly validators: ApiKeyValidator[] = [];
  private readonly sessionListeners = new Set<(change: SessionChange) => void>();
  private readonly subscription: Disposable;
  private readonly storeSubscription: Disposable | null;
  private failureSubscription: Disposable | null = null;
  private readonly keyOwners = new ApiKeyCache();
  private guestPermissions: { revision: number; permissions: ReadonlySet<PermissionKey> } | null = null;

  constructor(private readonly options: AccessControlOptions) {
    const now = options.now ?? Date.now;
    const warn = options.warn ?? (() => undefined);
    const config = () => options.config.config;
    const minutes = (value: number) => value * 60_000;
    // Hosts sharing a store sign CSRF and device tokens with the store's secret, so a token of one is good on all.
    const secret = options.store?.shared?.secret ?? loadServerSecret(options.basedir.secretFile);
    this.csrf = new CsrfTokens(secret);
    const store = options.store ?? null;
    this.context = {
      users: store ? UserStore.fromDocument(store.document('users'), { now, warn }) : UserStore.open(options.basedir.usersFile, { now, warn }),
      groups: store ? GroupStore.fromDocument(store.document('groups'), { now, warn }) : GroupStore.open(options.basedir.groupsFile, { now, warn }),
      sessions: new SessionStore(() => ({
        staleAfterMs: minutes(config().accessControl.sessionStaleAfter),
        lifetimeMs: minutes(config().accessControl.sessionLifetime),
      })),
      remember: new RememberMeStore(store ? store.document('remember') : options.basedir.sessionsFile, now(), warn),
      hasher: new PasswordHasher({ legacySalt: config().accessControl.salt, parameters: options.argon2 }),
      limiter: new LoginRateLimiter(() => config().devel.enableRateLimiter),
      waits: new PacingWaits(),
      csrf: this.csrf,
      devices: new DeviceTokens(secret),
      events: options.events ?? null,
      config,
      now,
      warn,
      sessionsChanged: (change) => this.notifySessions(change),
      storeExpired: () => this.storeExpired(),
    };
    this.login = new LoginService(this.context);
    this.proxySignOn = new ProxySignOn(this.context);
    this.accounts = new AccountService(this.context);
    this.setup = new FirstRunSetup(this.context, options.config);
    this.subscription = this.context.users.onDidChange((change) => this.onUserChanged(change));
    // Cookie sessions are good on every host sharing the store.
    const sharedSessions = store?.shared ? new SharedSessions(this.context.sessions, store.shared.sessions, warn) : null;
    // Failed logins count on every host sharing the store.
    if (store) {
      this.context.limiter.onRecord = (address, account, at, knownDevice) => store.shareLoginFailure({ address, account, at, knownDevice });
      this.failureSubscription = store.onDidFailElsewhere((f) => this.context.limiter.recordElsewhere(f.address, f.account, f.at, f.knownDevice));
    }
    // Another host changed users, groups or tokens: its data is in place, the stores read it now.
    this.storeSubscription =
      store?.onDidChange((name) => {
        if (name === 'users' || name === 'groups') this.refresh();
        if (name === 'remember') this.context.remember.refresh(this.context.now());
        if (name === 'sessions' && sharedSessions) this.endedElsewhere(sharedSessions.refresh());
      }) ?? null;
  }

  /** Sessions another host ended (a logout there): their push sockets here are told. */
  private endedElsewhere(ended: LoginSession[]): void {
    for (const session of ended) this.notifySessions({ userName: session.userName, reason: 'logout', tokens: session.token ? [session.token] : [] });
  }

  /** A shared store unreachable for longer than its grace time: no credential is trusted until it is back. */
  private storeExpired(): boolean {
    return this.options.store?.status().expired === true;
  }

  /** The Authenticator contract: the identity only (cookies are the HTTP layer's business, see authenticateRequest). */
  async authenticate(request: AuthRequest): Promise<Identity> {
    return (await this.authenticateRequest(request)).identity;
  }

  /** The id of the live login session a session cookie names (what its CSRF token is bound to), or null. */
  sessionIdOfCookie(cookie: string, now: number): string | null {
    return this.context.sessions.findByCookie(cookie, now)?.id ?? null;
  }

  /**
   * API key first (a wrong key means guest, never a fallback), then what a trusted proxy vouches for (Basic
   * authentication, remote user; only when switched on), then the session cookie, then remember-me.
   */
  async authenticateRequest(request: AuthRequest): Promise<AuthOutcome> {
    return this.authenticateNow(request);
  }

  /**
   * authenticateRequest without a promise when nothing needs waiting for (a user's API key, a session cookie, no
   * credentials): the HTTP layer calls this on every request. App keys and remember-me cookies still give a promise.
   */
  authenticateNow(request: AuthRequest): AuthOutcome | Promise<AuthOutcome> {
    const now = request.now;
    if (this.storeExpired()) return { identity: this.guestNow(), cookies: {} };
    if (plausibleApiKey(request.apiKey)) {
      const key = request.apiKey;
      const userKey = this.identityForUserKey(key, now);
      if (userKey !== undefined) return { identity: userKey ?? this.guestNow(), cookies: {} };
      if (this.validators.length === 0) return { identity: this.guestNow(), cookies: {} };
      return this.identityForValidatedKey(key, now).then((identity) => ({ identity: identity ?? this.guestNow(), cookies: {} }));
    }
    if (request.header && request.origin.proxied && this.proxySignOn.enabled()) {
      const proxied = { origin: request.origin, header: request.header };
      return this.proxySignOn.identify(proxied, now).then((identity) => (identity ? { identity, cookies: {} } : this.fromCookies(request, now)));
    }
    return this.fromCookies(request, now);
  }

  /** The session cookie, else the remember-me cookie, else the guest. */
  private fromCookies(request: AuthRequest, now: number): AuthOutcome | Promise<AuthOutcome> {
    const context = this.context;
    const cookies: CookieUpdate = {};
    const sessionCookie = request.cookies.session;
    if (sessionCookie && !isGuestSessionCookie(sessionCookie)) {
      const session = context.sessions.findByCookie(sessionCookie, now);
      const identity = session ? identityForSession(context, session) : null;
      if (session && identity) {
        context.sessions.touch(session, now);
        return { identity, cookies };
      }
      cookies.session = null;
    }
    const rememberCookie = request.cookies.remember_token;
    if (rememberCookie) {
      return this.login.resumeRemembered(rememberCookie, now).then((resumed) => {
        if (resumed) return { identity: resumed.identity, cookies: { session: resumed.sessionCookie, reissueCsrf: true } };
        cookies.remember = null;
        return { identity: this.guestNow(), cookies };
      });
    }
    return { identity: this.guestNow(), cookies };
  }

  /** The identity of a user API key or of a key a registered validator accepts; null when none does. */
  async identityForApiKey(key: string, now: number): Promise<Identity | null> {
    if (this.storeExpired()) return null;
    const userKey = this.identityForUserKey(key, now);
    return userKey !== undefined ? userKey : this.identityForValidatedKey(key, now);
  }

  /**
   * A user's own API key: their identity (null when the user is inactive); undefined when no user has this key.
   * Verified owners are cached by key hash until users or groups change (see ApiKeyCache).
   */
  private identityForUserKey(key: string, now: number): Identity | null | undefined {
    const context = this.context;
    const hash = hashApiKey(key);
    const revisions = { users: context.users.revision, groups: context.groups.revision };
    let owner = this.keyOwners.get(hash, revisions);
    if (!owner) {
      const user = context.users.findByApiKey(key, hash);
      if (!user) return undefined;
      owner = { user, permissions: context.groups.permissionsOfUser(user) };
      this.keyOwners.set(hash, owner, revisions);
    }
    return owner.user.active ? identityWithPermissions(owner.user, owner.permissions, { mechanism: 'apikey', credentialsSeen: now }) : null;
  }

  /** A key that is no user's own: the first registered validator (app keys) that accepts it decides. */
  private async identityForValidatedKey(key: string, now: number): Promise<Identity | null> {
    const context = this.context;
    for (const validator of [...this.validators]) {
      let result: Awaited<ReturnType<ApiKeyValidator['validate']>> = null;
      try {
        result = await validator.validate(key);
      } catch (error) {
        context.warn(`An API key validator failed: ${(error as Error).message}`);
      }
      if (!result) continue;
      const user = context.users.find(result.userName);
      if (!user || !user.active) return null;
      return identityForUser(context, user, { mechanism: 'apikey', credentialsSeen: now, appKeyId: result.appKeyId, scope: result.scope });
    }
    return null;
  }

  /** Adds a key validator (app keys); user keys are always tried first. */
  registerApiKeyValidator(validator: ApiKeyValidator): Disposable {
    this.validators.push(validator);
    return toDisposable(() => {
      const index = this.validators.indexOf(validator);
      if (index >= 0) this.validators.splice(index, 1);
    });
  }

  /** Ends the socket sessions a passive login with this app key opened (the key was revoked or replaced). */
  endAppKeySessions(userName: string, appKeyId: string): void {
    const ended = this.context.sessions.sessionsOf(userName).filter((s) => s.appKeyId === appKeyId);
    for (const session of ended) this.context.sessions.end(session.id);
    if (ended.length > 0) this.notifySessions({ userName, reason: 'logout', tokens: ended.map((s) => s.token) });
  }

  /** For the push socket's `{"auth": "<user>:<session>"}`: the identity, or null when stale, ended or wrong. */
  validateSocketSession(userName: string, sessionToken: string): Identity | null {
    if (!this.options.config.config.accessControl.enabled) return accessControlDisabledIdentity();
    if (this.storeExpired()) return null;
    const session = this.context.sessions.findByToken(userName, sessionToken, this.context.now());
    return session ? identityForSession(this.context, session) : null;
  }

  /** Keeps a session from going stale (an authenticated socket calls this about every minute). */
  touchSession(userName: string, sessionToken: string): boolean {
    const now = this.context.now();
    const session = this.context.sessions.findByToken(userName, sessionToken, now);
    if (!session || !identityForSession(this.context, session)) return false;
    this.context.sessions.touch(session, now);
    return true;
  }

  /**
   * What a CSRF token of this identity is bound to: its login session; for a user a proxy signed on (no session),
   * the user and their security stamp; otherwise no one (ANONYMOUS_BINDING).
   */
  csrfBinding(identity: Identity): string {
    if (identity.sessionId) return identity.sessionId;
    if ((identity.mechanism === 'authheader' || identity.mechanism === 'remote_user') && identity.name !== null) {
      const user = this.context.users.find(identity.name);
      if (user) return `remote:${user.name}:${user.securityStamp}`;
    }
    return ANONYMOUS_BINDING;
  }

  /** The identity of an unauthenticated client: the guests group's permissions (admin when access control is off). */
  guest(): Identity {
    if (!this.options.config.config.accessControl.enabled) return accessControlDisabledIdentity();
    return this.guestNow();
  }

  /** The guest identity with the guests group's permissions, computed again only when the groups change. */
  private guestNow(): Identity {
    const revision = this.context.groups.revision;
    if (this.guestPermissions?.revision !== revision) {
      this.guestPermissions = { revision, permissions: guestOf(this.context).permissions };
    }
    return guestIdentity(this.guestPermissions.permissions);
  }

  /** Told when sessions end (logout, user removed) or their rights change (user or group modified). */
  onDidChangeSessions(listener: (change: SessionChange) => void): Disposable {
    this.sessionListeners.add(listener);
    return toDisposable(() => this.sessionListeners.delete(listener));
  }

  /** Picks up users.yaml / groups.yaml edits from other processes (the server calls this when either file changes). */
  refresh(): void {
    this.context.users.refresh();
    this.context.groups.refresh();
  }

  /** Answers the login attempts waiting for their turn at once (429), so stopping the server does not wait for them. */
  endLoginWaits(): void {
    this.context.waits.stop();
  }

  /** Waits for pending writes; call before exit. */
  async close(): Promise<void> {
    this.endLoginWaits();
    this.subscription.dispose();
    this.storeSubscription?.dispose();
    this.failureSubscription?.dispose();
    await Promise.all([this.context.users.flush(), this.context.groups.flush(), this.context.remember.flush()]);
  }

  private onUserChanged(change: UserChange): void {
    const context = this.context;
    const now = context.now();
    const tokens = context.sessions.sessionsOf(change.name).map((s) => s.token);
    if (change.kind === 'removed') {
      context.sessions.endAllFor(change.name);
      void context.remember.revokeAllFor(change.name, now).catch(() => undefined);
      this.notifySessions({ userName: change.name, reason: 'removed', tokens });
      return;
    }
    if (change.kind !== 'modified') return;
    const user = context.users.find(change.name);
    for (const session of context.sessions.sessionsOf(change.name)) identityForSession(context, session);
    for (const token of context.remember.tokensOf(change.name)) {
      if (!user || !user.active || token.stamp !== user.securityStamp) void context.remember.revoke(token.id, now).catch(() => undefined);
    }
    if (tokens.length > 0) this.notifySessions({ userName: change.name, reason: 'modified', tokens });
  }

  private notifySessions(change: SessionChange): void {
    for (const listener of [...this.sessionListeners]) {
      try {
        listener(change);
      } catch (error) {
        this.context.warn(`A session listener failed: ${(error as Error).message}`);
      }
    }
  }
}
