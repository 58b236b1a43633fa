// Baud rate emulation: delivers lines in order, each at its due time (10 bits a byte on a busy wire), to the sub-millisecond.
import { WakeThread } from './wake-thread.js';

interface InTransit {
  readonly due: number;
  readonly deliver: () => void;
}

/**
 * Node's timers count whole milliseconds of a clock read once per event-loop turn: one may fire up to about 1 ms before
 * or after the time asked. Without the wake thread, waits longer than this are slept with a timer that ends this long
 * before the due time, and the rest is polled once per event-loop turn (setImmediate).
 */
export const POLL_MS = 1.5;
/**
 * With the wake thread, it is asked to wake the loop a margin before the due time (the rest is polled): a little more
 * than how late its wake-ups have come lately (a moving average), within these bounds.
 */
export const MIN_WAKE_MARGIN_MS = 0.05;
export const MAX_WAKE_MARGIN_MS = 1;
/** With the wake thread, a timer this long after the due time still ends the wait if the thread was late. */
const BACKSTOP_MS = 1;

export interface WireDelayOptions {
  /** Sleep long waits on a helper thread rather than on a timer (less polling); default true. */
  wakeThread?: boolean;
}

export class WireDelay {
  private readonly queue: InTransit[] = [];
  private head = 0;
  private busyUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private poll: NodeJS.Immediate | undefined;
  private thread: WakeThread | undefined;
  /** When the wake thread was asked to wake the loop, and how late its wake-ups came on average (ms). */
  private wakeRequestedFor = 0;
  private wakeLateness = 0.1;
  private readonly useThread: boolean;
  private flushing = false;
  private stopped = false;
  private readonly wake = () => this.flush();
  private readonly threadWake = () => {
    const late = Math.max(0, performance.now() - this.wakeRequestedFor);
    this.wakeLateness += (Math.min(late, MAX_WAKE_MARGIN_MS) - this.wakeLateness) / 8;
    this.flush();
  };

  /** `baudrate` in bits per second; times are real milliseconds (performance.now()). */
  constructor(
    private readonly baudrate: number,
    options: WireDelayOptions = {},
  ) {
    this.useThread = options.wakeThread ?? true;
  }

  /** Sends `bytes` bytes; `deliver` runs once the last byte has arrived, never earlier, after every earlier line. */
  send(bytes: number, deliver: () => void): void {
    if (this.stopped) return;
    const now = performance.now();
    const start = Math.max(now, this.busyUntil);
    this.busyUntil = start + (bytes * 10 * 1000) / this.baudrate;
    this.queue.push({ due: this.busyUntil, deliver });
    if (!this.flushing && !this.timer && !this.poll) this.arm(now);
  }

  /** Lines sent and not delivered yet. */
  get inTransit(): number {
    return this.queue.length - this.head;
  }

  /** True while a timer or a poll is pending (never when nothing is in transit). */
  get waiting(): boolean {
    return this.timer !== undefined || this.poll !== undefined;
  }

  /** Drops every line in transit, clears the timer or poll and ends the wake thread; later sends are ignored. */
  stop(): void {
    this.stopped = true;
    this.disarm();
    this.thread?.stop();
    this.queue.length = 0;
    this.head = 0;
  }

  /** After stop(): resolves once the wake thread (if one was started) has ended. */
  async ended(): Promise<void> {
    await this.thread?.ended();
  }

  /** How long before a due time the wake thread is asked to wake the loop. */
  get wakeMargin(): number {
    return Math.min(MAX_WAKE_MARGIN_MS, Math.max(MIN_WAKE_MARGIN_MS, 1.5 * this.wakeLateness + 0.02));
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.poll) clearImmediate(this.poll);
    this.timer = undefined;
    this.poll = undefined;
  }

  private arm(now: number): void {
    const next = this.queue[this.head];
    if (!next || this.stopped) return;
    const wait = next.due - now;
    const margin = this.wakeMargin;
    if (this.useThread && !this.thread && wait > margin) this.thread = new WakeThread(this.threadWake);
    if (this.thread?.running) {
      if (wait <= margin) this.poll = setImmediate(this.wake);
      else {
        this.wakeRequestedFor = next.due - margin;
        this.thread.wakeAt(this.wakeRequestedFor);
        this.timer = setTimeout(this.wake, wait + BACKSTOP_MS);
      }
    } else if (wait > POLL_MS) this.timer = setTimeout(this.wake, wait - POLL_MS);
    else this.poll = setImmediate(this.wake);
  }

  private flush(): void {
    this.disarm();
    this.flushing = true;
    let now = performance.now();
    try {
      while (!this.stopped && this.head < this.queue.length) {
        const item = this.queue[this.head] as InTransit;
        if (item.due > now) {
          now = performance.now();
          if (item.due > now) break;
        }
        this.head++;
        item.deliver();
      }
    } finally {
      this.flushing = false;
      if (!this.stopped) {
        if (this.head > 1024 || this.head === this.queue.length) {
          this.queue.splice(0, this.head);
          this.head = 0;
        }
        this.arm(performance.now());
      }
    }
  }
}
