// What `argonaut user ...` does to a basedir: the same rules as the API, whether or not the server is running.
import { ADMIN_USER_GROUPS, AccessControl, PostgresAccessStore } from '../auth/index.js';
import type { AccessStore, Argon2Parameters } from '../auth/index.js';
import { ConfigStore, ensureBasedir } from '../config/index.js';
import type { Basedir } from '../config/index.js';
import { noteFirstAdmin } from './first-admin-note.js';

export interface UserSummary {
  name: string;
  active: boolean;
  groups: string[];
  admin: boolean;
  /** The first characters of the user's API key, or null. */
  apikeyPrefix: string | null;
}

export interface AddedUser extends UserSummary {
  /** When this user is the first administrator: the line also written to logs/argonaut.log. */
  firstAdminNote: string | null;
}

export interface AddUserOptions {
  /** Make an administrator (groups admins and users). */
  admin?: boolean;
  /** Group keys; default: the default groups (users). */
  groups?: string[];
}

/**
 * User management on a basedir. A running server picks the changes up from users.yaml within a second (it checks
 * the file's modification at most every 500 ms), and ends the sessions of changed users.
 */
export class UserAdmin {
  private constructor(
    private readonly access: AccessControl,
    private readonly layout: Basedir,
    private readonly store: AccessStore | null = null,
  ) {}

  /** The users of the basedir's files. */
  static open(basedir: string, options: { argon2?: Argon2Parameters } = {}): UserAdmin {
    const layout = ensureBasedir(basedir);
    const config = ConfigStore.open(layout.configFile);
    return new UserAdmin(new AccessControl({ basedir: layout, config, argon2: options.argon2 }), layout);
  }

  /** The users wherever the basedir's config keeps them: its files, or the shared store of accessControl.store. */
  static async openConfigured(basedir: string, options: { argon2?: Argon2Parameters } = {}): Promise<UserAdmin> {
    const layout = ensureBasedir(basedir);
    const config = ConfigStore.open(layout.configFile);
    const url = config.config.accessControl.store;
    if (!url) return UserAdmin.open(basedir, options);
    const store = await PostgresAccessStore.open({ url, graceMs: 0 });
    return new UserAdmin(new AccessControl({ basedir: layout, config, argon2: options.argon2, store }), layout, store);
  }

  async add(name: string, password: string, options: AddUserOptions = {}): Promise<AddedUser> {
    const extra = options.groups ?? [];
    const groups = options.admin ? [...new Set([...ADMIN_USER_GROUPS, ...extra])] : options.groups;
    const hadAdmin = this.list().some((u) => u.active && u.admin);
    await this.access.accounts.addUser({ name, password, active: true, groups });
    const added = this.summary(name);
    const first = !hadAdmin && added.active && added.admin;
    return { ...added, firstAdminNote: first ? noteFirstAdmin(this.layout, [added.name], 'command line') : null };
  }

  list(): UserSummary[] {
    return this.access.accounts.users().map((u) => ({ name: u.name, active: u.active, groups: u.groups, admin: u.admin, apikeyPrefix: u.apikeyPrefix }));
  }

  async remove(name: string): Promise<void> {
    await this.access.accounts.removeUser(name, null);
  }

  /** Sets a new password; every session and remember-me token of the user ends. */
  async setPassword(name: string, password: string): Promise<void> {
    await this.access.accounts.changePassword(name, password, { checkCurrent: false, clientIp: 'cli', keepSessionId: null });
  }

  /** Deactivating ends every session, and stops the user's API and app keys until reactivated. */
  async setActive(name: string, active: boolean): Promise<void> {
    await this.access.accounts.updateUser(name, { active });
  }

  /** A new API key (replacing the old one); the only time it is shown. */
  generateApiKey(name: string): Promise<string> {
    return this.access.accounts.generateApiKey(name);
  }

  revokeApiKey(name: string): Promise<void> {
    return this.access.accounts.revokeApiKey(name);
  }

  /** Waits for the files (or the database) to be written. */
  async close(): Promise<void> {
    await this.access.close();
    await this.store?.close();
  }

  private summary(name: string): UserSummary {
    const found = this.list().find((u) => u.name === name);
    if (!found) throw new Error(`User ${name} was not saved.`);
    return found;
  }
}
