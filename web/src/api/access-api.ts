// The access-control API: users, groups, permissions, passwords and user API keys.
import type { ApiClient } from './api-client.js';
import type { GroupRecord, PermissionRecord, UserRecord } from './types.js';

const user = (name: string): string => `api/access/users/${encodeURIComponent(name)}`;
const group = (key: string): string => `api/access/groups/${encodeURIComponent(key)}`;

export async function listUsers(api: ApiClient): Promise<UserRecord[]> {
  return (await api.get<{ users: UserRecord[] }>('api/access/users')).users;
}

export async function addUser(api: ApiClient, record: { name: string; password: string; active: boolean; groups: string[] }): Promise<void> {
  await api.post('api/access/users', { ...record, permissions: [] });
}

export async function updateUser(api: ApiClient, name: string, changes: { active?: boolean; groups?: string[] }): Promise<void> {
  await api.put(user(name), changes);
}

export async function deleteUser(api: ApiClient, name: string): Promise<void> {
  await api.delete(user(name));
}

export function getUser(api: ApiClient, name: string): Promise<UserRecord> {
  return api.get<UserRecord>(user(name));
}

/** Changes a password: your own needs `current`; an admin changing someone else's does not. */
export async function changePassword(api: ApiClient, name: string, password: string, current?: string): Promise<void> {
  await api.put(`${user(name)}/password`, current === undefined ? { password } : { password, current });
}

/** Generates a new API key for the user; the answer is the only time the whole key is shown. */
export async function generateApiKey(api: ApiClient, name: string): Promise<string> {
  return (await api.post<{ apikey: string }>(`${user(name)}/apikey`, {})).apikey;
}

export async function revokeApiKey(api: ApiClient, name: string): Promise<void> {
  await api.delete(`${user(name)}/apikey`);
}

export async function listGroups(api: ApiClient): Promise<GroupRecord[]> {
  return (await api.get<{ groups: GroupRecord[] }>('api/access/groups')).groups;
}

export async function addGroup(
  api: ApiClient,
  record: { key: string; name: string; description: string; permissions: string[]; subgroups: string[]; default: boolean },
): Promise<void> {
  await api.post('api/access/groups', record);
}

export async function updateGroup(
  api: ApiClient,
  key: string,
  changes: { name?: string; description?: string; permissions?: string[]; subgroups?: string[]; default?: boolean },
): Promise<void> {
  await api.put(group(key), changes);
}

export async function deleteGroup(api: ApiClient, key: string): Promise<void> {
  await api.delete(group(key));
}

export async function listPermissions(api: ApiClient): Promise<PermissionRecord[]> {
  return (await api.get<{ permissions: PermissionRecord[] }>('api/access/permissions')).permissions;
}
