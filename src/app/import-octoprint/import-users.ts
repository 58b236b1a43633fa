// Users: names, active flags, groups, permissions, settings, password hashes as they are, and API keys (hashed).
import { isDeepStrictEqual } from 'node:util';
import { checkNewUserName, isArgon2Hash, isLegacySha512Hash, isPermissionKey, parseUsers } from '../../auth/index.js';
import type { User, UserStore } from '../../auth/index.js';
import type { ImportReport } from './import-report.js';
import { isRecord, readYamlFile, reasonOf } from './octoprint-source.js';

export interface UsersImport {
  sourceFile: string;
  targetFile: string;
  /** Every group Argonaut has after the groups were imported. */
  groups: ReadonlySet<string>;
  /** Opens Argonaut's user store; null in a dry run. */
  open: (() => UserStore) | null;
  report: ImportReport;
}

const sorted = (list: readonly string[]): string[] => [...list].sort();

/** Whether Argonaut's user is the one the import would create (the security stamp and unknown fields aside). */
function sameUser(a: User, b: User): boolean {
  return (
    a.passwordHash === b.passwordHash &&
    a.active === b.active &&
    isDeepStrictEqual(sorted(a.groups), sorted(b.groups)) &&
    isDeepStrictEqual(sorted(a.permissions), sorted(b.permissions)) &&
    (a.apiKey?.hash ?? null) === (b.apiKey?.hash ?? null) &&
    isDeepStrictEqual(a.settings, b.settings)
  );
}

function hashKind(hash: string): string | null {
  if (isArgon2Hash(hash)) return hash.startsWith('$argon2id$') ? 'argon2id password' : 'argon2 password (re-hashed as argon2id at the first login)';
  if (isLegacySha512Hash(hash)) return 'salted sha512 password (re-hashed as argon2id at the first login)';
  return null;
}

/** One OctoPrint entry checked and converted; a string is the reason it cannot be imported. */
function convert(name: string, entry: unknown, groups: ReadonlySet<string>, notes: string[]): User | string {
  if (!isRecord(entry)) return 'the entry is not a map of user fields';
  if (typeof entry.password !== 'string' || entry.password === '') return 'there is no password hash';
  if (hashKind(entry.password) === null) return 'the password hash has an unknown format (neither argon2 nor salted sha512)';
  const user = parseUsers({ [name]: entry }).users.get(name);
  if (!user) return 'the entry cannot be read';
  const droppedGroups = user.groups.filter((g) => !groups.has(g));
  if (droppedGroups.length > 0) notes.push(`groups left out (not in Argonaut): ${droppedGroups.join(', ')}`);
  const droppedPermissions = user.permissions.filter((p) => !isPermissionKey(p));
  if (droppedPermissions.length > 0) notes.push(`permissions left out (not in Argonaut): ${droppedPermissions.join(', ')}`);
  return { ...user, groups: user.groups.filter((g) => groups.has(g)), permissions: user.permissions.filter(isPermissionKey), extra: {} };
}

/** Imports the users (unless a dry run) and returns the names of every user Argonaut has afterwards. */
export async function importUsers(options: UsersImport): Promise<Set<string>> {
  const { report } = options;
  const target = await readYamlFile(options.targetFile);
  if (target.state === 'bad') {
    report.add('users', 'problem', options.targetFile, `Argonaut's users file ${target.reason}; no user imported`);
    return new Set();
  }
  const current = parseUsers(target.state === 'ok' ? target.data : undefined).users;
  const names = new Set(current.keys());
  const source = await readYamlFile(options.sourceFile);
  if (source.state === 'bad') report.add('users', 'problem', options.sourceFile, `${source.reason}; no user imported`);
  if (source.state !== 'ok') return names;
  if (!isRecord(source.data)) {
    report.add('users', 'problem', options.sourceFile, 'does not hold a map of users; no user imported');
    return names;
  }
  const keyOwners = new Map([...current.values()].flatMap((u) => (u.apiKey ? [[u.apiKey.hash, u.name] as const] : [])));
  let store: UserStore | null = null;
  for (const [name, entry] of Object.entries(source.data)) {
    // OctoPrint 1.11's file version (`_version: 2`), not a user.
    if (name.startsWith('_') && !isRecord(entry)) continue;
    const notes: string[] = [];
    const user = convert(name, entry, options.groups, notes);
    if (typeof user === 'string') {
      report.add('users', 'problem', `${options.sourceFile}: ${name}`, `not imported: ${user}`);
      continue;
    }
    const existing = current.get(name);
    if (existing) {
      if (sameUser(existing, user)) report.add('users', 'unchanged', name);
      else report.add('users', 'kept', name, 'Argonaut has a user of this name with other details (password, groups, key or settings)');
      continue;
    }
    const owner = user.apiKey ? keyOwners.get(user.apiKey.hash) : undefined;
    if (owner !== undefined) {
      notes.push(`API key left out: Argonaut's user ${owner} has the same key`);
      user.apiKey = null;
    }
    try {
      checkNewUserName(name, names);
      if (options.open) {
        store ??= options.open();
        await store.add({ name, passwordHash: user.passwordHash, active: user.active, groups: user.groups, permissions: user.permissions, apiKey: user.apiKey, settings: user.settings });
      }
      names.add(name);
      if (user.apiKey) keyOwners.set(user.apiKey.hash, name);
      const key = user.apiKey ? `API key ${user.apiKey.prefix}…` : 'no API key';
      const facts = [hashKind(user.passwordHash), user.active ? 'active' : 'inactive', `groups ${user.groups.join(', ') || '-'}`, key, ...notes];
      report.add('users', 'imported', name, facts.join('; '));
    } catch (error) {
      report.add('users', 'problem', `${options.sourceFile}: ${name}`, `not imported: ${reasonOf(error)}`);
    }
  }
  await store?.flush();
  return names;
}
