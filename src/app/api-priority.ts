// Gives printing priority: lowers the main thread (web server, API, push) a few nice steps below the driver's thread.
import { getPriority, setPriority } from 'node:os';

/**
 * On Linux a nice value belongs to one thread, and `setPriority(pid)` changes the main thread only (its id is the
 * process id); threads started later inherit the new value, so the driver's thread must exist before this runs (create-app calls
 * it once the first driver thread has started; a thread restarted after a crash then runs at the lowered value).
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
