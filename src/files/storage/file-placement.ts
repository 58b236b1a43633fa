// Puts file content in place atomically: rename when possible, else copy to a hidden temp name, fsync, rename.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, cp, lstat, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A hidden (dot) name beside the target, never listed, for content that is not complete yet. */
export function hiddenTempPath(target: string, kind = 'part'): string {
  return join(dirname(target), `.${basename(target).slice(0, 100)}.${randomBytes(6).toString('hex')}.${kind}`);
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Copies a file so that `target` appears only once complete. */
export async function copyFileAtomically(source: string, target: string): Promise<void> {
  const temp = hiddenTempPath(target);
  try {
    await copyFile(source, temp);
    await syncFile(temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Moves a finished file into place: a rename, or a copy + rename across file systems. */
export async function moveFileIntoPlace(source: string, target: string): Promise<void> {
  try {
    await rename(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFileAtomically(source, target);
    await rm(source, { force: true });
  }
}

/** Copies a folder tree (symlinks and special files left out) so that `target` appears only once complete. */
export async function copyFolderAtomically(source: string, target: string): Promise<void> {
  const temp = hiddenTempPath(target, 'copy');
  try {
    await cp(source, temp, {
      recursive: true,
      errorOnExist: true,
      force: false,
      preserveTimestamps: true,
      filter: async (path) => {
        const stats = await lstat(path);
        return stats.isFile() || stats.isDirectory();
      },
    });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/** SHA-1 of a file's content (OctoPrint's metadata `hash`). */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha1');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
