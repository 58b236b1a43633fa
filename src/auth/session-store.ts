// Login sessions, in memory: a cookie secret for browsers, a separate token for the push socket, staleness and lifetime.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { LoginMechanism } from './identity.js';
import type { PermissionKey } from './permissions.js';

export interface LoginSession {
  /** Internal id: Identity.sessionId and what CSRF tokens are bound to. Never sent to the client. */
  readonly id: string;
  /** The `session` value of the login response, for the push socket's `auth` message. */
  readonly token: string;
  readonly userName: string;
  readonly mechanism: LoginMechanism;
  readonly createdAt: number;
  touchedAt: number;
  /** When a password was last entered in this session (null: never, e.g. remember-me). */
  credentialsSeen: number | null;
  /** The user's security stamp at login; a different stamp now means the session is dead. */
  securityStamp: string;
  /** The remember-me token this session came with or created, revoked with it on logout. */
  rememberId: string | null;
  /** Whether a cookie carries this session (false: made by a passive login with an API key, socket only). */
  readonly hasCookie: boolean;
  /** For sessions made with a user API key: that key's hash; the session dies when the key changes. */
  readonly apiKeyHash: string | null;
  /** For sessions made with an app key: its id and scope. */
  readonly appKeyId: string | null;
  readonly scope: readonly PermissionKey[] | null;
}

export interface SessionTimes {
  /** Untouched this long, a session is stale (accessControl.sessionStaleAfter). */
  staleAfterMs: number;
  /** Absolute lifetime (accessControl.sessionLifetime). */
  lifetimeMs: number;
}

export interface NewSession {
  userName: string;
  mechanism: LoginMechanism;
  credentialsSeen: number | null;
  securityStamp: string;
  rememberId?: string | null;
  withCookie: boolean;
  apiKeyHash?: string | null;
  appKeyId?: string | null;
  scope?: readonly PermissionKey[] | null;
}

/**
 * A session cookie for a visitor who is not logged in (OctoPrint's Flask gives every browser one): random, names no
 * session and grants nothing; it only keeps the browser's cookie jar shaped like OctoPrint's.
 */
export const GUEST_SESSION_PREFIX = 'guest.';

export function newGuestSessionCookie(): string {
  return GUEST_SESSION_PREFIX + randomBytes(18).toString('base64url');
}

export function isGuestSessionCookie(cookie: string): boolean {
  return cookie.startsWith(GUEST_SESSION_PREFIX) && /^[A-Za-z0-9_-]{24}$/.test(cookie.slice(GUEST_SESSION_PREFIX.length));
}

/** Most sessions one user may hold at once; the oldest goes first. */
const MAX_SESSIONS_PER_USER = 200;

function digest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A session as another host shares it: its secrets only as sha256 digests (hex). */
export interface SharedSessionRecord {
  id: string;
  cookieDigest: string;
  tokenDigest: string;
  userName: string;
  mechanism: LoginMechanism;
  createdAt: number;
  touchedAt: number;
  credentialsSeen: number | null;
  securityStamp: string;
  rememberId: string | null;
}

export type SessionChangeKind = 'created' | 'touched' | 'ended';

export class SessionStore {
  private readonly byId = new Map<string, LoginSession>();
  /** sha256(cookie secret) → session id. */
  private readonly byCookie = new Map<string, string>();
  private readonly cookieOf = new Map<string, string>();
  /** sha256(socket token) of each session (hex): sessions of other hosts are known by it alone. */
  private readonly tokenDigests = new Map<string, string>();
  /** Told of sessions made, touched or ended here (a shared store passes cookie sessions on to other hosts). */
  onDidChange: ((kind: SessionChangeKind, session: LoginSession) => void) | null = null;

  constructor(private readonly times: () => SessionTimes) {}

  /** What another host needs to know a cookie session by; null for a socket-only session. */
  shareable(session: LoginSession): SharedSessionRecord | null {
    const cookieDigest = this.cookieOf.get(session.id);
    const tokenDigest = this.tokenDigests.get(session.id);
    if (!session.hasCookie || cookieDigest === undefined || tokenDigest === undefined || session.apiKeyHash !== null || session.appKeyId !== null) return null;
    const { id, userName, mechanism, createdAt, touchedAt, credentialsSeen, securityStamp, rememberId } = session;
    return { id, cookieDigest, tokenDigest, userName, mechanism, createdAt, touchedAt, credentialsSeen, securityStamp, rememberId };
  }

