// Reads folders of the uploads tree into stored entries: hidden files, symlinks and unknown types left out.
import { lstat, readdir, rename } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import type { DiskPaths } from './disk-paths.js';
import { typePathOf } from './file-types.js';
import type { MetadataStore } from './metadata-store.js';
import { isSanitizedName, joinStoragePath, sanitizeName } from './path-sanitiser.js';
import type { ListOptions, StoredEntry, StoredFile, StoredFolder } from './stored-entry.js';

export function secondsOf(stats: Stats): number {
  return Math.floor(stats.mtimeMs / 1000);
}

export class FolderListing {
  constructor(
    private readonly paths: DiskPaths,
    private readonly metadata: MetadataStore,
  ) {}

  /** The entries of a folder (which must exist), with folder sizes always counted over the whole subtree. */
  async list(folder: readonly string[], options: ListOptions): Promise<StoredEntry[]> {
    const entries = await this.read(folder);
    return this.shape(entries, options.depth, options.filter);
  }

  /** A file entry built from its stats and metadata. */
  async fileEntry(segments: readonly string[], stats: Stats): Promise<StoredFile | null> {
    const name = segments[segments.length - 1] ?? '';
    const typePath = typePathOf(name);
    if (!typePath) return null;
    const metadata = (await this.metadata.get(segments.slice(0, -1), name)) ?? {};
    const display = typeof metadata.display === 'string' ? metadata.display : name;
    return { kind: 'file', name, display, path: joinStoragePath(segments), typePath, size: stats.size, date: secondsOf(stats), metadata };
  }

  /** A folder entry with its children to the given depth. */
  async folderEntry(segments: readonly string[], stats: Stats, options: ListOptions): Promise<StoredFolder> {
    const name = segments[segments.length - 1] ?? '';
    const all = await this.read(segments);
    const metadata = segments.length > 0 ? await this.metadata.get(segments.slice(0, -1), name) : undefined;
    const display = typeof metadata?.display === 'string' ? metadata.display : name;
    return {
      kind: 'folder',
      name,
      display,
      path: joinStoragePath(segments),
      date: secondsOf(stats),
      size: totalSize(all),
      children: this.shape(all, options.depth, options.filter),
    };
  }

  private shape(entries: StoredEntry[], depth: number, filter: ListOptions['filter']): StoredEntry[] {
    const result: StoredEntry[] = [];
    for (const entry of entries) {
      if (entry.kind === 'file') {
        if (!filter || filter(entry)) result.push(entry);
        continue;
      }
      const children = depth > 0 ? this.shape(entry.children, depth - 1, filter) : [];
      result.push({ ...entry, children });
    }
    return result;
  }

  /** Reads the whole subtree (sizes need it anyway). */
  private async read(folder: readonly string[]): Promise<StoredEntry[]> {
    const base = this.paths.diskPath(folder);
    const dirents = await readdir(base, { withFileTypes: true });
    const folderMetadata = await this.metadata.getFolder(folder);
    const entries: StoredEntry[] = [];
    for (const dirent of dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (dirent.name.startsWith('.') || dirent.isSymbolicLink()) continue;
      if (!dirent.isFile() && !dirent.isDirectory()) continue;
      const renamed = await this.sanitizedOnDisk(folder, dirent.name);
      if (renamed === null) continue;
      const name = renamed.name;
      const segments = [...folder, name];
      let stats: Stats;
      try {
        stats = await lstat(join(base, name));
      } catch {
        continue; // removed meanwhile
      }
      const metadata = renamed.display === undefined ? folderMetadata[name] : { ...folderMetadata[name], display: renamed.display };
      const display = typeof metadata?.display === 'string' ? metadata.display : name;
      if (stats.isFile()) {
        const typePath = typePathOf(name);
        if (!typePath) continue;
        entries.push({ kind: 'file', name, display, path: joinStoragePath(segments), typePath, size: stats.size, date: secondsOf(stats), metadata: metadata ?? {} });
      } else if (stats.isDirectory()) {
        const children = await this.read(segments);
        entries.push({ kind: 'folder', name, display, path: joinStoragePath(segments), date: secondsOf(stats), size: totalSize(children), children });
      }
    }
    return entries;
  }

  /**
   * A name someone put there by hand that is not in sanitised form gets renamed (when the sanitised name is
   * free), keeping the original as display name, as OctoPrint does; otherwise the entry stays invisible.
   */
  private async sanitizedOnDisk(folder: readonly string[], name: string): Promise<{ name: string; display?: string } | null> {
    if (isSanitizedName(name)) return { name };
    let sanitized: string;
    try {
      sanitized = sanitizeName(name);
    } catch {
      return null;
    }
    if (await this.paths.occupied([...folder, sanitized])) return null;
    try {
      await rename(this.paths.diskPath([...folder, name]), this.paths.diskPath([...folder, sanitized]));
    } catch {
      return null;
    }
    const display = name.normalize('NFC');
    await this.metadata.update(folder, (metadata) => {
      metadata[sanitized] = { ...(metadata[sanitized] ?? {}), display };
    });
    return { name: sanitized, display };
  }
}

export function totalSize(entries: readonly StoredEntry[]): number {
  return entries.reduce((sum, entry) => sum + entry.size, 0);
}
