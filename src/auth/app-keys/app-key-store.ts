// The app keys in memory and in keys.yaml (0600): issue, find by key, revoke, and last-use times written lazily.
import { mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiKeyIndex, describeApiKey, generateApiKey } from '../api-keys.js';
import type { PermissionKey } from '../permissions.js';
import type { StoredDocument } from '../store/stored-document.js';
import { YamlFile } from '../yaml-file.js';
import { newAppKeyId, parseAppKeys, serializeAppKeys } from './app-key-file.js';
import type { AppKey } from './app-key-file.js';

/** Last-use times reach the disk at most this often (every request updates them in memory). */
export const USAGE_WRITE_DELAY_MS = 30_000;

export interface AppKeyStoreOptions {
  now?: () => number;
  warn?: (message: string) => void;
}

export interface NewAppKey {
  user: string;
  app: string;
  scope: readonly PermissionKey[] | null;
  /** Epoch ms, or null for a key that does not expire. */
  expires: number | null;
}

/** App names are compared as OctoPrint does: case-insensitively. */
export function sameApp(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export class AppKeyStore {
  private readonly keys = new Map<string, AppKey>();
  private index = new ApiKeyIndex<string>();
  private usageTimer: NodeJS.Timeout | null = null;
  private pending: Promise<void> = Promise.resolve();
  /** Keys found gone from the file and not yet reported by refresh(). */
  private readonly removed: AppKey[] = [];
  private readonly now: () => number;

  private constructor(
    private readonly yaml: StoredDocument,
    private readonly options: AppKeyStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    let parsed = { keys: [] as AppKey[], migrated: false };
    try {
      parsed = parseAppKeys(yaml.read());
    } catch (error) {
      // Kept aside rather than overwritten by the next key, so nothing in it is lost.
      if (!(yaml instanceof YamlFile)) throw error;
      const aside = `${yaml.file}.unreadable-${this.now()}`;
      try {
        renameSync(yaml.file, aside);
      } catch {
        // Nothing to keep aside.
      }
      options.warn?.(`${yaml.file} could not be read and was moved to ${aside}; the application keys in it no longer work: ${(error as Error).message}`);
    }
    for (const key of parsed.keys) this.keys.set(key.id, key);
    this.rebuildIndex();
    if (parsed.migrated) this.pending = this.save();
  }

  /** Reads keys.yaml (missing means no keys); its folder is made if needed. */
  static open(file: string, options: AppKeyStoreOptions = {}): AppKeyStore {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    return new AppKeyStore(new YamlFile(file, { mode: 0o600 }), options);
  }

  /** The app keys of a document of an access-control store (a file, or a shared database). */
  static fromDocument(document: StoredDocument, options: AppKeyStoreOptions = {}): AppKeyStore {
    return new AppKeyStore(document, options);
  }

  /**
   * Picks up edits made by another process (one stat; the server calls this when the file changes). Last-use times
   * not yet written are kept. While the file is not valid YAML the keys read before stay and changes are refused.
   * Returns the keys that are gone from the file.
   */
  refresh(): AppKey[] {
    this.reload();
    return this.removed.splice(0);
  }

  /** Reads the file when it changed; the keys gone from it wait in `removed` for the next refresh() to report. */
  private reload(): void {
    if (!this.yaml.changedOnDisk()) return;
    let parsed;
    try {
      parsed = parseAppKeys(this.yaml.read());
    } catch (error) {
      this.options.warn?.(`${(error as Error).message} The server keeps the application keys it had, refuses key changes until the file is fixed, and reads it again then.`);
      return;
    }
    const before = new Map(this.keys);
    this.keys.clear();
    for (const key of parsed.keys) {
      const lastUsed = before.get(key.id)?.lastUsed ?? null;
      if (lastUsed !== null && (key.lastUsed === null || key.lastUsed < lastUsed)) key.lastUsed = lastUsed;
      this.keys.set(key.id, key);
    }
    this.rebuildIndex();
    if (parsed.migrated) this.pending = this.save();
    this.removed.push(...[...before.values()].filter((key) => !this.keys.has(key.id)));
  }

  /** Before a change: the file as it is now, and never over a broken one. */
  private syncForWrite(): void {
    this.reload();
    this.yaml.requireReadable();
  }

  /** The key record a presented key belongs to (expired or not), or null. */
  find(presented: string): AppKey | null {
    const id = this.index.find(presented);
    return id === null ? null : (this.keys.get(id) ?? null);
  }

  get(id: string): AppKey | null {
    return this.keys.get(id) ?? null;
  }

  /** The user's key for an app (case-insensitive name), or null. */
  findByApp(user: string, app: string): AppKey | null {
    for (const key of this.keys.values()) if (key.user === user && sameApp(key.app, app)) return key;
    return null;
  }

  forUser(user: string): AppKey[] {
    return [...this.keys.values()].filter((k) => k.user === user);
  }

  all(): AppKey[] {
    return [...this.keys.values()];
  }

  /**
   * Makes a new key and returns it (the only time it exists in clear). A key the user had for the same app is
   * replaced: it is returned as `replaced` and stops working at once.
   */
  async issue(input: NewAppKey): Promise<{ apiKey: string; key: AppKey; replaced: AppKey | null }> {
    this.syncForWrite();
    const apiKey = generateApiKey();
    const stored = describeApiKey(apiKey, this.now());
    const replaced = this.findByApp(input.user, input.app);
    if (replaced) this.keys.delete(replaced.id);
    const key: AppKey = {
      id: newAppKeyId(),
      app: input.app,
      user: input.user,
      hash: stored.hash,
      prefix: stored.prefix,
      created: stored.created,
      lastUsed: null,
      expires: input.expires,
      scope: input.scope === null ? null : [...new Set(input.scope)],
    };
    this.keys.set(key.id, key);
    this.rebuildIndex();
    await this.save();
    return { apiKey, key, replaced };
  }

  /** Adds a key whose value is already known (one imported from OctoPrint); only its hash is kept. */
  async addKnown(input: { user: string; app: string; apiKey: string }): Promise<AppKey> {
    this.syncForWrite();
    const stored = describeApiKey(input.apiKey, null);
    const key: AppKey = { id: newAppKeyId(), app: input.app, user: input.user, hash: stored.hash, prefix: stored.prefix, created: null, lastUsed: null, expires: null, scope: null };
    this.keys.set(key.id, key);
    this.rebuildIndex();
    await this.save();
    return key;
  }

  /** Removes keys by id; returns those that existed. */
  async remove(ids: readonly string[]): Promise<AppKey[]> {
    this.syncForWrite();
    const removed: AppKey[] = [];
    for (const id of ids) {
      const key = this.keys.get(id);
      if (key && this.keys.delete(id)) removed.push(key);
    }
    if (removed.length > 0) {
      this.rebuildIndex();
      await this.save();
    }
    return removed;
  }

  /** Records that a key was used now (written to disk within USAGE_WRITE_DELAY_MS). */
  noteUse(key: AppKey, now: number): void {
    const current = this.keys.get(key.id);
    if (!current) return;
    current.lastUsed = now;
    if (this.usageTimer) return;
    this.usageTimer = setTimeout(() => {
      this.usageTimer = null;
      void this.saveUsage();
    }, USAGE_WRITE_DELAY_MS);
    this.usageTimer.unref();
  }

  /** Writes any unsaved last-use times and waits for every write. */
  async flush(): Promise<void> {
    if (this.usageTimer) {
      clearTimeout(this.usageTimer);
      this.usageTimer = null;
      await this.saveUsage();
    }
    await this.pending.catch(() => undefined);
    await this.yaml.flush().catch(() => undefined);
  }

  private rebuildIndex(): void {
    const index = new ApiKeyIndex<string>();
    for (const key of this.keys.values()) index.add({ hash: key.hash, prefix: key.prefix, created: key.created }, key.id);
    this.index = index;
  }

  /** Writes the keys; when another process wrote the file meanwhile, its changes were merged in and are read back. */
  private save(): Promise<void> {
    return this.yaml.write(serializeAppKeys(this.keys.values())).finally(() => this.reload());
  }

  /** Last-use times: into the file as it is now; skipped (with a warning) while it is broken. */
  private async saveUsage(): Promise<void> {
    try {
      this.syncForWrite();
      await this.save();
    } catch (error) {
      this.options.warn?.(`Could not save the last-use times of the application keys: ${(error as Error).message}`);
    }
  }
}
