// Runs G-code analyses one at a time in a worker thread, off the request path: pausable, abortable, with progress.
import { basename } from 'node:path';
import type { EventBus } from '../../../events/index.js';
import type { Disposable, GcodeAnalysis } from '../../../shared/index.js';
import type { GcodeAnalyserOptions } from '../index.js';
import { DEFAULT_CHUNK_SIZE } from './analyse-file.js';
import { startAnalysisWorker } from './worker-start.js';
import type { AnalysisWorker } from './worker-start.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

/** A file to analyse. */
export interface AnalysisRequest {
  /** The file's path in storage: identifies the job (abort, progress, events). */
  path: string;
  /** Where the file is on disk. */
  file: string;
  /** For the events: display name (default: the last part of `path`) and origin (default "local"). */
  name?: string;
  origin?: string;
}

export interface AnalysisQueueOptions {
  analyser?: GcodeAnalyserOptions;
  /** Bytes the worker reads at a time. */
  chunkSize?: number;
  /** Receives MetadataAnalysisStarted and MetadataAnalysisFinished. */
  events?: EventBus;
  /** Linux nice value of the worker thread (0 = like the server, 19 = lowest); default 10. */
  nice?: number;
  /** The worker thread (an isolate of its own, ~10 MB) stops after this long without work; default 30 s. */
  idleStopMs?: number;
}

const DEFAULT_IDLE_STOP_MS = 30_000;

export interface AnalysisProgressEvent {
  path: string;
  bytes: number;
  total: number;
}

/** The reason an analysis promise rejects when the job is aborted (file deleted, queue disposed). */
export class AnalysisAbortedError extends Error {
  constructor(path: string) {
    super(`The analysis of ${path} was aborted`);
    this.name = 'AnalysisAbortedError';
  }
}

interface Job {
  id: number;
  request: AnalysisRequest;
  promise: Promise<GcodeAnalysis>;
  resolve(result: GcodeAnalysis): void;
  reject(error: Error): void;
  progress?: AnalysisProgressEvent;
}

/**
 * One worker, one job at a time, in order (high-priority jobs first). `pause()` holds the job in progress and
 * the queue while a print streams; `resume()` goes on where it stopped. `abort(path)` drops a queued job or stops
 * the running one. Results come back as the promise of `enqueue` and through `onFinished`.
 */
export class AnalysisQueue implements Disposable {
  private readonly waiting: Job[] = [];
  private running: Job | undefined;
  private worker: AnalysisWorker | undefined;
  private idleStop: ReturnType<typeof setTimeout> | undefined;
  private isPaused = false;
  private disposed = false;
  private nextId = 1;
  private readonly progressListeners = new Set<(event: AnalysisProgressEvent) => void>();
  private readonly finishedListeners = new Set<(path: string, result: GcodeAnalysis) => void>();

  constructor(private readonly options: AnalysisQueueOptions = {}) {}

  /** Queues a file; re-queuing a path that is waiting returns the same promise, one that is running restarts it. */
  enqueue(request: AnalysisRequest, { highPriority = false }: { highPriority?: boolean } = {}): Promise<GcodeAnalysis> {
    if (this.disposed) {
      const refused = Promise.reject(new Error('The analysis queue is disposed'));
      refused.catch(() => undefined);
      return refused;
    }
    const queued = this.waiting.find((job) => job.request.path === request.path);
    if (queued) return queued.promise;
    if (this.running?.request.path === request.path) this.abort(request.path);
    let resolve!: (result: GcodeAnalysis) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<GcodeAnalysis>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    // Callers may fire and forget: an abort must not become an unhandled rejection.
    promise.catch(() => undefined);
    const job: Job = { id: this.nextId++, request, promise, resolve, reject };
    if (highPriority) this.waiting.unshift(job);
    else this.waiting.push(job);
    this.startNext();
    return promise;
  }

  /** Drops the path's job whether waiting or running; returns false when there was none. */
  abort(path: string): boolean {
    const index = this.waiting.findIndex((job) => job.request.path === path);
    if (index >= 0) {
      const [job] = this.waiting.splice(index, 1);
      job?.reject(new AnalysisAbortedError(path));
      return true;
    }
    const running = this.running;
    if (running?.request.path !== path) return false;
    // Settle now; the worker's own "aborted" answer is then ignored.
    this.running = undefined;
    running.reject(new AnalysisAbortedError(path));
    this.post({ type: 'abort', id: running.id });
    this.startNext();
    return true;
  }

