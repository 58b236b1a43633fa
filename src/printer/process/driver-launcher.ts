// DriverLauncher: forks driver processes from a small long-lived thread made before the web server steps back (at the first connect), so that a driver forked again after the web server lowered its priority still starts at the original one.
import { MessageChannel, Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { crashReport, notOperational, processEntry, workerEntry } from '../../shared/index.js';
import type { FromDriver } from './driver-contract.js';
import type { FromLaunched, LaunchRequest, ToLaunched } from './driver-launcher-messages.js';
import { describeExit } from './driver-process.js';
import type { DriverProcess } from './driver-process.js';

export interface DriverLauncher {
  /** Forks a driver process (from the launcher thread); the same contract as startDriverProcess. */
  start(onMessage: (message: FromDriver) => void, onCrash: (error: Error) => void): DriverProcess;
  /** Ends the launcher thread (its processes are stopped first by their owners). */
  close(): Promise<void>;
}

/**
 * Creates the launcher thread now. On Linux a nice value belongs to one thread and a new thread or process starts at
 * its creator's: made before the main thread steps back, the launcher keeps the original priority, and so does every
 * driver it forks, without any privilege to raise one back.
 */
export function createDriverLauncher(): DriverLauncher {
  const entry = workerEntry(import.meta.url, 'driver-launcher-worker', () => import.meta.resolve('tsx/esm/api'));
  const worker = new Worker(entry.code, { eval: entry.eval });
  worker.unref();
  worker.on('error', () => undefined);
  return {
    start(onMessage, onCrash) {
      const driver = processEntry(import.meta.url, 'driver-entry', () => import.meta.resolve('tsx'));
      const { port1, port2 } = new MessageChannel();
      const request: LaunchRequest = {
        file: fileURLToPath(driver.file),
        execArgv: driver.execArgv,
        env: process.env,
        port: port2,
      };
      worker.postMessage(request, [port2]);
      const report = crashReport(onCrash);
      let pid: number | undefined;
      let exited = false;
      let onExit = (): void => undefined;
      const exit = new Promise<void>((resolve) => (onExit = resolve));
      const post = (command: ToLaunched): void => port1.postMessage(command);
      port1.on('message', (message: FromLaunched) => {
        if (message.type === 'started') pid = message.pid ?? undefined;
        else if (message.type === 'messages') for (const each of message.messages as FromDriver[]) onMessage(each);
        else if (message.type === 'error') report.crash(new Error(message.message));
        else {
          exited = true;
          port1.close();
          report.crash(new Error(describeExit(message.code, message.signal)));
          onExit();
        }
      });
      port1.unref();
      return {
        get pid() {
          return pid;
        },
        send: (call) => {
          if (report.ended || exited) throw notOperational();
          post({ type: 'send', call });
        },
        busy: () => port1.ref(),
        idle: () => port1.unref(),
        stop: async (graceMs = 3000) => {
          report.stopping();
          if (exited) return;
          port1.ref();
          post({ type: 'disconnect' });
          const timer = setTimeout(() => post({ type: 'kill' }), graceMs);
          await exit;
          clearTimeout(timer);
        },
      };
    },
    async close() {
      await worker.terminate();
    },
  };
}
