// Waits for a paced login's turn: timers that never keep the process alive and end at once when the server stops.

/** The login attempts waiting for their turn; stopping answers them all at once instead of making shutdown wait. */
export class PacingWaits {
  private readonly waiting = new Map<NodeJS.Timeout, (done: boolean) => void>();
  private stopped = false;

  /** Resolves true after `ms`, or false as soon as the waits are stopped (the attempt is then not made). */
  wait(ms: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(timer);
        resolve(true);
      }, ms);
      timer.unref();
      this.waiting.set(timer, resolve);
    });
  }

  /** Ends every wait (false) and refuses new ones. */
  stop(): void {
    this.stopped = true;
    for (const [timer, resolve] of this.waiting) {
      clearTimeout(timer);
      resolve(false);
    }
    this.waiting.clear();
  }
}
