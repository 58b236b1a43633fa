// groups.yaml: the default groups plus custom ones, in OctoPrint's file format, reloaded when another process edits it.
import { ArgonautError } from '../shared/index.js';
import { GUEST_GROUP, defaultGroups, defaultPermissionsOf, expandAdmin, guestPermissions, permissionsOfGroups, trackedPermissions } from './groups.js';
import type { Group } from './groups.js';
import { isDangerous, isPermissionKey } from './permissions.js';
import type { PermissionKey } from './permissions.js';
import type { StoredDocument } from './store/stored-document.js';
import { YamlFile } from './yaml-file.js';

export interface StoreOptions {
  now?: () => number;
  /** Told when a changed file cannot be read (the old state is kept). */
  warn?: (message: string) => void;
}

export interface NewGroup {
  key: unknown;
  name: unknown;
  description?: unknown;
  permissions: unknown;
  subgroups?: unknown;
  default?: boolean;
}

export interface GroupChanges {
  name?: unknown;
  description?: unknown;
  permissions?: unknown;
  subgroups?: unknown;
  default?: boolean;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown, what: string, max: number): string {
  if (typeof value !== 'string' || value.length > max || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new ArgonautError('invalid', `${what} must be text of at most ${max} characters.`);
  }
  return value;
}

/** Parses groups.yaml content (OctoPrint's `{groups: {...}, tracked: [...]}`, or a bare map of groups). */
export function parseGroups(data: unknown): Map<string, Group> {
  const groups = new Map(defaultGroups().map((g) => [g.key, g] as const));
  const root = record(data);
  const entries = 'groups' in root ? record(root.groups) : root;
  const tracked = new Set(strings(root.tracked));
  for (const [key, value] of Object.entries(entries)) {
    const base = groups.get(key);
    if (base && !base.changeable) continue;
    const attributes = record(value);
    const permissions = strings(attributes.permissions);
    for (const permission of defaultPermissionsOf(key)) {
      if (!tracked.has(permission) && !permissions.includes(permission)) permissions.push(permission);
    }
    groups.set(key, {
      key,
      name: typeof attributes.name === 'string' ? attributes.name : (base?.name ?? key),
      description: typeof attributes.description === 'string' ? attributes.description : (base?.description ?? ''),
      permissions,
      subgroups: strings(attributes.subgroups),
      default: typeof attributes.default === 'boolean' ? attributes.default : (base?.default ?? false),
      removable: base?.removable ?? true,
      changeable: base?.changeable ?? true,
      toggleable: base?.toggleable ?? true,
    });
  }
  return groups;
}

export class GroupStore {
  private groups: Map<string, Group>;
  private changes = 0;

  private constructor(
    private readonly yaml: StoredDocument,
    private readonly options: StoreOptions,
  ) {
    this.groups = parseGroups(yaml.read());
  }

  /** Reads groups.yaml (a missing file means the defaults). Throws when it is not valid YAML. */
  static open(file: string, options: StoreOptions = {}): GroupStore {
    return new GroupStore(new YamlFile(file, { mode: 0o600 }), options);
  }

  /** The groups of a document of an access-control store (a file, or a shared database). */
  static fromDocument(document: StoredDocument, options: StoreOptions = {}): GroupStore {
    return new GroupStore(document, options);
  }

  /** Picks up edits made by another process (one stat; the server calls this when the file changes). */
  refresh(): void {
    if (!this.yaml.changedOnDisk()) return;
    try {
      this.groups = parseGroups(this.yaml.read());
      this.changes += 1;
    } catch (error) {
      this.options.warn?.(`${(error as Error).message} The server keeps the groups it had, refuses group changes until the file is fixed, and reads it again then.`);
    }
  }

  /** Before a change: the file as it is now, and never over a broken one. */
  private syncForWrite(): void {
    this.refresh();
    this.yaml.requireReadable();
  }

  /** Goes up whenever a group changes (here or in the file), so callers can keep derived permissions until then. */
  get revision(): number {
    return this.changes;
  }

  list(): Group[] {
    return [...this.groups.values()];
  }

  find(key: string): Group | undefined {
    return this.groups.get(key);
  }

  /** Keys of the groups new users get. */
  defaultGroupKeys(): string[] {
    return this.list().filter((g) => g.default).map((g) => g.key);
  }

  permissionsOf(keys: Iterable<string>): Set<PermissionKey> {
    return permissionsOfGroups(keys, (key) => this.groups.get(key));
  }

