// Joins writes that come close together into one system call per socket: the first write after a quiet spell goes
// out at once; writes within the window after it are corked and flushed together when the window ends.
export interface Corkable {
  cork(): void;
  uncork(): void;
  /** Bytes waiting in the stream (held ones included). */
  readonly writableLength: number;
}

/** A held socket with this much waiting is let go at once: big data goes out without delay. */
const MAX_HELD_BYTES = 64 * 1024;

export class WriteCoalescer {
  private readonly held = new Set<Corkable>();
  private readonly lastWrite = new WeakMap<Corkable, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Call right before writing to the socket. */
  beforeWrite(socket: Corkable): void {
    if (this.held.has(socket)) {
      if (socket.writableLength > MAX_HELD_BYTES) this.release(socket);
      return;
    }
    if (this.windowMs <= 0) return;
    const now = this.now();
    const last = this.lastWrite.get(socket);
    this.lastWrite.set(socket, now);
    if (last === undefined || now - last >= this.windowMs) return;
    socket.cork();
    this.held.add(socket);
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.windowMs);
      this.timer.unref();
    }
  }

  /** Lets a socket's held writes go (before it closes). */
  release(socket: Corkable): void {
    if (this.held.delete(socket)) socket.uncork();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const held = [...this.held];
    this.held.clear();
    // A flush is a write: a socket written to again within the window is held again, so a steady stream of
    // messages leaves in one system call per window.
    const now = this.now();
    for (const socket of held) {
      this.lastWrite.set(socket, now);
      socket.uncork();
    }
  }
}
