// Reads a process's memory and CPU time from /proc (Linux), for the benchmarks.
import { readFileSync, readdirSync } from 'node:fs';

const CLOCK_TICKS = 100;

/** Resident set size in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return match?.[1] ? Number(match[1]) * 1024 : 0;
}

function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** The live child processes of `pid` (the server's printer driver runs in one). */
export function childProcesses(pid: number): number[] {
  const children: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (Number(statFields(Number(name))[1]) === pid) children.push(Number(name));
    } catch {
      // The process ended meanwhile.
    }
  }
  return children;
}

/** User + system CPU time in seconds of the process and its live children (the driver's process included). */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const process of [pid, ...childProcesses(pid)]) {
    try {
      const fields = statFields(process);
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A child that ended meanwhile.
    }
  }
  return ticks / CLOCK_TICKS;
}

/** Samples RSS every interval until stopped; returns the peak. */
export function sampleRss(pid: number, intervalMs = 50): { stop(): number } {
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssBytes(pid));
    } catch {
      // The process may have ended.
    }
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
