// Messages between the analysis queue and its worker thread.
import type { GcodeAnalysis } from '../../../shared/index.js';
import type { GcodeAnalyserOptions } from '../index.js';

export type ToWorker =
  | { type: 'analyse'; id: number; file: string; chunkSize: number; options: GcodeAnalyserOptions }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'abort'; id: number };

export type FromWorker =
  | { type: 'progress'; id: number; bytes: number; total: number }
  | { type: 'done'; id: number; result: GcodeAnalysis }
  | { type: 'aborted'; id: number }
  | { type: 'failed'; id: number; message: string };

/** Given to the worker when it starts (its workerData). */
export interface WorkerSettings {
  /** Nice value for the worker thread on Linux (higher = lower priority); the server thread keeps its own. */
  nice?: number;
}
