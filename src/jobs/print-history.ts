// The print history: each print's end (done, cancelled, failed) kept in a bounded JSON file in the basedir.
import { readFileSync } from 'node:fs';
import { atomicWrite } from '../config/index.js';
import type { EventBus, EventPayloads } from '../events/index.js';
import type { Disposable, PrintHistoryEntry, PrintResult } from '../shared/index.js';

export type { PrintHistoryEntry, PrintResult } from '../shared/index.js';

export interface PrintHistoryOptions {
  file: string;
  events: EventBus;
  /** Milliseconds since the epoch. */
  now(): number;
  /** The most entries kept; the oldest go first. */
  limit?: number;
  onError?(message: string, error: unknown): void;
  /** The job's completion (percent) at the end being recorded (PrintJobService.completionAtEnd). */
  completion?(): number | null;
}

export const DEFAULT_HISTORY_LIMIT = 500;

function isEntry(value: unknown): value is PrintHistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.id === 'number' && typeof entry.path === 'string' && typeof entry.ended === 'number' && ['done', 'cancelled', 'failed'].includes(entry.result as string);
}

function readEntries(file: string, onError: PrintHistoryOptions['onError']): PrintHistoryEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onError?.(`Could not read the print history ${file}`, error);
    return [];
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    const list = Array.isArray(parsed) ? parsed : (parsed as { prints?: unknown }).prints;
    return Array.isArray(list) ? list.filter(isEntry).map((entry) => ({ ...entry, completion: typeof entry.completion === 'number' ? entry.completion : null })) : [];
  } catch (error) {
    onError?.(`The print history ${file} is not valid JSON; starting a new one`, error);
    return [];
  }
}

/** Listens to the job service's end events and keeps the last `limit` prints, newest last. */
export class PrintHistory {
  private entries: PrintHistoryEntry[];
  private writing: Promise<void> = Promise.resolve();
  private readonly subscriptions: Disposable[];
  private readonly limit: number;

  constructor(private readonly options: PrintHistoryOptions) {
    this.limit = Math.max(1, options.limit ?? DEFAULT_HISTORY_LIMIT);
    this.entries = readEntries(options.file, options.onError).slice(-this.limit);
    // A cancel is told twice (PrintCancelled, then PrintFailed with reason "cancelled"): the second one is recorded.
    this.subscriptions = [
      options.events.on('PrintDone', (payload) => this.record(payload, 'done', null)),
      options.events.on('PrintFailed', (payload) =>
        payload.reason === 'cancelled' ? this.record(payload, 'cancelled', null) : this.record(payload, 'failed', payload.reason),
      ),
    ];
  }

  /** The prints, newest first. */
  list(): PrintHistoryEntry[] {
    return this.entries.map((entry) => ({ ...entry })).reverse();
  }

  /** Waits for the pending write; stops listening. */
  async close(): Promise<void> {
    for (const subscription of this.subscriptions) subscription.dispose();
    await this.writing;
  }

  /** Resolves once every change so far is on disk. */
  flushed(): Promise<void> {
    return this.writing;
  }

  private record(payload: EventPayloads['PrintDone'], result: PrintResult, reason: string | null): void {
    const ended = this.options.now() / 1000;
    const duration = Math.max(0, payload.time);
    const last = this.entries[this.entries.length - 1];
    const completion = result === 'done' ? 100 : (this.options.completion?.() ?? null);
    this.entries.push({
      id: (last?.id ?? 0) + 1,
      name: payload.name,
      path: payload.path,
      origin: payload.origin,
      size: payload.size,
      user: payload.user ?? payload.owner,
      started: Math.round((ended - duration) * 1000) / 1000,
      ended: Math.round(ended * 1000) / 1000,
      duration: Math.round(duration * 100) / 100,
      result,
      reason,
      completion: completion === null ? null : Math.round(completion * 100) / 100,
    });
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    const text = `${JSON.stringify({ prints: this.entries }, null, 1)}\n`;
    this.writing = this.writing
      .then(() => atomicWrite(this.options.file, text))
      .then(
        () => undefined,
        (error: unknown) => this.options.onError?.(`Could not write the print history ${this.options.file}`, error),
      );
  }
}
