// data/appkeys/keys.yaml: app keys per user, kept as hashes (OctoPrint's plaintext `api_key` entries are hashed on load).
import { randomBytes } from 'node:crypto';
import { describeApiKey } from '../api-keys.js';
import { isPermissionKey } from '../permissions.js';
import type { PermissionKey } from '../permissions.js';

export interface AppKey {
  /** Internal id (Identity.appKeyId); never a secret. */
  readonly id: string;
  /** The app's name as it asked (compared case-insensitively). */
  readonly app: string;
  readonly user: string;
  /** sha256 of the key, lowercase hex. */
  readonly hash: string;
  /** The first characters of the key, for lists. */
  readonly prefix: string;
  /** Epoch ms; null for keys imported from OctoPrint. */
  readonly created: number | null;
  /** Epoch ms of the last request the key authenticated; null if never. */
  lastUsed: number | null;
  /** Epoch ms after which the key stops working; null: never. */
  readonly expires: number | null;
  /** The permissions the key may use (always within its user's); null: all of the user's. */
  readonly scope: readonly PermissionKey[] | null;
}

export interface ParsedAppKeys {
  keys: AppKey[];
  /** Whether plaintext keys were found and hashed (the file must be written back). */
  migrated: boolean;
}

export function newAppKeyId(): string {
  return randomBytes(8).toString('hex');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function timeOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function scopeOf(value: unknown): PermissionKey[] | null {
  if (!Array.isArray(value)) return null;
  return [...new Set(value.filter(isPermissionKey))];
}

function parseEntry(user: string, entry: unknown): { key: AppKey; migrated: boolean } | null {
  if (!isRecord(entry) || typeof entry.app_id !== 'string') return null;
  if (typeof entry.api_key === 'string' && entry.api_key.length > 0) {
    // OctoPrint's format: the key itself. Only its hash is kept from now on.
    const stored = describeApiKey(entry.api_key, null);
    const key: AppKey = { id: newAppKeyId(), app: entry.app_id, user, hash: stored.hash, prefix: stored.prefix, created: null, lastUsed: null, expires: null, scope: null };
    return { key, migrated: true };
  }
  if (typeof entry.hash !== 'string' || !/^[0-9a-f]{64}$/.test(entry.hash) || typeof entry.prefix !== 'string') return null;
  return {
    key: {
      id: typeof entry.id === 'string' && entry.id.length > 0 ? entry.id : newAppKeyId(),
      app: entry.app_id,
      user,
      hash: entry.hash,
      prefix: entry.prefix,
      created: timeOrNull(entry.created),
      lastUsed: timeOrNull(entry.last_used),
      expires: timeOrNull(entry.expires),
      // A list whose every entry is unknown stays an empty scope (nothing), never null (everything).
      scope: scopeOf(entry.permissions),
    },
    migrated: false,
  };
}

/** Reads the parsed YAML of keys.yaml: `{<user>: [{app_id, ...}]}`; anything unreadable is skipped. */
export function parseAppKeys(data: unknown): ParsedAppKeys {
  const keys: AppKey[] = [];
  let migrated = false;
  if (!isRecord(data)) return { keys, migrated };
  for (const [user, entries] of Object.entries(data)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const parsed = parseEntry(user, entry);
      if (!parsed) continue;
      keys.push(parsed.key);
      migrated ||= parsed.migrated;
    }
  }
  return { keys, migrated };
}

/** The YAML document for keys.yaml: OctoPrint's `{<user>: [{app_id, ...}]}` shape, with hashes instead of keys. */
export function serializeAppKeys(keys: Iterable<AppKey>): Record<string, Array<Record<string, unknown>>> {
  const result: Record<string, Array<Record<string, unknown>>> = {};
  for (const key of keys) {
    const list = (result[key.user] ??= []);
    list.push({
      app_id: key.app,
      id: key.id,
      hash: key.hash,
      prefix: key.prefix,
      created: key.created,
      last_used: key.lastUsed,
      expires: key.expires,
      permissions: key.scope === null ? null : [...key.scope],
    });
  }
  return result;
}
