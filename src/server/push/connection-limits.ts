// Per-connection message rate (token bucket) and caps on open connections, in total and per client address.
import { toDisposable } from '../../shared/index.js';
import type { Disposable } from '../../shared/index.js';

/** A token bucket: `burst` messages at once, refilled at `perSecond`. */
export class MessageRateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes one token; false when the client is over its rate. */
  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.perSecond);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Counts open connections; a lease is taken before a connection is accepted and released when it ends. */
export class ConnectionLimiter {
  private total = 0;
  private readonly byAddress = new Map<string, number>();

  constructor(
    private readonly maxTotal: number,
    private readonly maxPerAddress: number,
  ) {}

  get count(): number {
    return this.total;
  }

  /** A lease for one more connection from this address, or null when a cap is reached. */
  acquire(address: string): Disposable | null {
    const current = this.byAddress.get(address) ?? 0;
    if (this.total >= this.maxTotal || current >= this.maxPerAddress) return null;
    this.total += 1;
    this.byAddress.set(address, current + 1);
    return toDisposable(() => {
      this.total -= 1;
      const left = (this.byAddress.get(address) ?? 1) - 1;
      if (left <= 0) this.byAddress.delete(address);
      else this.byAddress.set(address, left);
    });
  }
}
