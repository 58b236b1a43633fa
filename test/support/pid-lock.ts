// Test helper: a lock file that holds its owner's pid, so a lock left by a killed run is taken over at once instead of waited on.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock if it is free or its owner is gone; false while a live process holds it. */
export function tryLock(path: string): boolean {
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let owner = Number.NaN;
  try {
    owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
  } catch {
    return false; // released between our two looks: try again on the next turn
  }
  // An empty file is a lock being written this instant by its owner; only a named owner that is gone is stale.
  if (!Number.isInteger(owner) || alive(owner)) return false;
  rmSync(path, { force: true });
  return tryLock(path);
}

/** Releases a lock this process holds (leaves another owner's lock alone). */
export function unlock(path: string): void {
  try {
    if (Number.parseInt(readFileSync(path, 'utf8'), 10) === process.pid) rmSync(path, { force: true });
  } catch {
    // already gone
  }
}
