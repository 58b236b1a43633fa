// Starts the driver process (one per printer) from the built dist/driver-entry.js, or from the sources under tsx.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { crashReport, notOperational, processEntry } from '../../shared/index.js';
import type { Call, DriverCalls, FromDriver } from './driver-contract.js';

/** The driver process as the web side sees it. */
export interface DriverProcess {
  readonly pid: number | undefined;
  /** Sends a call; throws not-operational when the process has ended or its channel is closed. */
  send(call: Call<DriverCalls>): void;
  /** Keeps the server alive while a call waits for its answer... */
  busy(): void;
  /** ...and lets it exit otherwise (the server's sockets keep it alive). */
  idle(): void;
  /** Ends the process: closes its channel (it exits by itself), and kills it if it has not after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Says in words how a process ended. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `it was ended by signal ${signal}`;
  return `it exited with code ${code}`;
}

/** Forks the driver process; `onCrash` is called once if it ends without being asked to. */
export function startDriverProcess(onMessage: (message: FromDriver) => void, onCrash: (error: Error) => void): DriverProcess {
  const entry = processEntry(import.meta.url, 'driver-entry', () => import.meta.resolve('tsx'));
  const child = fork(fileURLToPath(entry.file), [], {
    execArgv: entry.execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const report = crashReport(onCrash);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // The process posts batches (see message-batch.ts).
  child.on('message', (messages: FromDriver[]) => {
    for (const message of messages) onMessage(message);
  });
  child.on('error', (error) => report.crash(error));
  child.on('exit', (code, signal) => report.crash(new Error(describeExit(code, signal))));
  const idle = (): void => {
    child.unref();
    child.channel?.unref();
  };
  idle();
  return {
    pid: child.pid,
    send: (call) => {
      // A call nobody can receive fails at once, rather than waiting for a reply that cannot come.
      if (report.ended || !child.connected) throw notOperational();
      child.send(call);
    },
    busy: () => {
      child.ref();
      child.channel?.ref();
    },
    idle,
    stop: async (graceMs = 3000) => {
      report.stopping();
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Wait for the exit with the process referenced: an unreferenced one would let the loop end before its exit shows.
      child.ref();
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
