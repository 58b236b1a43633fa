// Test helper: talks to a Transport line by line, collecting what it answers, with bounded waits.
import type { Transport } from '../../src/printer/transport/index.js';

export class PrinterConversation {
  /** Every line received, in order. */
  readonly lines: string[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(readonly transport: Transport) {
    transport.onLine((line) => {
      this.lines.push(line);
      for (const wake of [...this.waiters]) wake();
    });
  }

  /** Waits until `predicate(lines)` holds; rejects after `timeoutMs` with the lines seen so far. */
  until(predicate: (lines: readonly string[]) => boolean, timeoutMs = 3000): Promise<void> {
    if (predicate(this.lines)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const wake = () => {
        if (!predicate(this.lines)) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms; received:\n${this.lines.slice(-30).join('\n')}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      this.waiters.add(wake);
    });
  }

  /** Writes `line` and resolves with the lines answered up to and including the next line starting with `ok`. */
  async send(line: string, timeoutMs = 3000): Promise<string[]> {
    const start = this.lines.length;
    this.transport.write(line);
    await this.until((lines) => lines.slice(start).some((l) => l.startsWith('ok')), timeoutMs);
    const answer = this.lines.slice(start);
    const ok = answer.findIndex((l) => l.startsWith('ok'));
    return answer.slice(0, ok + 1);
  }

  /** Lines received since index `from`. */
  since(from: number): string[] {
    return this.lines.slice(from);
  }
}

/** Resolves after `ms` real milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
