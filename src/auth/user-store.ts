// users.yaml in memory: find users and API keys, change them, and pick up edits the CLI or an editor makes behind the server.
import { ArgonautError, toDisposable } from '../shared/index.js';
import type { Disposable } from '../shared/index.js';
import { ApiKeyIndex } from './api-keys.js';
import type { StoredApiKey } from './api-keys.js';
import { checkNewUserName, comparableUserName } from './account-rules.js';
import type { StoreOptions } from './group-store.js';
import { newSecurityStamp, parseUsers, serializeUsers } from './users-file.js';
import type { User } from './users-file.js';
import type { StoredDocument } from './store/stored-document.js';
import { YamlFile } from './yaml-file.js';

export interface NewUser {
  name: unknown;
  passwordHash: string;
  active: boolean;
  groups: string[];
  permissions: string[];
  /** An API key already hashed (a user imported from OctoPrint keeps theirs); none by default. */
  apiKey?: StoredApiKey | null;
  /** Per-user UI settings; empty by default. */
  settings?: Record<string, unknown>;
}

export interface UserChanges {
  passwordHash?: string;
  active?: boolean;
  groups?: string[];
  permissions?: string[];
  apiKey?: StoredApiKey | null;
  settings?: Record<string, unknown>;
  /** A new security stamp (see newSecurityStamp): ends every other session and remember-me token of the user. */
  securityStamp?: string;
}

export interface UserChange {
  name: string;
  kind: 'added' | 'modified' | 'removed';
}

export class UserStore {
  private users = new Map<string, User>();
  private keys = new ApiKeyIndex<string>();
  private readonly listeners = new Set<(change: UserChange) => void>();
  private pending: Promise<void> = Promise.resolve();
  private changes = 0;

  private constructor(
    private readonly yaml: StoredDocument,
    private readonly options: StoreOptions,
  ) {
    const parsed = parseUsers(yaml.read());
    this.install(parsed.users);
    // OctoPrint's plaintext API keys are hashed on disk right away.
    if (parsed.migrated) this.pending = this.save();
  }

  /** Reads users.yaml (missing means no users yet). Throws when it is not valid YAML. */
  static open(file: string, options: StoreOptions = {}): UserStore {
    return new UserStore(new YamlFile(file, { mode: 0o600 }), options);
  }

  /** The users of a document of an access-control store (a file, or a shared database). */
  static fromDocument(document: StoredDocument, options: StoreOptions = {}): UserStore {
    return new UserStore(document, options);
  }

  /**
   * Picks up edits made by another process (one stat; the server calls this when the file changes). While the file
   * is not valid YAML the users read before stay, and changes are refused until it is fixed.
   */
  refresh(): void {
    if (!this.yaml.changedOnDisk()) return;
    let parsed;
    try {
      parsed = parseUsers(this.yaml.read());
    } catch (error) {
      this.options.warn?.(`${(error as Error).message} The server keeps the users it had, refuses user changes until the file is fixed, and reads it again then.`);
      return;
    }
    const before = this.users;
    // A password changed by hand (the stamp left as it was) ends the user's sessions and tokens like any other change.
    let rotated = false;
    for (const [name, user] of parsed.users) {
      const old = before.get(name);
      if (old && old.passwordHash !== user.passwordHash && old.securityStamp === user.securityStamp) {
        parsed.users.set(name, { ...user, securityStamp: newSecurityStamp() });
        rotated = true;
      }
    }
    this.install(parsed.users);
    if (parsed.migrated || rotated) this.pending = this.save();
    for (const [name, user] of before) {
      const now = this.users.get(name);
      if (!now) this.notify({ name, kind: 'removed' });
      else if (JSON.stringify(now) !== JSON.stringify(user)) this.notify({ name, kind: 'modified' });
    }
    for (const name of this.users.keys()) if (!before.has(name)) this.notify({ name, kind: 'added' });
  }

  /** Before a change: the file as it is now, and never over a broken one. */
  private syncForWrite(): void {
    this.refresh();
    this.yaml.requireReadable();
  }

  /** Goes up whenever a user or key changes (here or in the file), so callers can keep derived data until then. */
  get revision(): number {
    return this.changes;
  }

