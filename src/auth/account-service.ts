// Managing users and groups: OctoPrint's access API operations, with the rules that keep accounts safe.
import { ArgonautError } from '../shared/index.js';
import { checkNewPassword } from './account-rules.js';
import { describeApiKey, generateApiKey } from './api-keys.js';
import type { AuthContext } from './auth-context.js';
import type { GroupChanges, NewGroup } from './group-store.js';
import { GUEST_GROUP } from './groups.js';
import { LoginRateLimitedError } from './login-service.js';
import { isPermissionKey } from './permissions.js';
import { groupRecord, permissionRecords, userRecord } from './records.js';
import type { GroupRecord, PermissionRecord, UserRecord } from './records.js';
import { newSecurityStamp } from './users-file.js';
import type { User } from './users-file.js';

export interface NewUserInput {
  name: unknown;
  password: unknown;
  active: boolean;
  groups?: unknown;
  permissions?: unknown;
}

export interface UserUpdate {
  groups?: unknown;
  permissions?: unknown;
  active?: boolean;
}

export interface PasswordChange {
  /** The user's current password; checked when `checkCurrent` (a user changing their own password). */
  current?: unknown;
  checkCurrent: boolean;
  clientIp: string;
  /** The session making the change survives it; every other session and remember-me token ends. */
  keepSessionId: string | null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge for user settings: objects merge, anything else replaces. */
export function mergeSettings(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const current = result[key];
    result[key] = isPlainObject(value) && isPlainObject(current) ? mergeSettings(current, value) : value;
  }
  return result;
}

export class AccountService {
  constructor(private readonly context: AuthContext) {}

  permissions(): PermissionRecord[] {
    return permissionRecords();
  }

  users(): UserRecord[] {
    this.context.users.refresh();
    return this.context.users.list().map((u) => userRecord(u, this.context.groups));
  }

  user(name: string): UserRecord {
    return userRecord(this.find(name), this.context.groups);
  }

  /** Whether an active user with ADMIN exists. */
  hasActiveAdmin(): boolean {
    return this.context.users.list().some((u) => this.isActiveAdmin(u));
  }

  async addUser(input: NewUserInput): Promise<UserRecord> {
    const context = this.context;
    const password = checkNewPassword(input.password, context.config().accessControl.minimumPasswordLength);
    const groups = input.groups === undefined || input.groups === null ? context.groups.defaultGroupKeys() : this.groupKeys(input.groups);
    const permissions = input.permissions === undefined || input.permissions === null ? [] : this.permissionKeys(input.permissions);
    // The name is checked (and 400/409 thrown) by the store before the expensive hash.
    if (typeof input.name === 'string' && context.users.find(input.name)) throw new ArgonautError('conflict', `User ${input.name} already exists`);
    const user = await context.users.add({ name: input.name, passwordHash: await context.hasher.hash(password), active: input.active, groups, permissions });
    return userRecord(user, context.groups);
  }

  async updateUser(name: string, changes: UserUpdate): Promise<UserRecord> {
    const user = this.find(name);
    const next: User = { ...user };
    if (changes.groups !== undefined) next.groups = this.groupKeys(changes.groups);
    if (changes.permissions !== undefined) next.permissions = this.permissionKeys(changes.permissions);
    if (changes.active !== undefined) next.active = changes.active;
    this.keepAnAdmin(name, next);
    const deactivated = user.active && !next.active;
    const updated = await this.context.users.update(name, {
      groups: next.groups,
      permissions: next.permissions,
      active: next.active,
      ...(deactivated ? { securityStamp: newSecurityStamp() } : {}),
    });
    return userRecord(updated, this.context.groups);
  }

  async removeUser(name: string, actor: string | null): Promise<void> {
    this.find(name);
    if (actor === name) throw new ArgonautError('invalid', 'You cannot delete yourself');
    this.keepAnAdmin(name, null);
    await this.context.users.remove(name);
  }

  /**
   * Sets a new password (a new security stamp ends the user's other sessions and tokens). Returns a new device token
   * when the user changed it from their own session (the old one died with the stamp), else null.
   */
  async changePassword(name: string, password: unknown, change: PasswordChange): Promise<string | null> {
    const context = this.context;
    const user = this.find(name);
    if (change.checkCurrent) {
      if (typeof change.current !== 'string' || change.current.length === 0) throw new ArgonautError('invalid', 'current password is missing');
      const now = context.now();
      // The user's own session is a device that knows the account: it is never held up by the account's pace.
      const knownDevice = Boolean(change.keepSessionId);
      const decision = context.limiter.check(change.clientIp, name, now, { knownDevice });
      if (decision.limited) throw new LoginRateLimitedError(decision.retryAfterSeconds);
      if (decision.waitMs > 0 && !(await context.waits.wait(decision.waitMs))) throw new LoginRateLimitedError(1);
      const check = await context.hasher.verify(change.current, user.passwordHash);
      if (!check.ok) {
        context.limiter.recordFailure(change.clientIp, name, context.now(), { knownDevice });
        throw new ArgonautError('forbidden', 'Invalid current password');
      }
    }
    const checked = checkNewPassword(password, context.config().accessControl.minimumPasswordLength);
    const stamp = newSecurityStamp();
    const kept = change.keepSessionId ? context.sessions.get(change.keepSessionId, context.now()) : null;
    if (kept && kept.userName === name) {
      kept.securityStamp = stamp;
      // Typing the current password counts as fresh credentials.
      if (change.checkCurrent) kept.credentialsSeen = context.now();
    }
    await context.users.update(name, { passwordHash: await context.hasher.hash(checked), securityStamp: stamp });
    return kept && kept.userName === name ? context.devices.issue(name, stamp) : null;
  }