  /** A user's effective permissions: their own plus their groups', ADMIN expanded to all. */
  permissionsOfUser(user: { groups: readonly string[]; permissions: readonly string[] }): Set<PermissionKey> {
    const result = this.permissionsOf(user.groups);
    for (const permission of user.permissions) if (isPermissionKey(permission)) result.add(permission);
    return expandAdmin(result);
  }

  guestPermissions(): Set<PermissionKey> {
    return guestPermissions((key) => this.groups.get(key));
  }

  async add(input: NewGroup): Promise<Group> {
    this.syncForWrite();
    if (typeof input.key !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(input.key)) {
      throw new ArgonautError('invalid', 'The group key must be 1 to 64 letters, digits, "_" or "-".');
    }
    if (this.groups.has(input.key)) throw new ArgonautError('conflict', `Group ${input.key} already exists`);
    const group: Group = {
      key: input.key,
      name: text(input.name, 'The group name', 100),
      description: input.description === undefined ? '' : text(input.description, 'The description', 1000),
      permissions: this.checkPermissions(input.key, input.permissions),
      subgroups: this.checkSubgroups(input.key, input.subgroups ?? []),
      default: input.default ?? false,
      removable: true,
      changeable: true,
      toggleable: true,
    };
    this.groups.set(group.key, group);
    this.changes += 1;
    await this.save();
    return group;
  }

  async update(key: string, changes: GroupChanges): Promise<Group> {
    this.syncForWrite();
    const group = this.groups.get(key);
    if (!group) throw new ArgonautError('not-found', `Unknown group: ${key}`);
    if (!group.changeable) throw new ArgonautError('forbidden', `The group ${key} cannot be changed.`);
    const next: Group = { ...group };
    if (changes.name !== undefined) next.name = text(changes.name, 'The group name', 100);
    if (changes.description !== undefined) next.description = text(changes.description, 'The description', 1000);
    if (changes.permissions !== undefined) next.permissions = this.checkPermissions(key, changes.permissions);
    if (changes.subgroups !== undefined) next.subgroups = this.checkSubgroups(key, changes.subgroups);
    if (changes.default !== undefined) next.default = changes.default;
    this.groups.set(key, next);
    this.changes += 1;
    await this.save();
    return next;
  }

  async remove(key: string): Promise<void> {
    this.syncForWrite();
    const group = this.groups.get(key);
    if (!group) throw new ArgonautError('not-found', `Unknown group: ${key}`);
    if (!group.removable) throw new ArgonautError('forbidden', `The group ${key} cannot be removed.`);
    this.groups.delete(key);
    for (const other of this.groups.values()) other.subgroups = other.subgroups.filter((s) => s !== key);
    this.changes += 1;
    await this.save();
  }

  flush(): Promise<void> {
    return this.yaml.flush();
  }

  private checkPermissions(groupKey: string, value: unknown): string[] {
    if (!Array.isArray(value)) throw new ArgonautError('invalid', 'permissions must be a list of permission keys.');
    const keys = [...new Set(value)];
    for (const key of keys) {
      if (!isPermissionKey(key)) throw new ArgonautError('invalid', `Unknown permission: ${String(key)}`);
      if (groupKey === GUEST_GROUP && isDangerous(key)) {
        throw new ArgonautError('invalid', `Dangerous permissions such as ${key} can never be given to guests.`);
      }
    }
    return keys as string[];
  }

  private checkSubgroups(groupKey: string, value: unknown): string[] {
    if (!Array.isArray(value)) throw new ArgonautError('invalid', 'subgroups must be a list of group keys.');
    const keys = [...new Set(value)];
    for (const key of keys) {
      if (typeof key !== 'string' || !this.groups.has(key) || key === groupKey) {
        throw new ArgonautError('invalid', `Unknown or invalid subgroup: ${String(key)}`);
      }
      if (groupKey === GUEST_GROUP && [...this.permissionsOf([key])].some(isDangerous)) {
        throw new ArgonautError('invalid', `The group ${key} holds dangerous permissions, which can never be given to guests.`);
      }
    }
    return keys as string[];
  }

  /** Writes the groups; when another process wrote the file meanwhile, its changes were merged in and are read back. */
  private save(): Promise<void> {
    const groups: Record<string, unknown> = {};
    for (const group of this.groups.values()) {
      groups[group.key] = {
        name: group.name,
        description: group.description,
        permissions: group.permissions,
        subgroups: group.subgroups,
        default: group.default,
      };
    }
    return this.yaml.write({ groups, tracked: trackedPermissions() }).finally(() => this.refresh());
  }
}
