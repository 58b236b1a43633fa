// Starts the printer driver's worker thread from compiled JavaScript (dist/) or from the TypeScript sources under tsx.
import { Worker } from 'node:worker_threads';
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

/**
 * The worker file sits next to this module: `driver-worker.js` in dist/ (bundled or not). Under tsx (tests, `npm start`
 * from sources) this module is a .ts file, and Node 20 does not carry tsx's loader into worker threads, so the
 * worker first registers tsx and then imports `driver-worker.ts`.
 */
function createWorker(workerData: DriverConfig): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./driver-worker.js', import.meta.url), { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./driver-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * Starts the thread; `onCrash` is called once if it dies (an error, or an exit nobody asked for). The thread does not
 * keep the process alive: the server's sockets do.
 */
export function startDriverThread(config: DriverConfig, onMessage: (message: FromDriver) => void, onCrash: (error: Error) => void): DriverThread {
  const worker = createWorker(config);
  let stopping = false;
  let crashed = false;
  const crash = (error: Error): void => {
    if (stopping || crashed) return;
    crashed = true;
    onCrash(error);
  };
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // The worker posts batches (see message-batch.ts).
  worker.on('message', (messages: FromDriver[]) => {
    for (const message of messages) onMessage(message);
  });
  worker.on('error', crash);
  worker.on('exit', (code) => crash(new Error(`the thread exited with code ${code}`)));
  worker.unref();
  return {
    post: (message) => {
      if (!crashed && !stopping) worker.postMessage(message);
    },
    exited,
    busy: () => worker.ref(),
    idle: () => worker.unref(),
    terminate: async () => {
      stopping = true;
      await worker.terminate();
    },
  };
}
