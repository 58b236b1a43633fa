// Scheduler: the time source and timers the driver uses, injectable so that tests can drive time by hand.
import type { Disposable } from '../../shared/index.js';

export interface Scheduler {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  /** Milliseconds since the epoch (for timestamps users see, e.g. temperature history). */
  wallClock(): number;
  /** Runs `callback` once after `ms`; dispose to cancel. */
  setTimeout(callback: () => void, ms: number): Disposable;
  /** Runs `callback` every `ms`; dispose to stop. */
  setInterval(callback: () => void, ms: number): Disposable;
}

/** The real clock and Node's timers (unref'd, so an idle driver never keeps the process alive). */
export function systemScheduler(): Scheduler {
  return {
    now: () => performance.now(),
    wallClock: () => Date.now(),
    setTimeout(callback, ms) {
      const handle = setTimeout(callback, ms);
      handle.unref();
      return { dispose: () => clearTimeout(handle) };
    },
    setInterval(callback, ms) {
      const handle = setInterval(callback, ms);
      handle.unref();
      return { dispose: () => clearInterval(handle) };
    },
  };
}
