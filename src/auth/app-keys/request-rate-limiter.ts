// How many app key requests one client address may start per minute (plugins.appkeys.requestRateLimit).
const WINDOW_MS = 60_000;
/** Upper bound on remembered addresses, so a flood from many addresses cannot exhaust memory. */
const MAX_ADDRESSES = 20_000;

export interface RequestLimits {
  /** Requests per address per minute. */
  perMinute: number;
  /** devel.enableRateLimiter: when off, nothing is limited. */
  enabled: boolean;
}

export class RequestRateLimiter {
  private readonly byAddress = new Map<string, number[]>();

  /** Read on every request, so config changes apply at once. */
  constructor(private readonly limits: () => RequestLimits) {}

  /**
   * Counts a request from this address; returns the seconds to wait when it is one too many (the request is then
   * not counted), or 0 when it may go ahead.
   */
  take(address: string, now: number): number {
    const { perMinute, enabled } = this.limits();
    if (!enabled) return 0;
    const times = (this.byAddress.get(address) ?? []).filter((t) => now - t < WINDOW_MS);
    if (times.length >= perMinute) {
      this.byAddress.set(address, times);
      const oldestThatCounts = times[times.length - perMinute] ?? now;
      return Math.max(1, Math.ceil((oldestThatCounts + WINDOW_MS - now) / 1000));
    }
    times.push(now);
    this.byAddress.delete(address);
    this.byAddress.set(address, times);
    this.prune(now);
    return 0;
  }

  private prune(now: number): void {
    if (this.byAddress.size <= MAX_ADDRESSES) return;
    for (const [address, times] of this.byAddress) {
      if (times.every((t) => now - t >= WINDOW_MS)) this.byAddress.delete(address);
    }
    // Still full: forget the addresses seen longest ago (Map order is insertion order, refreshed on each request).
    for (const address of this.byAddress.keys()) {
      if (this.byAddress.size <= MAX_ADDRESSES / 2) break;
      this.byAddress.delete(address);
    }
  }
}