  list(): User[] {
    return [...this.users.values()];
  }

  find(name: string): User | undefined {
    return this.users.get(name);
  }

  /** The user with exactly this name, else the one whose name differs only in case (as log-in names match). */
  findForLogin(name: string): User | undefined {
    const exact = this.users.get(name);
    if (exact) return exact;
    const wanted = comparableUserName(name);
    for (const user of this.users.values()) if (comparableUserName(user.name) === wanted) return user;
    return undefined;
  }

  /**
   * The user owning this key (active or not), found by prefix then compared in constant time; `hash` is
   * hashApiKey(key) when the caller already has it.
   */
  findByApiKey(key: string, hash?: string): User | undefined {
    const name = this.keys.find(key, hash);
    return name === null ? undefined : this.users.get(name);
  }

  async add(input: NewUser): Promise<User> {
    this.syncForWrite();
    const name = checkNewUserName(input.name, this.users.keys());
    const user: User = {
      name,
      passwordHash: input.passwordHash,
      active: input.active,
      groups: [...new Set(input.groups)],
      permissions: [...new Set(input.permissions)],
      apiKey: input.apiKey ?? null,
      settings: input.settings ? structuredClone(input.settings) : {},
      securityStamp: newSecurityStamp(),
      extra: {},
    };
    this.users.set(name, user);
    this.rebuildKeys();
    await this.save();
    this.notify({ name, kind: 'added' });
    return user;
  }

  async update(name: string, changes: UserChanges): Promise<User> {
    this.syncForWrite();
    const user = this.users.get(name);
    if (!user) throw new ArgonautError('not-found', `Unknown user: ${name}`);
    const next: User = { ...user };
    if (changes.passwordHash !== undefined) next.passwordHash = changes.passwordHash;
    if (changes.active !== undefined) next.active = changes.active;
    if (changes.groups !== undefined) next.groups = [...new Set(changes.groups)];
    if (changes.permissions !== undefined) next.permissions = [...new Set(changes.permissions)];
    if (changes.apiKey !== undefined) next.apiKey = changes.apiKey;
    if (changes.settings !== undefined) next.settings = changes.settings;
    if (changes.securityStamp !== undefined) next.securityStamp = changes.securityStamp;
    this.users.set(name, next);
    this.rebuildKeys();
    await this.save();
    this.notify({ name, kind: 'modified' });
    return next;
  }

  async remove(name: string): Promise<void> {
    this.syncForWrite();
    if (!this.users.delete(name)) throw new ArgonautError('not-found', `Unknown user: ${name}`);
    this.rebuildKeys();
    await this.save();
    this.notify({ name, kind: 'removed' });
  }

  /** Takes a removed group away from every user. */
  async removeGroupEverywhere(key: string): Promise<void> {
    this.syncForWrite();
    const affected = this.list().filter((u) => u.groups.includes(key));
    if (affected.length === 0) return;
    for (const user of affected) this.users.set(user.name, { ...user, groups: user.groups.filter((g) => g !== key) });
    this.changes += 1;
    await this.save();
    for (const user of affected) this.notify({ name: user.name, kind: 'modified' });
  }

  /** Called with every added, modified or removed user, including edits picked up from the file. */
  onDidChange(listener: (change: UserChange) => void): Disposable {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  /** Resolves when every write has landed. */
  async flush(): Promise<void> {
    await this.pending.catch(() => undefined);
    await this.yaml.flush();
  }

  private install(users: Map<string, User>): void {
    this.users = users;
    this.rebuildKeys();
  }

  private rebuildKeys(): void {
    this.changes += 1;
    const keys = new ApiKeyIndex<string>();
    for (const user of this.users.values()) if (user.apiKey) keys.add(user.apiKey, user.name);
    this.keys = keys;
  }

  /** Writes the users; when another process wrote the file meanwhile, its changes were merged in and are read back. */
  private async save(): Promise<void> {
    try {
      await this.yaml.write(serializeUsers(this.users.values()));
    } finally {
      this.refresh();
    }
  }

  private notify(change: UserChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.options.warn?.(`A user change listener failed: ${(error as Error).message}`);
      }
    }
  }
}
