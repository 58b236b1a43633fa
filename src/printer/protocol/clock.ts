// Clock: the time source injected into protocol code, which owns no timers and reads no global time itself.

export interface Clock {
  /** Milliseconds on a monotonic scale (only differences matter). */
  now(): number;
}
