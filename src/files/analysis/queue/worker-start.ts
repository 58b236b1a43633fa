// Starts the analysis worker thread from compiled JavaScript (dist/) or from the TypeScript sources under tsx.
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerSettings } from './worker-protocol.js';

/** The worker as the queue sees it. */
export interface AnalysisWorker {
  post(message: ToWorker): void;
  /** Keeps the process alive while a job runs... */
  busy(): void;
  /** ...and lets it exit while the worker waits for work. */
  idle(): void;
  terminate(): Promise<void>;
}

/**
 * The worker file sits next to this module: `analysis-worker.js` in dist/. Under tsx (tests, `npm start` from
 * sources) this module is a .ts file, and Node 20 does not carry tsx's loader into worker threads, so the worker
 * first registers tsx and then imports `analysis-worker.ts`.
 */
function createThread(workerData: WorkerSettings): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./analysis-worker.js', import.meta.url), { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./analysis-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** Starts the worker; `onCrash` is called once if it dies (an error, or an exit nobody asked for). */
export function startAnalysisWorker(
  onMessage: (message: FromWorker) => void,
  onCrash: (error: Error) => void,
  settings: WorkerSettings = {},
): AnalysisWorker {
  const thread = createThread(settings);
  let stopping = false;
  let crashed = false;
  const crash = (error: Error): void => {
    if (stopping || crashed) return;
    crashed = true;
    onCrash(error);
  };
  thread.on('message', onMessage);
  thread.on('error', crash);
  thread.on('exit', (code) => crash(new Error(`exited with code ${code}`)));
  thread.unref();
  return {
    post: (message) => thread.postMessage(message),
    busy: () => thread.ref(),
    idle: () => thread.unref(),
    terminate: async () => {
      stopping = true;
      await thread.terminate();
    },
  };
}
