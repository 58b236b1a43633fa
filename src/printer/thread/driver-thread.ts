// Starts the printer driver's worker thread from compiled JavaScript (dist/) or from the TypeScript sources under tsx.
import { Worker } from 'node:worker_threads';
import { crashReport, workerEntry } from '../../shared/index.js';
import type { DriverConfig, FromDriver, ToDriver } from './thread-protocol.js';

/** The worker as the proxy sees it. */
export interface DriverThread {
  post(message: ToDriver): void;
  /** Keeps the process alive while a call waits for its answer... */
  busy(): void;
  /** ...and lets it exit otherwise. */
  idle(): void;
  /** Ends the thread at once (after a disconnect, nothing is left to lose). */
  terminate(): Promise<void>;
  /** Resolves when the thread has ended, for whatever reason. */
  readonly exited: Promise<void>;
}

/** `driver-worker.js` beside this module in dist/ (bundled or not), or `driver-worker.ts` under tsx. */
function createWorker(workerData: DriverConfig): Worker {
  const entry = workerEntry(import.meta.url, 'driver-worker', () => import.meta.resolve('tsx/esm/api'));
  return new Worker(entry.code, { eval: entry.eval, workerData });
}

/**
 * Starts the thread; `onCrash` is called once if it dies (an error, or an exit nobody asked for). The thread does not
 * keep the process alive: the server's sockets do.
 */
export function startDriverThread(config: DriverConfig, onMessage: (message: FromDriver) => void, onCrash: (error: Error) => void): DriverThread {
  const worker = createWorker(config);
  const report = crashReport(onCrash);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // The worker posts batches (see message-batch.ts).
  worker.on('message', (messages: FromDriver[]) => {
    for (const message of messages) onMessage(message);
  });
  worker.on('error', (error) => report.crash(error));
  worker.on('exit', (code) => report.crash(new Error(`the thread exited with code ${code}`)));
  worker.unref();
  return {
    post: (message) => {
      if (!report.ended) worker.postMessage(message);
    },
    exited,
    busy: () => worker.ref(),
    idle: () => worker.unref(),
    terminate: async () => {
      report.stopping();
      await worker.terminate();
    },
  };
}
