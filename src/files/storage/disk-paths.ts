// Maps sanitised storage paths onto the uploads folder on disk, refusing symlinks and anything but files and folders.
import { lstat, mkdir, realpath } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { ArgonautError } from '../../shared/index.js';

export type EntryKind = 'file' | 'folder';

export interface InspectedEntry {
  kind: EntryKind;
  stats: Stats;
}

async function lstatOrNull(path: string): Promise<Stats | null> {
  try {
    return await lstat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

export class DiskPaths {
  private constructor(readonly root: string) {}

  /** The uploads root is resolved once (it may itself be reached through a symlink the admin set up). */
  static async open(root: string): Promise<DiskPaths> {
    await mkdir(root, { recursive: true });
    return new DiskPaths(await realpath(root));
  }

  /** The on-disk path of sanitised segments (which hold no separators and no `..`). */
  diskPath(segments: readonly string[]): string {
    for (const segment of segments) {
      if (segment === '' || segment === '.' || segment === '..' || segment.includes('/') || segment.includes('\0')) {
        throw new ArgonautError('invalid', 'invalid path');
      }
    }
    return join(this.root, ...segments);
  }

  /**
   * What is at that path: a regular file or a real folder reached through real folders only. Symlinks (anywhere on
   * the way), sockets, devices and missing entries all give null.
   */
  async inspect(segments: readonly string[]): Promise<InspectedEntry | null> {
    let current = this.root;
    for (let i = 0; i < segments.length; i += 1) {
      current = join(current, segments[i] ?? '');
      const stats = await lstatOrNull(current);
      if (!stats || stats.isSymbolicLink()) return null;
      const last = i === segments.length - 1;
      if (!last && !stats.isDirectory()) return null;
      if (last) {
        if (stats.isFile()) return { kind: 'file', stats };
        if (stats.isDirectory()) return { kind: 'folder', stats };
        return null;
      }
    }
    const stats = await lstat(this.root);
    return { kind: 'folder', stats };
  }

  /** Whether anything (even a symlink or a special file) occupies that name. */
  async occupied(segments: readonly string[]): Promise<boolean> {
    return (await lstatOrNull(this.diskPath(segments))) !== null;
  }

  /**
   * Creates the missing folders of a path, one by one, refusing to walk through a symlink or a file.
   * Returns the folders it created (as segment lists), outermost first.
   */
  async ensureFolder(segments: readonly string[]): Promise<string[][]> {
    const created: string[][] = [];
    for (let i = 1; i <= segments.length; i += 1) {
      const prefix = segments.slice(0, i);
      const path = this.diskPath(prefix);
      const stats = await lstatOrNull(path);
      if (stats) {
        if (stats.isSymbolicLink() || !stats.isDirectory()) {
          throw new ArgonautError('invalid', 'invalid path: a part of it is not a folder');
        }
        continue;
      }
      try {
        await mkdir(path);
        created.push(prefix);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const again = await lstatOrNull(path);
        if (!again || again.isSymbolicLink() || !again.isDirectory()) {
          throw new ArgonautError('invalid', 'invalid path: a part of it is not a folder');
        }
      }
    }
    return created;
  }
}