  settings(name: string): Record<string, unknown> {
    return this.find(name).settings;
  }

  async updateSettings(name: string, patch: unknown): Promise<void> {
    if (!isPlainObject(patch)) throw new ArgonautError('invalid', 'The settings must be a JSON object.');
    const user = this.find(name);
    await this.context.users.update(name, { settings: mergeSettings(user.settings, patch) });
  }

  /** Makes a new API key for the user (replacing any old one) and returns it: the only time it is shown. */
  async generateApiKey(name: string): Promise<string> {
    this.find(name);
    const key = generateApiKey();
    await this.context.users.update(name, { apiKey: describeApiKey(key, this.context.now()) });
    return key;
  }

  async revokeApiKey(name: string): Promise<void> {
    this.find(name);
    await this.context.users.update(name, { apiKey: null });
  }

  groups(): GroupRecord[] {
    return this.context.groups.list().map((g) => groupRecord(g, this.context.groups));
  }

  group(key: string): GroupRecord {
    const group = this.context.groups.find(key);
    if (!group) throw new ArgonautError('not-found', `Unknown group: ${key}`);
    return groupRecord(group, this.context.groups);
  }

  async addGroup(input: NewGroup): Promise<void> {
    await this.context.groups.add(input);
  }

  async updateGroup(key: string, changes: GroupChanges): Promise<void> {
    await this.context.groups.update(key, changes);
    this.tellMembers(key);
  }

  async removeGroup(key: string): Promise<void> {
    await this.context.groups.remove(key);
    await this.context.users.removeGroupEverywhere(key);
  }

  private tellMembers(key: string): void {
    const context = this.context;
    if (key === GUEST_GROUP) context.sessionsChanged({ userName: null, reason: 'modified', tokens: [] });
    const now = context.now();
    for (const user of context.users.list()) {
      if (!this.inGroup(user, key)) continue;
      const tokens = context.sessions.sessionsOf(user.name).filter((s) => context.sessions.get(s.id, now)).map((s) => s.token);
      if (tokens.length > 0) context.sessionsChanged({ userName: user.name, reason: 'modified', tokens });
    }
  }

  /** Whether the user is in the group directly or through subgroups. */
  private inGroup(user: User, key: string): boolean {
    const seen = new Set<string>();
    const pending = [...user.groups];
    while (pending.length > 0) {
      const next = pending.pop() as string;
      if (next === key) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      pending.push(...(this.context.groups.find(next)?.subgroups ?? []));
    }
    return false;
  }

  private find(name: string): User {
    this.context.users.refresh();
    const user = this.context.users.find(name);
    if (!user) throw new ArgonautError('not-found', `Unknown user: ${name}`);
    return user;
  }

  private isActiveAdmin(user: User): boolean {
    return user.active && this.context.groups.permissionsOfUser(user).has('ADMIN');
  }

  /** Refuses a change that would leave no active administrator (when there is one now). */
  private keepAnAdmin(name: string, replacement: User | null): void {
    const users = this.context.users.list();
    if (!users.some((u) => this.isActiveAdmin(u))) return;
    const after = users.map((u) => (u.name === name ? replacement : u)).filter((u): u is User => u !== null);
    if (!after.some((u) => this.isActiveAdmin(u))) {
      throw new ArgonautError('invalid', 'This would leave no active administrator; make another user an admin first.');
    }
  }

  private groupKeys(value: unknown): string[] {
    if (!Array.isArray(value)) throw new ArgonautError('invalid', 'groups must be a list of group keys.');
    for (const key of value) {
      if (typeof key !== 'string' || !this.context.groups.find(key) || key === GUEST_GROUP) {
        throw new ArgonautError('invalid', `Unknown group: ${String(key)}`);
      }
    }
    return [...new Set(value as string[])];
  }

  private permissionKeys(value: unknown): string[] {
    if (!Array.isArray(value)) throw new ArgonautError('invalid', 'permissions must be a list of permission keys.');
    for (const key of value) if (!isPermissionKey(key)) throw new ArgonautError('invalid', `Unknown permission: ${String(key)}`);
    return [...new Set(value as string[])];
  }
}
