// Baud rate emulation: delivers lines in order, each after its transmission time (10 bits a byte) on a busy wire.

interface InTransit {
  readonly due: number;
  readonly deliver: () => void;
}

export class WireDelay {
  private readonly queue: InTransit[] = [];
  private head = 0;
  private busyUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  /** `baudrate` in bits per second; times are real milliseconds. */
  constructor(private readonly baudrate: number) {}

  /** Sends `bytes` bytes; `deliver` runs when the last byte has arrived. */
  send(bytes: number, deliver: () => void): void {
    if (this.stopped) return;
    const now = performance.now();
    const start = Math.max(now, this.busyUntil);
    this.busyUntil = start + (bytes * 10 * 1000) / this.baudrate;
    this.queue.push({ due: this.busyUntil, deliver });
    if (!this.timer) this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
    this.head = 0;
  }

  private arm(): void {
    const next = this.queue[this.head];
    if (!next || this.stopped) {
      this.timer = undefined;
      return;
    }
    this.timer = setTimeout(() => this.flush(), Math.max(0, next.due - performance.now()));
  }

  private flush(): void {
    this.timer = undefined;
    const now = performance.now();
    while (!this.stopped && this.head < this.queue.length && (this.queue[this.head]?.due ?? Infinity) <= now + 0.5) {
      const item = this.queue[this.head++];
      item?.deliver();
    }
    if (this.head > 1024 || this.head === this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    this.arm();
  }
}
