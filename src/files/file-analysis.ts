// G-code analysis of stored files: queued after uploads, results kept in metadata, paused while printing, aborted on delete.
import { EventBus } from '../events/index.js';
import type { Disposable } from '../shared/index.js';
import { AnalysisAbortedError, AnalysisQueue } from './analysis/queue/index.js';
import type { AnalysisQueueOptions } from './analysis/queue/index.js';
import { isGcode, parseStoragePath } from './storage/index.js';
import type { LocalFileStore, StoredEntry } from './storage/index.js';

export interface FileAnalysisOptions {
  store: LocalFileStore;
  events: EventBus;
  /** Analyser settings and chunk size for the worker. */
  queue?: Omit<AnalysisQueueOptions, 'events'>;
  onError?: (message: string, error: unknown) => void;
}

function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

export class FileAnalysis {
  private readonly queue: AnalysisQueue;
  private readonly subscriptions: Disposable[] = [];
  private closed = false;

  constructor(private readonly options: FileAnalysisOptions) {
    // The queue announces on a bus of its own: MetadataAnalysisStarted is passed on as it comes, Finished only once
    // the result is in the metadata, so that whoever reacts to it reads the new analysis.
    const queueEvents = new EventBus();
    this.subscriptions.push(queueEvents.on('MetadataAnalysisStarted', (payload) => options.events.emit('MetadataAnalysisStarted', payload)));
    this.queue = new AnalysisQueue({ ...options.queue, events: queueEvents });
    // Like OctoPrint's default (gcodeAnalysis.runAt: idle): no analysis competes with a running print.
    this.subscriptions.push(options.events.on('PrintStarted', () => this.queue.pause()));
    for (const end of ['PrintDone', 'PrintFailed', 'PrintCancelled'] as const) {
      this.subscriptions.push(options.events.on(end, () => this.queue.resume()));
    }
  }

  /** Queues the analysis of a G-code file; false when it is not G-code or does not exist. */
  async analyse(path: string, options: { highPriority?: boolean; display?: string } = {}): Promise<boolean> {
    const segments = parseStoragePath(path);
    if (this.closed || !segments || !isGcode(path) || (await this.options.store.kindOf(segments)) !== 'file') return false;
    const request = { path, file: this.options.store.diskPath(segments), name: options.display ?? segments[segments.length - 1] ?? path };
    this.queue.enqueue(request, { highPriority: options.highPriority ?? false }).then(
      (result) => this.store(path, request.name, result),
      (error: unknown) => {
        if (!(error instanceof AnalysisAbortedError)) this.options.onError?.(`analysis of ${path} failed`, error);
      },
    );
    return true;
  }

  /** Stops the analysis of a path, or of everything below a folder. */
  abort(path: string): void {
    const running = this.queue.current?.path;
    for (const queued of [...this.queue.queued, ...(running ? [running] : [])]) {
      if (isWithin(queued, path)) this.queue.abort(queued);
    }
  }

  /** Queues every G-code file below the entries that has no analysis yet (startup backlog, moved files). */
  async analyseMissing(entries: readonly StoredEntry[]): Promise<void> {
    for (const entry of entries) {
      if (entry.kind === 'folder') await this.analyseMissing(entry.children);
      else if (isGcode(entry.name) && entry.metadata.analysis === undefined) await this.analyse(entry.path, { display: entry.display });
    }
  }

  get paused(): boolean {
    return this.queue.paused;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    await this.queue.dispose();
  }

  private async store(path: string, name: string, result: unknown): Promise<void> {
    const segments = parseStoragePath(path);
    if (!segments || this.closed) return;
    try {
      await this.options.store.updateMetadata(segments, (entry) => {
        entry.analysis = result;
      });
    } catch (error) {
      // Deleted or moved meanwhile: the result has nowhere to go.
      if ((error as { code?: string }).code !== 'not-found') this.options.onError?.(`storing the analysis of ${path} failed`, error);
      return;
    }
    this.options.events.emit('MetadataAnalysisFinished', { name, path, origin: 'local', result });
  }
}
