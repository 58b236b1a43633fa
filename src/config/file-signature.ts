// A file's identity on disk (inode, size, modification time), to tell another process's write from one's own.
import { statSync } from 'node:fs';
import type { Stats } from 'node:fs';

/** 'missing' when the file does not exist; compare two signatures to know whether the file changed in between. */
export function fileSignature(file: string): string {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? signatureOf(stat) : 'missing';
}

/** The signature of stats already at hand (a file just written keeps them through the rename into place). */
export function signatureOf(stat: Pick<Stats, 'ino' | 'size' | 'mtimeMs'>): string {
  return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
}
