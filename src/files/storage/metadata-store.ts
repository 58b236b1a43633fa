// Per-folder `.metadata.json` like OctoPrint's: cached, updated one writer at a time per folder, written atomically.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite } from '../../config/index.js';
import type { DiskPaths } from './disk-paths.js';

export const METADATA_FILE = '.metadata.json';
const CACHED_FOLDERS = 200;

/** What OctoPrint keeps per file: hash, display, analysis, history, statistics, userdata, and any other key. */
export type FileMetadata = Record<string, unknown>;
/** A folder's metadata: entry name → metadata. A null-prototype object, so any file name is a safe key. */
export type FolderMetadata = Record<string, FileMetadata>;

function emptyFolder(): FolderMetadata {
  return Object.create(null) as FolderMetadata;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy that also drops anything JSON cannot hold. */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class MetadataStore {
  private readonly cache = new Map<string, FolderMetadata>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly paths: DiskPaths,
    private readonly onBadFile: (folder: string, error: unknown) => void = () => undefined,
  ) {}

  /** A copy of one entry's metadata (undefined when there is none). */
  async get(folder: readonly string[], name: string): Promise<FileMetadata | undefined> {
    const entry = (await this.load(folder))[name];
    return entry === undefined ? undefined : cloneJson(entry);
  }

  /** A copy of the whole folder's metadata. */
  async getFolder(folder: readonly string[]): Promise<FolderMetadata> {
    const copy = emptyFolder();
    for (const [name, entry] of Object.entries(await this.load(folder))) copy[name] = cloneJson(entry);
    return copy;
  }

  /**
   * Changes a folder's metadata: `mutate` edits a working copy and returns false when it changed nothing.
   * Writers of one folder run one after the other; the file is replaced atomically.
   */
  update(folder: readonly string[], mutate: (metadata: FolderMetadata) => boolean | void): Promise<void> {
    const key = folder.join('/');
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => {
      const current = await this.load(folder);
      const working = emptyFolder();
      for (const [name, entry] of Object.entries(current)) working[name] = cloneJson(entry);
      if (mutate(working) === false) return;
      await atomicWrite(join(this.paths.diskPath(folder), METADATA_FILE), `${JSON.stringify(working, null, 2)}\n`);
      this.remember(key, working);
    });
    this.queues.set(key, next);
    void next.finally(() => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    }).catch(() => undefined);
    return next;
  }

  /** Sets (or, with undefined, removes) one entry. */
  setEntry(folder: readonly string[], name: string, entry: FileMetadata | undefined): Promise<void> {
    return this.update(folder, (metadata) => {
      if (entry === undefined) {
        if (!(name in metadata)) return false;
        delete metadata[name];
      } else {
        metadata[name] = cloneJson(entry);
      }
      return true;
    });
  }

  /** Drops the cache of a folder and everything below it (after it was moved or deleted). */
  forget(folder: readonly string[]): void {
    const key = folder.join('/');
    for (const cached of [...this.cache.keys()]) {
      if (key === '' || cached === key || cached.startsWith(`${key}/`)) this.cache.delete(cached);
    }
  }

  private async load(folder: readonly string[]): Promise<FolderMetadata> {
    const key = folder.join('/');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const metadata = emptyFolder();
    let text: string | null = null;
    try {
      text = await readFile(join(this.paths.diskPath(folder), METADATA_FILE), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    }
    if (text !== null) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (isPlainObject(parsed)) {
          for (const [name, entry] of Object.entries(parsed)) if (isPlainObject(entry)) metadata[name] = entry;
        }
      } catch (error) {
        this.onBadFile(key, error);
      }
    }
    this.remember(key, metadata);
    return metadata;
  }

  private remember(key: string, metadata: FolderMetadata): void {
    this.cache.delete(key);
    this.cache.set(key, metadata);
    while (this.cache.size > CACHED_FOLDERS) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }
}