  /** A session another host made: known here by its digests (its socket token is not, so it is left empty). */
  adopt(record: SharedSessionRecord): LoginSession {
    const known = this.byId.get(record.id);
    if (known) {
      known.touchedAt = Math.max(known.touchedAt, record.touchedAt);
      known.securityStamp = record.securityStamp;
      known.credentialsSeen = record.credentialsSeen;
      return known;
    }
    const session: LoginSession = { ...record, token: '', hasCookie: true, apiKeyHash: null, appKeyId: null, scope: null };
    this.byId.set(session.id, session);
    this.byCookie.set(record.cookieDigest, session.id);
    this.cookieOf.set(session.id, record.cookieDigest);
    this.tokenDigests.set(session.id, record.tokenDigest);
    return session;
  }

  /** Every session (live or not yet swept). */
  all(): LoginSession[] {
    return [...this.byId.values()];
  }

  /** Starts a session; returns it and the cookie value (null for socket-only sessions). */
  create(input: NewSession, now: number): { session: LoginSession; cookie: string | null } {
    this.sweep(now);
    const session: LoginSession = {
      id: randomBytes(16).toString('hex'),
      token: randomBytes(20).toString('hex'),
      userName: input.userName,
      mechanism: input.mechanism,
      createdAt: now,
      touchedAt: now,
      credentialsSeen: input.credentialsSeen,
      securityStamp: input.securityStamp,
      rememberId: input.rememberId ?? null,
      hasCookie: input.withCookie,
      apiKeyHash: input.apiKeyHash ?? null,
      appKeyId: input.appKeyId ?? null,
      scope: input.scope ?? null,
    };
    this.byId.set(session.id, session);
    this.tokenDigests.set(session.id, digest(session.token));
    let cookie: string | null = null;
    if (input.withCookie) {
      cookie = randomBytes(32).toString('base64url');
      const hashed = digest(cookie);
      this.byCookie.set(hashed, session.id);
      this.cookieOf.set(session.id, hashed);
    }
    this.limitPerUser(input.userName);
    this.onDidChange?.('created', session);
    return { session, cookie };
  }

  /** The live session for a cookie value; stale or expired ones are ended and give null. */
  findByCookie(cookie: string, now: number): LoginSession | null {
    if (cookie.length === 0 || cookie.length > 200) return null;
    const id = this.byCookie.get(digest(cookie));
    return id === undefined ? null : this.live(id, now);
  }

  /** The live session with this socket token for this user (constant-time token comparison). */
  findByToken(userName: string, token: string, now: number): LoginSession | null {
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) return null;
    let found: LoginSession | null = null;
    const presented = Buffer.from(digest(token), 'hex');
    for (const session of this.byId.values()) {
      const stored = this.tokenDigests.get(session.id);
      if (session.userName === userName && stored !== undefined && timingSafeEqual(Buffer.from(stored, 'hex'), presented)) found = session;
    }
    return found === null ? null : this.live(found.id, now);
  }

  get(id: string, now: number): LoginSession | null {
    return this.live(id, now);
  }

  touch(session: LoginSession, now: number): void {
    session.touchedAt = Math.max(session.touchedAt, now);
    this.onDidChange?.('touched', session);
  }

  end(id: string): LoginSession | null {
    const session = this.byId.get(id) ?? null;
    this.byId.delete(id);
    const hashed = this.cookieOf.get(id);
    if (hashed !== undefined) this.byCookie.delete(hashed);
    this.cookieOf.delete(id);
    this.tokenDigests.delete(id);
    if (session) this.onDidChange?.('ended', session);
    return session;
  }

  /** Ends every session of a user except one (e.g. the one that just changed the password). */
  endAllFor(userName: string, exceptId: string | null = null): LoginSession[] {
    const ended: LoginSession[] = [];
    for (const session of [...this.byId.values()]) {
      if (session.userName === userName && session.id !== exceptId) {
        this.end(session.id);
        ended.push(session);
      }
    }
    return ended;
  }

  sessionsOf(userName: string): LoginSession[] {
    return [...this.byId.values()].filter((s) => s.userName === userName);
  }

  /** Drops every stale or expired session. */
  sweep(now: number): void {
    for (const id of [...this.byId.keys()]) this.live(id, now);
  }

  private live(id: string, now: number): LoginSession | null {
    const session = this.byId.get(id);
    if (!session) return null;
    const { staleAfterMs, lifetimeMs } = this.times();
    if (now - session.touchedAt > staleAfterMs || now - session.createdAt > lifetimeMs) {
      this.end(id);
      return null;
    }
    return session;
  }

  private limitPerUser(userName: string): void {
    const mine = this.sessionsOf(userName).sort((a, b) => a.createdAt - b.createdAt);
    while (mine.length > MAX_SESSIONS_PER_USER) {
      const oldest = mine.shift();
      if (oldest) this.end(oldest.id);
    }
  }
}
