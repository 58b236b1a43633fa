// users.yaml as OctoPrint writes it (name → password, active, groups, permissions, apikey, settings, roles), plus our fields.
import { randomBytes } from 'node:crypto';
import { describeApiKey } from './api-keys.js';
import type { StoredApiKey } from './api-keys.js';
import { ADMIN_GROUP, USER_GROUP } from './groups.js';

export interface User {
  name: string;
  /** argon2id PHC string, or an OctoPrint sha512 hex hash until the next login. */
  passwordHash: string;
  active: boolean;
  groups: string[];
  /** Permissions given to the user directly (besides their groups). */
  permissions: string[];
  /** The user's API key, hashed (D3); OctoPrint's plaintext keys are hashed when the file is read. */
  apiKey: StoredApiKey | null;
  settings: Record<string, unknown>;
  /** Changes whenever the password changes or the account is deactivated: older sessions and tokens die. */
  securityStamp: string;
  /** Keys of the file entry this server does not use, written back unchanged. */
  extra: Record<string, unknown>;
}

const KNOWN_FIELDS = new Set(['password', 'active', 'groups', 'permissions', 'apikey', 'apikeyHash', 'apikeyPrefix', 'apikeyCreated', 'settings', 'roles', 'securityStamp']);

export function newSecurityStamp(): string {
  return randomBytes(12).toString('hex');
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Groups of a pre-1.4 OctoPrint user that only has `roles`. */
function groupsFromRoles(roles: string[]): string[] {
  const groups = new Set<string>([USER_GROUP]);
  if (roles.includes('admin')) groups.add(ADMIN_GROUP);
  return [...groups];
}

function storedKey(entry: Record<string, unknown>): { key: StoredApiKey | null; migrated: boolean } {
  if (typeof entry.apikeyHash === 'string' && /^[0-9a-f]{64}$/.test(entry.apikeyHash)) {
    const created = typeof entry.apikeyCreated === 'number' ? entry.apikeyCreated : null;
    return { key: { hash: entry.apikeyHash, prefix: typeof entry.apikeyPrefix === 'string' ? entry.apikeyPrefix : '', created }, migrated: false };
  }
  if (typeof entry.apikey === 'string' && entry.apikey.length > 0) return { key: describeApiKey(entry.apikey, null), migrated: true };
  return { key: null, migrated: false };
}

export interface ParsedUsers {
  users: Map<string, User>;
  /** Something was converted (a plaintext key hashed, a stamp added, roles migrated): write the file back. */
  migrated: boolean;
}

export function parseUsers(data: unknown): ParsedUsers {
  const users = new Map<string, User>();
  let migrated = false;
  for (const [name, value] of Object.entries(record(data))) {
    // OctoPrint 1.11 starts the file with its version (`_version: 2`); no user is a bare value.
    if (name.startsWith('_') && (typeof value !== 'object' || value === null)) continue;
    const entry = record(value);
    const key = storedKey(entry);
    migrated ||= key.migrated;
    let groups = strings(entry.groups);
    if (!Array.isArray(entry.groups)) {
      groups = groupsFromRoles(strings(entry.roles));
      migrated = true;
    }
    let stamp = typeof entry.securityStamp === 'string' && entry.securityStamp.length > 0 ? entry.securityStamp : null;
    if (!stamp) {
      stamp = newSecurityStamp();
      migrated = true;
    }
    const extra: Record<string, unknown> = {};
    for (const [field, fieldValue] of Object.entries(entry)) if (!KNOWN_FIELDS.has(field)) extra[field] = fieldValue;
    users.set(name, {
      name,
      passwordHash: typeof entry.password === 'string' ? entry.password : '',
      // OctoPrint always writes `active`; a hand-written entry without it counts as active.
      active: entry.active === undefined ? true : entry.active === true,
      groups,
      permissions: strings(entry.permissions),
      apiKey: key.key,
      settings: record(entry.settings),
      securityStamp: stamp,
      extra,
    });
  }
  return { users, migrated };
}

export function serializeUsers(users: Iterable<User>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const user of users) {
    const isAdmin = user.groups.includes(ADMIN_GROUP) || user.permissions.includes('ADMIN');
    data[user.name] = {
      ...user.extra,
      password: user.passwordHash,
      active: user.active,
      groups: user.groups,
      permissions: user.permissions,
      // Never the key itself (D3): OctoPrint reads null as "no key".
      apikey: null,
      ...(user.apiKey ? { apikeyHash: user.apiKey.hash, apikeyPrefix: user.apiKey.prefix, apikeyCreated: user.apiKey.created } : {}),
      settings: user.settings,
      roles: isAdmin ? ['user', 'admin'] : ['user'],
      securityStamp: user.securityStamp,
    };
  }
  return data;
}
