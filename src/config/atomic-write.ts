// Atomic file writes: temp file beside the target, fsync, rename, so a crash never leaves half a file.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { openSync, writeSync, fsyncSync, fstatSync, closeSync, renameSync, rmSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** File mode of the new file, e.g. 0o600 for secrets. */
  mode?: number;
}

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Resolves with the new file's stats (the rename keeps its inode, size and modification time). */
export async function atomicWrite(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<Stats> {
  const temp = tempPathFor(target);
  const handle = await open(temp, 'wx', options.mode ?? 0o644);
  let stats: Stats;
  try {
    await handle.writeFile(data);
    if (options.mode !== undefined) await handle.chmod(options.mode);
    await handle.sync();
    stats = await handle.stat();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return stats;
}

/** The same, synchronously, for the CLI and shutdown paths. */
export function atomicWriteSync(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Stats {
  const temp = tempPathFor(target);
  const fd = openSync(temp, 'wx', options.mode ?? 0o644);
  let stats: Stats;
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
    stats = fstatSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return stats;
}
