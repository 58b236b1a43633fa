// Worker-thread entry: analyses one file at a time for the queue; can be paused, resumed and aborted.
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { analyseFile } from './analyse-file.js';
import type { FromWorker, ToWorker, WorkerSettings } from './worker-protocol.js';

if (!parentPort) throw new Error('analysis-worker must run in a worker thread');
const port = parentPort;

/** On Linux a nice value belongs to the calling thread, so this lowers the worker alone (elsewhere it would be the whole process). */
function lowerPriority(settings: WorkerSettings | undefined): void {
  if (process.platform !== 'linux' || !settings?.nice) return;
  try {
    // Only ever lower it (raising needs privileges).
    if (getPriority() < settings.nice) setPriority(settings.nice);
  } catch {
    // Not allowed here: run at normal priority.
  }
}

/** The job in progress and the controls the parent can pull. */
interface Running {
  id: number;
  abort: AbortController;
}

function createWorker(): void {
  let running: Running | undefined;
  let paused = false;
  /** Jobs waiting at the pause gate; woken by resume or abort. */
  const waiting = new Set<() => void>();
  const wake = (): void => {
    for (const resolve of waiting) resolve();
    waiting.clear();
  };

  const send = (message: FromWorker): void => port.postMessage(message);

  const gate = (): Promise<void> | undefined => (paused ? new Promise((resolve) => waiting.add(resolve)) : undefined);

  async function analyse(message: Extract<ToWorker, { type: 'analyse' }>): Promise<void> {
    const abort = new AbortController();
    running = { id: message.id, abort };
    try {
      const result = await analyseFile(message.file, (progress) => send({ type: 'progress', id: message.id, ...progress }), {
        analyser: message.options,
        chunkSize: message.chunkSize,
        signal: abort.signal,
        gate,
      });
      send({ type: 'done', id: message.id, result });
    } catch (error) {
      if (abort.signal.aborted) send({ type: 'aborted', id: message.id });
      else send({ type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
    } finally {
      // A new job may already have started while this one was winding down after an abort.
      if (running?.id === message.id) running = undefined;
    }
  }

  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'analyse':
        void analyse(message);
        break;
      case 'pause':
        paused = true;
        break;
      case 'resume':
        paused = false;
        wake();
        break;
      case 'abort':
        if (running?.id === message.id) {
          running.abort.abort();
          // A paused job wakes up to notice, then stops.
          wake();
        }
        break;
    }
  });
}

lowerPriority(workerData as WorkerSettings | undefined);
createWorker();
