// The JSON records of OctoPrint's access API: permissions, groups, users (with `apikey: null`, D3) and `needs`.
import type { GroupStore } from './group-store.js';
import type { Group } from './groups.js';
import { PERMISSIONS, isDangerous } from './permissions.js';
import type { PermissionDefinition, PermissionKey } from './permissions.js';
import type { User } from './users-file.js';

export interface Needs {
  role?: string[];
  group?: string[];
}

export interface PermissionRecord {
  key: PermissionKey;
  name: string;
  dangerous: boolean;
  default_groups: string[];
  description: string;
  needs: Needs;
  /** The bundled OctoPrint plugin that defines the permission. */
  plugin?: string;
}

export interface GroupRecord {
  key: string;
  name: string;
  description: string;
  permissions: string[];
  subgroups: string[];
  needs: Needs;
  default: boolean;
  removable: boolean;
  changeable: boolean;
  toggleable: boolean;
  dangerous: boolean;
}

export interface UserRecord {
  name: string;
  active: boolean;
  permissions: string[];
  groups: string[];
  needs: Needs;
  /** Always null (D3): a key is shown once, when it is made. */
  apikey: null;
  /** The first characters of the user's API key, or null when they have none (Argonaut's addition). */
  apikeyPrefix: string | null;
  settings: Record<string, unknown>;
  admin: boolean;
  user: boolean;
  roles: string[];
}

/** OctoPrint's role need of a permission. */
function roleOf(key: PermissionKey): string {
  return PERMISSIONS.find((p) => p.key === key)?.role ?? key.toLowerCase();
}

/** `{role: [...], group: [...]}`, each key only when its list is not empty. */
export function needsOf(permissions: Iterable<PermissionKey>, groups: Iterable<string>): Needs {
  const needs: Needs = {};
  const roles = [...new Set([...permissions].map(roleOf))].sort();
  const groupKeys = [...new Set(groups)];
  if (roles.length > 0) needs.role = roles;
  if (groupKeys.length > 0) needs.group = groupKeys;
  return needs;
}

export function permissionRecord(definition: PermissionDefinition): PermissionRecord {
  return {
    key: definition.key,
    name: definition.name,
    dangerous: definition.dangerous,
    default_groups: [...definition.defaultGroups],
    description: definition.description,
    needs: { role: [definition.role] },
    ...(definition.plugin === undefined ? {} : { plugin: definition.plugin }),
  };
}

export function permissionRecords(): PermissionRecord[] {
  return PERMISSIONS.map(permissionRecord);
}

export function groupRecord(group: Group, groups: GroupStore): GroupRecord {
  const effective = groups.permissionsOf([group.key]);
  return {
    key: group.key,
    name: group.name,
    description: group.description,
    permissions: [...group.permissions],
    subgroups: [...group.subgroups],
    needs: needsOf(effective, [group.key]),
    default: group.default,
    removable: group.removable,
    changeable: group.changeable,
    toggleable: group.toggleable,
    dangerous: [...effective].some(isDangerous),
  };
}

export function userRecord(user: User, groups: GroupStore): UserRecord {
  const effective = groups.permissionsOfUser(user);
  const admin = effective.has('ADMIN');
  return {
    name: user.name,
    active: user.active,
    permissions: [...user.permissions],
    groups: [...user.groups],
    needs: needsOf(effective, user.groups),
    apikey: null,
    apikeyPrefix: user.apiKey?.prefix ?? null,
    settings: user.settings,
    admin,
    user: true,
    roles: admin ? ['user', 'admin'] : ['user'],
  };
}
