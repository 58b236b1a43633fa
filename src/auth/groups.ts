// Groups: OctoPrint's four default groups with their flags, and how a set of groups adds up to permissions.
import { PERMISSIONS, PERMISSION_KEYS, allPermissions, isDangerous, isPermissionKey } from './permissions.js';
import type { PermissionKey } from './permissions.js';

export const ADMIN_GROUP = 'admins';
export const USER_GROUP = 'users';
export const READONLY_GROUP = 'readonly';
export const GUEST_GROUP = 'guests';

/** The groups a new administrator gets (as OctoPrint's first-run wizard does). */
export const ADMIN_USER_GROUPS: readonly string[] = [ADMIN_GROUP, USER_GROUP];

export interface Group {
  key: string;
  name: string;
  description: string;
  /** Permission keys as stored (unknown plugin keys are kept but grant nothing). */
  permissions: string[];
  subgroups: string[];
  default: boolean;
  removable: boolean;
  changeable: boolean;
  toggleable: boolean;
}

/** The permissions whose default groups include this group. */
export function defaultPermissionsOf(groupKey: string): PermissionKey[] {
  return PERMISSIONS.filter((p) => p.defaultGroups.includes(groupKey)).map((p) => p.key);
}

export function defaultGroups(): Group[] {
  const base = { subgroups: [] as string[], default: false, removable: false };
  return [
    {
      ...base,
      key: ADMIN_GROUP,
      name: 'Admins',
      description: 'Administrators: every permission, including users and settings.',
      permissions: defaultPermissionsOf(ADMIN_GROUP),
      changeable: false,
      toggleable: true,
    },
    {
      ...base,
      key: USER_GROUP,
      name: 'Operator',
      description: 'Can operate the printer: connect, upload, print and control. New users get this group.',
      permissions: defaultPermissionsOf(USER_GROUP),
      default: true,
      changeable: true,
      toggleable: true,
    },
    {
      ...base,
      key: GUEST_GROUP,
      name: 'Guests',
      description: 'Anyone who is not logged in. Dangerous permissions can never be given to guests.',
      permissions: defaultPermissionsOf(GUEST_GROUP),
      changeable: true,
      toggleable: false,
    },
    {
      ...base,
      key: READONLY_GROUP,
      name: 'Read-only Access',
      description: 'Can watch the printer, the files and the webcam, but change nothing.',
      permissions: defaultPermissionsOf(READONLY_GROUP),
      changeable: false,
      toggleable: true,
    },
  ];
}

/** Valid permission keys only, and for guests nothing dangerous. */
export function grantedPermissions(group: Pick<Group, 'key' | 'permissions'>): PermissionKey[] {
  const valid = group.permissions.filter(isPermissionKey);
  return group.key === GUEST_GROUP ? valid.filter((p) => !isDangerous(p)) : valid;
}

function collectPermissions(keys: Iterable<string>, find: (key: string) => Group | undefined): Set<PermissionKey> {
  const result = new Set<PermissionKey>();
  const seen = new Set<string>();
  const pending = [...keys];
  while (pending.length > 0) {
    const key = pending.pop() as string;
    if (seen.has(key)) continue;
    seen.add(key);
    const group = find(key);
    if (!group) continue;
    for (const permission of grantedPermissions(group)) result.add(permission);
    pending.push(...group.subgroups);
  }
  return result;
}

/** Everything a set of groups grants, following subgroups (cycles are harmless); ADMIN means all permissions. */
export function permissionsOfGroups(keys: Iterable<string>, find: (key: string) => Group | undefined): Set<PermissionKey> {
  return expandAdmin(collectPermissions(keys, find));
}

/** What anonymous requests may do: the guests group (and its subgroups) without anything dangerous. */
export function guestPermissions(find: (key: string) => Group | undefined): Set<PermissionKey> {
  return new Set([...collectPermissions([GUEST_GROUP], find)].filter((p) => !isDangerous(p)));
}

/** ADMIN implies every permission. */
export function expandAdmin(permissions: Set<PermissionKey>): Set<PermissionKey> {
  return permissions.has('ADMIN') ? new Set(allPermissions()) : permissions;
}

/** Whether a group's permissions (with subgroups) include a dangerous one. */
export function isDangerousGroup(key: string, find: (key: string) => Group | undefined): boolean {
  return [...permissionsOfGroups([key], find)].some(isDangerous);
}

/** Permission keys tracked when the groups file was written (see GroupStore: new permissions join their default groups). */
export function trackedPermissions(): string[] {
  return [...PERMISSION_KEYS];
}
