// Terminal log: a ring buffer of the serial traffic (`Send: ...`, `Recv: ...`) with cheap per-line listeners.
import type { Disposable } from '../../shared/index.js';

export type LogDirection = 'send' | 'recv' | 'info';

/** Lines a printer's terminal keeps, in the driver and in the main thread's copy of it. */
export const TERMINAL_LINES = 300;

/** Called for every logged line; `text` is the raw line without the `Send: ` / `Recv: ` prefix. */
export type LogListener = (direction: LogDirection, text: string) => void;

const PREFIX: Record<LogDirection, string> = { send: 'Send: ', recv: 'Recv: ', info: '' };

/** Formats a log entry as OctoPrint shows it in the terminal. */
export function formatLogLine(direction: LogDirection, text: string): string {
  return PREFIX[direction] + text;
}

export class TerminalLog {
  private readonly texts: string[];
  private readonly directions: LogDirection[];
  private written = 0;
  private readonly listeners = new Set<LogListener>();

  constructor(readonly capacity = TERMINAL_LINES) {
    this.texts = new Array<string>(capacity).fill('');
    this.directions = new Array<LogDirection>(capacity).fill('info');
  }

  append(direction: LogDirection, text: string): void {
    const slot = this.written % this.capacity;
    this.texts[slot] = text;
    this.directions[slot] = direction;
    this.written++;
    if (this.listeners.size > 0) for (const listener of this.listeners) listener(direction, text);
  }

  /** Number of lines ever appended (a cursor for {@link since}). */
  get cursor(): number {
    return this.written;
  }

  /** The buffered lines, oldest first, formatted as in the terminal. */
  lines(): string[] {
    return this.since(0).lines;
  }

  /** Formatted lines appended after `cursor` (those still buffered) and the new cursor. */
  since(cursor: number): { lines: string[]; cursor: number } {
    const start = Math.max(cursor, this.written - this.capacity, 0);
    const lines: string[] = [];
    for (let n = start; n < this.written; n++) {
      const slot = n % this.capacity;
      lines.push(formatLogLine(this.directions[slot] ?? 'info', this.texts[slot] ?? ''));
    }
    return { lines, cursor: this.written };
  }

  onLine(listener: LogListener): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
