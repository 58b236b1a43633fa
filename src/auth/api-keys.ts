// API keys: random, shown once, kept only as a sha256 hash plus a short prefix for display (D3).
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Length of the prefix kept in clear for lists ("ABCD1234…"). */
export const API_KEY_PREFIX_LENGTH = 8;

/** Keys longer than this are never valid (they are not even hashed). */
export const MAX_API_KEY_LENGTH = 512;

export interface StoredApiKey {
  /** sha256 of the key, lowercase hex. */
  hash: string;
  /** The first characters of the key, for display. */
  prefix: string;
  /** When the key was made, epoch ms (null for keys imported from OctoPrint). */
  created: number | null;
}

/** A new key in OctoPrint's format: 32 upper-case hex characters (128 random bits). */
export function generateApiKey(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

export function hashApiKey(key: string): string {
  // crypto.hash: the one-shot form, several times cheaper than createHash for a short key (hashed on every request).
  return hash('sha256', key, 'hex');
}

export function apiKeyPrefix(key: string): string {
  return key.slice(0, API_KEY_PREFIX_LENGTH);
}

export function describeApiKey(key: string, created: number | null): StoredApiKey {
  return { hash: hashApiKey(key), prefix: apiKeyPrefix(key), created };
}

/** Whether a presented key has a usable shape: not empty, not only spaces, not absurdly long. */
export function plausibleApiKey(key: string | null | undefined): key is string {
  return typeof key === 'string' && key.length > 0 && key.length <= MAX_API_KEY_LENGTH && key.trim().length > 0;
}

/** Constant-time comparison of a presented key with a stored hash. */
export function apiKeyMatches(key: string, stored: Pick<StoredApiKey, 'hash'>): boolean {
  return hashMatches(hashApiKey(key), stored);
}

/** Constant-time comparison of a presented key's hash (hashApiKey) with a stored hash. */
export function hashMatches(presentedHash: string, stored: Pick<StoredApiKey, 'hash'>): boolean {
  const presented = Buffer.from(presentedHash, 'hex');
  const expected = Buffer.from(stored.hash, 'hex');
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/**
 * An index of stored keys by prefix: O(1) lookup, then one constant-time hash comparison per candidate.
 * Built from scratch whenever the owning store reloads.
 */
export class ApiKeyIndex<T> {
  private readonly byPrefix = new Map<string, Array<{ key: StoredApiKey; owner: T }>>();

  add(key: StoredApiKey, owner: T): void {
    const list = this.byPrefix.get(key.prefix) ?? [];
    list.push({ key, owner });
    this.byPrefix.set(key.prefix, list);
  }

  /** The owner of a presented key; `hash` is hashApiKey(presented) when the caller already has it. */
  find(presented: string, hash?: string): T | null {
    if (!plausibleApiKey(presented)) return null;
    const candidates = this.byPrefix.get(apiKeyPrefix(presented)) ?? [];
    if (candidates.length === 0) return null;
    const presentedHash = hash ?? hashApiKey(presented);
    let found: T | null = null;
    for (const candidate of candidates) {
      if (hashMatches(presentedHash, candidate.key)) found = candidate.owner;
    }
    return found;
  }
}
