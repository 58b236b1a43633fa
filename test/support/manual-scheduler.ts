// A Scheduler whose time only moves when a test calls advance(): timers fire in order, deterministically.
import type { Disposable } from '../../src/shared/index.js';

interface Timer {
  id: number;
  at: number;
  every: number | null;
  callback: () => void;
}

export class ManualScheduler {
  private time = 0;
  private nextId = 1;
  private timers: Timer[] = [];
  readonly epoch = 1_700_000_000_000;

  now(): number {
    return this.time;
  }

  wallClock(): number {
    return this.epoch + this.time;
  }

  setTimeout(callback: () => void, ms: number): Disposable {
    return this.add(callback, ms, null);
  }

  setInterval(callback: () => void, ms: number): Disposable {
    return this.add(callback, ms, ms);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.time = Math.max(this.time, due.at);
      if (due.every === null) this.timers = this.timers.filter((t) => t !== due);
      else due.at += Math.max(1, due.every);
      due.callback();
    }
    this.time = end;
  }

  private add(callback: () => void, ms: number, every: number | null): Disposable {
    const timer: Timer = { id: this.nextId++, at: this.time + Math.max(0, ms), every, callback };
    this.timers.push(timer);
    return { dispose: () => (this.timers = this.timers.filter((t) => t !== timer)) };
  }
}
