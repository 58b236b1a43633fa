// What the access-control services share (stores, hasher, limiter, config) and how a user becomes an Identity.
import type { Config } from '../config/index.js';
import type { EventBus } from '../events/index.js';
import type { CsrfTokens } from './csrf-token.js';
import type { DeviceTokens } from './device-tokens.js';
import type { GroupStore } from './group-store.js';
import { guestIdentity } from './identity.js';
import type { Identity, LoginMechanism } from './identity.js';
import type { LoginRateLimiter } from './login-rate-limiter.js';
import type { PacingWaits } from './pacing-waits.js';
import type { PasswordHasher } from './password-hasher.js';
import type { PermissionKey } from './permissions.js';
import type { RememberMeStore } from './remember-me-store.js';
import type { LoginSession, SessionStore } from './session-store.js';
import type { UserStore } from './user-store.js';
import type { User } from './users-file.js';
import { inAnySubnet } from './network.js';

/** Why sessions changed, as the push socket's `reauthRequired` reasons. */
export type SessionChangeReason = 'logout' | 'removed' | 'modified';

export interface SessionChange {
  /** The user whose sessions changed; null for anonymous clients (the guests group changed). */
  userName: string | null;
  reason: SessionChangeReason;
  /** The socket tokens (`session` values) concerned; empty for anonymous clients. */
  tokens: string[];
}

export interface AuthContext {
  readonly users: UserStore;
  readonly groups: GroupStore;
  readonly sessions: SessionStore;
  readonly remember: RememberMeStore;
  readonly hasher: PasswordHasher;
  readonly limiter: LoginRateLimiter;
  /** Where paced login attempts wait for their turn (ended when the server stops). */
  readonly waits: PacingWaits;
  readonly csrf: CsrfTokens;
  /** Device tokens: browsers and apps that logged in before skip an account's login pacing. */
  readonly devices: DeviceTokens;
  readonly events: EventBus | null;
  config(): Config;
  now(): number;
  /** A shared store has been unreachable longer than its grace time: no login is accepted until it is back. */
  storeExpired?(): boolean;
  warn(message: string): void;
  /** Tells listeners (the push socket) that sessions ended or their rights changed. */
  sessionsChanged(change: SessionChange): void;
}

export interface UserIdentityOptions {
  mechanism: LoginMechanism;
  credentialsSeen: number | null;
  sessionId?: string | null;
  appKeyId?: string | null;
  /** An app key's scope: the identity gets only these of the user's permissions. */
  scope?: readonly PermissionKey[] | null;
}

export function identityForUser(context: AuthContext, user: User, options: UserIdentityOptions): Identity {
  return identityWithPermissions(user, context.groups.permissionsOfUser(user), options);
}

/** The same with the user's effective permissions already known (see ApiKeyCache). */
export function identityWithPermissions(user: User, userPermissions: ReadonlySet<PermissionKey>, options: UserIdentityOptions): Identity {
  let permissions = userPermissions;
  if (options.scope) {
    const allowed = new Set(options.scope);
    permissions = new Set([...permissions].filter((p) => allowed.has(p)));
  }
  return {
    name: user.name,
    permissions,
    groups: [...user.groups],
    mechanism: options.mechanism,
    credentialsSeen: options.credentialsSeen,
    sessionId: options.sessionId ?? null,
    appKeyId: options.appKeyId ?? null,
  };
}

export function guestOf(context: AuthContext): Identity {
  return guestIdentity(context.groups.guestPermissions());
}

/** The Identity of a live session, or null (and the session ends) when its user is gone, inactive or changed. */
export function identityForSession(context: AuthContext, session: LoginSession): Identity | null {
  const user = context.users.find(session.userName);
  const keyStillThere = session.apiKeyHash === null || user?.apiKey?.hash === session.apiKeyHash;
  if (!user || !user.active || user.securityStamp !== session.securityStamp || !keyStillThere) {
    context.sessions.end(session.id);
    return null;
  }
  return identityForUser(context, user, {
    mechanism: session.mechanism,
    credentialsSeen: session.credentialsSeen,
    sessionId: session.id,
    appKeyId: session.appKeyId,
    scope: session.scope,
  });
}

/** OctoPrint's `_is_external_client`: the real client address is outside the local networks. */
export function isExternalClient(config: Config, clientIp: string): boolean {
  if (!config.server.ipCheck.enabled) return false;
  return !inAnySubnet(clientIp, [...config.accessControl.localNetworks, ...config.server.ipCheck.trustedSubnets]);
}
