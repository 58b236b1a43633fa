// Identity: who a request acts as (a user or the guest), how it authenticated, and what it may do.
import type { PermissionKey } from './permissions.js';

export type LoginMechanism = 'password' | 'remember_me' | 'apikey' | 'autologin' | 'authheader' | 'remote_user' | 'access_control_disabled';

export interface Identity {
  /** User name, or null for the anonymous guest. */
  readonly name: string | null;
  /** Effective permissions (ADMIN already expanded to all). */
  readonly permissions: ReadonlySet<PermissionKey>;
  /** Group keys, e.g. ['users'] or ['guests']. */
  readonly groups: readonly string[];
  readonly mechanism: LoginMechanism | null;
  /** When a password (or key) was last seen for this identity, epoch ms; null if never. */
  readonly credentialsSeen: number | null;
  /** The login session id when the request came with a session cookie. */
  readonly sessionId: string | null;
  /** Set when an application key authenticated the request. */
  readonly appKeyId: string | null;
}

export function hasPermission(identity: Identity, permission: PermissionKey): boolean {
  return identity.permissions.has('ADMIN') || identity.permissions.has(permission);
}

export function isGuest(identity: Identity): boolean {
  return identity.name === null;
}

/** Whether the credentials count as fresh for sensitive changes (API keys always do, as in OctoPrint). */
export function hasFreshCredentials(identity: Identity, now: number, timeoutMinutes: number): boolean {
  if (identity.mechanism === 'apikey' || identity.mechanism === 'access_control_disabled') return true;
  if (identity.credentialsSeen === null) return false;
  return now - identity.credentialsSeen <= timeoutMinutes * 60_000;
}

export function guestIdentity(permissions: ReadonlySet<PermissionKey> = new Set()): Identity {
  return { name: null, permissions, groups: ['guests'], mechanism: null, credentialsSeen: null, sessionId: null, appKeyId: null };
}
