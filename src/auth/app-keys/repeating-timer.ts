// A repeating timer that never keeps the process alive and can be started and stopped any number of times.
export class RepeatingTimer {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly tick: () => void,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(this.tick, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
  }
}