  /** Holds the analysis (e.g. while a print streams, so that the printer never starves). */
  pause(): void {
    if (this.isPaused) return;
    this.isPaused = true;
    this.post({ type: 'pause' });
  }

  resume(): void {
    if (!this.isPaused) return;
    this.isPaused = false;
    this.post({ type: 'resume' });
    this.startNext();
  }

  get paused(): boolean {
    return this.isPaused;
  }

  /** The job in progress, with how far it got. */
  get current(): AnalysisProgressEvent | undefined {
    const job = this.running;
    return job && (job.progress ?? { path: job.request.path, bytes: 0, total: 0 });
  }

  /** Paths waiting, in the order they will run. */
  get queued(): string[] {
    return this.waiting.map((job) => job.request.path);
  }

  onProgress(listener: (event: AnalysisProgressEvent) => void): Disposable {
    this.progressListeners.add(listener);
    return { dispose: () => this.progressListeners.delete(listener) };
  }

  onFinished(listener: (path: string, result: GcodeAnalysis) => void): Disposable {
    this.finishedListeners.add(listener);
    return { dispose: () => this.finishedListeners.delete(listener) };
  }

  /** Aborts everything and stops the worker. */
  dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.idleStop);
    for (const job of this.waiting.splice(0)) job.reject(new AnalysisAbortedError(job.request.path));
    if (this.running) this.running.reject(new AnalysisAbortedError(this.running.request.path));
    this.running = undefined;
    const worker = this.worker;
    this.worker = undefined;
    return worker ? worker.terminate() : Promise.resolve();
  }

  private startNext(): void {
    if (this.running || this.isPaused || this.disposed) return;
    const job = this.waiting.shift();
    if (!job) {
      this.worker?.idle();
      this.stopWhenIdle();
      return;
    }
    clearTimeout(this.idleStop);
    this.running = job;
    const { request } = job;
    this.options.events?.emit('MetadataAnalysisStarted', {
      name: request.name ?? basename(request.path),
      path: request.path,
      origin: request.origin ?? 'local',
      type: ['machinecode', 'gcode'],
    });
    const worker = this.ensureWorker();
    worker.busy();
    this.post({
      type: 'analyse',
      id: job.id,
      file: request.file,
      chunkSize: this.options.chunkSize ?? DEFAULT_CHUNK_SIZE,
      options: this.options.analyser ?? {},
    });
  }

  /** Ends the idle worker after a while; the next job starts a new one. */
  private stopWhenIdle(): void {
    if (!this.worker) return;
    clearTimeout(this.idleStop);
    this.idleStop = setTimeout(() => {
      const worker = this.worker;
      if (!worker || this.running || this.waiting.length > 0) return;
      this.worker = undefined;
      void worker.terminate();
    }, this.options.idleStopMs ?? DEFAULT_IDLE_STOP_MS);
    this.idleStop.unref();
  }

  private ensureWorker(): AnalysisWorker {
    this.worker ??= startAnalysisWorker(
      (message) => this.received(message),
      (error) => this.crashed(error),
      { nice: this.options.nice ?? 10 },
    );
    return this.worker;
  }

  private post(message: ToWorker): void {
    this.worker?.post(message);
  }

  private received(message: FromWorker): void {
    const job = this.running;
    if (!job || job.id !== message.id) return;
    switch (message.type) {
      case 'progress': {
        const event = { path: job.request.path, bytes: message.bytes, total: message.total };
        job.progress = event;
        for (const listener of this.progressListeners) listener(event);
        return;
      }
      case 'done':
        this.running = undefined;
        this.finished(job, message.result);
        break;
      case 'aborted':
        this.running = undefined;
        job.reject(new AnalysisAbortedError(job.request.path));
        break;
      case 'failed':
        this.running = undefined;
        job.reject(new Error(`The analysis of ${job.request.path} failed: ${message.message}`));
        break;
    }
    this.startNext();
  }

  private finished(job: Job, result: GcodeAnalysis): void {
    const { request } = job;
    for (const listener of this.finishedListeners) listener(request.path, result);
    this.options.events?.emit('MetadataAnalysisFinished', {
      name: request.name ?? basename(request.path),
      path: request.path,
      origin: request.origin ?? 'local',
      result,
    });
    job.resolve(result);
  }

  /** The worker died: fail its job and start a fresh worker for the rest. */
  private crashed(error: Error): void {
    this.worker = undefined;
    const job = this.running;
    this.running = undefined;
    job?.reject(new Error(`The analysis worker stopped: ${error.message}`));
    this.startNext();
  }
}
