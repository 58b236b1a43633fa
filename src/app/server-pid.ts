// data/server.pid: written when the server starts listening, removed when it stops, so other tools can tell it runs.
import { readFileSync, rmSync } from 'node:fs';
import { atomicWrite } from '../config/index.js';

/** Records this process as the server of the basedir. */
export async function writeServerPid(pidFile: string, pid: number = process.pid): Promise<void> {
  await atomicWrite(pidFile, `${pid}\n`, { mode: 0o644 });
}

function readPid(pidFile: string): number | null {
  let text: string;
  try {
    text = readFileSync(pidFile, 'utf8');
  } catch {
    return null;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Removes the pid file, but only when it names this process (another server may have taken over the basedir). */
export function removeServerPid(pidFile: string, pid: number = process.pid): void {
  if (readPid(pidFile) === pid) rmSync(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the server running on the basedir, or null when there is no pid file or its process is gone. */
export function runningServerPid(pidFile: string): number | null {
  const pid = readPid(pidFile);
  return pid !== null && isAlive(pid) ? pid : null;
}
