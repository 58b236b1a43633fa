// Sign-on by a trusted reverse proxy, with OctoPrint's settings: Basic authentication and a remote user (and groups) header.
import { createHash, randomBytes } from 'node:crypto';
import { checkNewUserName } from './account-rules.js';
import { identityForUser, identityWithPermissions } from './auth-context.js';
import type { AuthContext } from './auth-context.js';
import type { Identity } from './identity.js';
import type { RequestOrigin } from './request-origin.js';
import type { User } from './users-file.js';

/** What the HTTP layer hands over: the request's headers by (case-insensitive) name. */
export interface ProxyHeaders {
  origin: RequestOrigin;
  header(name: string): string | undefined;
}

/** Longest Authorization header looked at; anything longer is ignored unread. */
export const MAX_BASIC_HEADER = 4096;
/** Names a proxy may never sign on as: system identities and names clients read specially. */
const SYSTEM_NAMES = new Set(['_api', 'guest', 'guests', 'anonymous', 'system']);
/** A verified Basic header is remembered this long, so that argon2 does not run on every request. */
const BASIC_CACHE_MS = 60_000;
const BASIC_CACHE_MAX = 1000;
const BASIC = /^Basic ([A-Za-z0-9+/]+={0,2})$/;

/** A password hash nothing verifies against: users a proxy created cannot log in with a password. */
const NO_PASSWORD = '!remote-user';

/** User and password of a well-formed `Basic` header (base64 that round-trips, UTF-8, a colon); null otherwise. */
export function parseBasicAuthorization(value: string | undefined): { user: string; password: string } | null {
  if (value === undefined || value.length > MAX_BASIC_HEADER) return null;
  const match = BASIC.exec(value);
  if (!match?.[1]) return null;
  const bytes = Buffer.from(match[1], 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== match[1].replace(/=+$/, '')) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** Whether a proxy may name this user: the rules for new user names, and no system identity. */
export function acceptableRemoteName(name: string): boolean {
  if (SYSTEM_NAMES.has(name.normalize('NFKC').toLowerCase()) || name.startsWith('_')) return false;
  try {
    checkNewUserName(name, []);
    return true;
  } catch {
    return false;
  }
}

/**
 * Believes `Authorization: Basic` and the remote-user header only from a trusted proxy, and only when
 * config.yaml says so. Anything malformed or unknown is ignored (the request stays a guest), never an error.
 */
export class ProxySignOn {
  private readonly verified = new Map<string, { user: string; stamp: string; until: number }>();

  constructor(private readonly context: AuthContext) {}

  /** Whether any proxy sign-on is switched on (the common case answers false at once). */
  enabled(): boolean {
    const settings = this.context.config().accessControl;
    return settings.trustBasicAuthentication || settings.trustRemoteUser;
  }

  /** The identity the proxy vouches for, or null (then the other credentials are looked at). */
  async identify(request: ProxyHeaders, now: number): Promise<Identity | null> {
    if (!request.origin.proxied) return null;
    const settings = this.context.config().accessControl;
    if (settings.trustBasicAuthentication) {
      const identity = await this.fromBasic(request, now);
      if (identity) return identity;
    }
    if (settings.trustRemoteUser) return this.fromRemoteUser(request, now);
    return null;
  }

  private async fromBasic(request: ProxyHeaders, now: number): Promise<Identity | null> {
    const context = this.context;
    const header = request.header('authorization');
    const credentials = parseBasicAuthorization(header);
    if (!credentials || !header) return null;
    const user = context.users.find(credentials.user);
    if (context.config().accessControl.checkBasicAuthenticationPassword) {
      const key = createHash('sha256').update(header).digest('hex');
      const cached = this.verified.get(key);
      const fresh = cached !== undefined && cached.until > now && user !== undefined && cached.user === user.name && cached.stamp === user.securityStamp;
      if (!fresh) {
        const clientIp = request.origin.clientIp;
        // Each checked header is a password guess: failures count towards the account's pace, and while the pace
        // says wait the request stays a guest (it is never held open).
        const decision = context.limiter.check(clientIp, credentials.user, now, { knownDevice: false });
        if (decision.limited || decision.waitMs > 0) return null;
        const check = await context.hasher.verify(credentials.password, user?.passwordHash ?? null);
        if (!user || !check.ok) {
          context.limiter.recordFailure(clientIp, credentials.user, context.now(), { knownDevice: false });
          return null;
        }
        if (this.verified.size >= BASIC_CACHE_MAX) this.verified.clear();
        this.verified.set(key, { user: user.name, stamp: user.securityStamp, until: now + BASIC_CACHE_MS });
      }
    }
    if (!user || !user.active) return null;
    return identityForUser(context, user, { mechanism: 'authheader', credentialsSeen: now });
  }

  private async fromRemoteUser(request: ProxyHeaders, now: number): Promise<Identity | null> {
    const context = this.context;
    const settings = context.config().accessControl;
    const name = request.header(settings.remoteUserHeader)?.trim();
    if (!name || !acceptableRemoteName(name)) return null;
    let user: User | undefined = context.users.find(name);
    if (!user && settings.addRemoteUsers) {
      try {
        user = await context.users.add({ name, passwordHash: NO_PASSWORD + randomBytes(8).toString('hex'), active: true, groups: context.groups.defaultGroupKeys(), permissions: [] });
      } catch {
        user = context.users.find(name);
      }
    }
    if (!user || !user.active) return null;
    const options = { mechanism: 'remote_user' as const, credentialsSeen: now };
    if (!settings.trustRemoteGroups) return identityForUser(context, user, options);
    const groupsHeader = request.header(settings.remoteGroupsHeader);
    if (groupsHeader === undefined) return identityForUser(context, user, options);
    const groups = [...new Set(groupsHeader.split(',').map((group) => group.trim()).filter((group) => context.groups.find(group) !== undefined))];
    const asGroups = { ...user, groups };
    return identityWithPermissions(asGroups, context.groups.permissionsOfUser(asGroups), options);
  }
}
