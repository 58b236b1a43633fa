// Verified user API keys by the sha256 of the presented key: their owner and permissions, kept until users or groups change.
import type { PermissionKey } from './permissions.js';
import type { User } from './users-file.js';

/** What a verified key resolves to. */
export interface KeyOwner {
  user: User;
  /** The user's effective permissions (ADMIN expanded); shared by every request with this key, never changed. */
  permissions: ReadonlySet<PermissionKey>;
}

/** The store revisions a cached answer was computed from. */
export interface Revisions {
  users: number;
  groups: number;
}

/** Keys remembered at most; a flood of different valid keys only costs a cleared cache, never unbounded memory. */
export const API_KEY_CACHE_LIMIT = 256;

/**
 * Keyed by the hash of the presented key, never by the key itself: the plaintext key is not kept. A hit means the
 * presented key hashes to a stored key hash that was already compared in constant time (ApiKeyIndex); a lookup's
 * timing can tell at most something about sha256 outputs, not about any stored key. Unknown keys are not cached, so
 * guessing fills nothing. Everything is dropped as soon as a user, key or group changes (the revisions move).
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, KeyOwner>();
  private users = -1;
  private groups = -1;

  constructor(private readonly limit = API_KEY_CACHE_LIMIT) {}

  /** The owner of a key hash, if cached under the same revisions. */
  get(hash: string, revisions: Revisions): KeyOwner | undefined {
    if (!this.current(revisions)) return undefined;
    return this.entries.get(hash);
  }

  set(hash: string, owner: KeyOwner, revisions: Revisions): void {
    if (!this.current(revisions)) {
      this.entries.clear();
      this.users = revisions.users;
      this.groups = revisions.groups;
    }
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(hash, owner);
  }

  get size(): number {
    return this.entries.size;
  }

  private current(revisions: Revisions): boolean {
    return revisions.users === this.users && revisions.groups === this.groups;
  }
}
