// Scheduler of the virtual printer: owns every timer and immediate it starts, so close() can clear them all at once.
import type { Clock } from '../protocol/index.js';

/** Simulated time: real elapsed time multiplied by `timeScale`. */
export class ScaledClock implements Clock {
  private readonly start = performance.now();

  constructor(private readonly timeScale: number) {}

  now(): number {
    return (performance.now() - this.start) * this.timeScale;
  }
}

interface Sleeper {
  timer: NodeJS.Timeout;
  resolve: () => void;
}

export class Scheduler {
  private readonly timeouts = new Set<NodeJS.Timeout>();
  private readonly intervals = new Set<NodeJS.Timeout>();
  private readonly immediates = new Set<NodeJS.Immediate>();
  private readonly sleepers = new Set<Sleeper>();
  private stopped = false;

  /** `timeScale` converts simulated milliseconds into real ones (real = simulated / timeScale). */
  constructor(private readonly timeScale: number) {}

  /** Runs `task` on a later turn of the event loop (not a timer: nothing waits on the clock). */
  immediate(task: () => void): void {
    if (this.stopped) return;
    const handle = setImmediate(() => {
      this.immediates.delete(handle);
      task();
    });
    this.immediates.add(handle);
  }

  /** Runs `task` after `simulatedMs`. */
  after(simulatedMs: number, task: () => void): NodeJS.Timeout | undefined {
    if (this.stopped) return undefined;
    const handle = setTimeout(() => {
      this.timeouts.delete(handle);
      task();
    }, Math.max(0, simulatedMs / this.timeScale));
    this.timeouts.add(handle);
    return handle;
  }

  /** Runs `task` every `simulatedMs` until the returned function is called. */
  every(simulatedMs: number, task: () => void): () => void {
    if (this.stopped) return () => {};
    const handle = setInterval(task, Math.max(1, simulatedMs / this.timeScale));
    this.intervals.add(handle);
    return () => {
      clearInterval(handle);
      this.intervals.delete(handle);
    };
  }

  /** Resolves after `simulatedMs`, or earlier on {@link interruptSleeps}; never resolves once stopped. */
  sleep(simulatedMs: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) return;
      const sleeper: Sleeper = {
        timer: setTimeout(() => {
          this.sleepers.delete(sleeper);
          resolve();
        }, Math.max(0, simulatedMs / this.timeScale)),
        resolve,
      };
      this.sleepers.add(sleeper);
    });
  }

  /** Wakes every sleeper now (M108 breaking a heating wait, M410 stopping moves). */
  interruptSleeps(): void {
    for (const sleeper of this.sleepers) {
      clearTimeout(sleeper.timer);
      sleeper.resolve();
    }
    this.sleepers.clear();
  }

  /** Clears every timer, interval and immediate; later requests are ignored. */
  stop(): void {
    this.stopped = true;
    for (const handle of this.timeouts) clearTimeout(handle);
    for (const handle of this.intervals) clearInterval(handle);
    for (const handle of this.immediates) clearImmediate(handle);
    for (const sleeper of this.sleepers) clearTimeout(sleeper.timer);
    this.timeouts.clear();
    this.intervals.clear();
    this.immediates.clear();
    this.sleepers.clear();
  }

  /** Number of pending timers, intervals, immediates and sleeps (tests check it is 0 after close). */
  get pending(): number {
    return this.timeouts.size + this.intervals.size + this.immediates.size + this.sleepers.size;
  }
}
