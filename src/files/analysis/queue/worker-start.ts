// Starts the analysis worker thread from compiled JavaScript (dist/) or from the TypeScript sources under tsx.
import { Worker } from 'node:worker_threads';
import { crashReport, workerEntry } from '../../../shared/index.js';
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

/** `analysis-worker.js` beside this module in dist/, or `analysis-worker.ts` under tsx. */
function createThread(workerData: WorkerSettings): Worker {
  const entry = workerEntry(import.meta.url, 'analysis-worker', () => import.meta.resolve('tsx/esm/api'));
  return new Worker(entry.code, { eval: entry.eval, workerData });
}

/** Starts the worker; `onCrash` is called once if it dies (an error, or an exit nobody asked for). */
export function startAnalysisWorker(
  onMessage: (message: FromWorker) => void,
  onCrash: (error: Error) => void,
  settings: WorkerSettings = {},
): AnalysisWorker {
  const thread = createThread(settings);
  const report = crashReport(onCrash);
  thread.on('message', onMessage);
  thread.on('error', (error) => report.crash(error));
  thread.on('exit', (code) => report.crash(new Error(`exited with code ${code}`)));
  thread.unref();
  return {
    post: (message) => thread.postMessage(message),
    busy: () => thread.ref(),
    idle: () => thread.unref(),
    terminate: async () => {
      report.stopping();
      await thread.terminate();
    },
  };
}
