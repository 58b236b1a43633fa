// Gives printing priority: lowers the main thread (web server, API, push) a few nice steps below the driver's process.
import { getPriority, setPriority } from 'node:os';

/**
 * On Linux a nice value belongs to one thread, and `setPriority(pid)` changes the main thread only (its id is the
 * process id); threads and processes started later by this thread would inherit the new value, so create-app calls
 * this once the first driver process has been forked, and driver processes are forked by the launcher thread made just
 * before it (printer/process/driver-launcher.ts), which keeps the original priority for drivers forked after a crash.
 * Returns the sentence to log, or null when nothing changed.
 */
export function lowerApiPriority(steps: number): string | null {
  if (steps <= 0) return null;
  if (process.platform !== 'linux') return `server.apiNiceness is ${steps}, but thread priorities are only set on Linux; the web server runs at the driver's priority`;
  try {
    const current = getPriority(process.pid);
    const target = Math.min(19, current + steps);
    if (target === current) return null;
    setPriority(process.pid, target);
    return `The web server and API now run at a lower priority (nice ${target}) than the printer driver (nice ${current}), so that printing goes first when the machine is busy (server.apiNiceness: ${steps})`;
  } catch (error) {
    return `Could not lower the priority of the web server (server.apiNiceness): ${error instanceof Error ? error.message : String(error)}`;
  }
}
