// Failed-login limits: per client address like OctoPrint (3/min, 5/10 min, 10/h), and a per-account pace for unknown devices.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** OctoPrint's `3/minute;5/10 minutes;10/hour`, counting failed attempts only. */
export const ADDRESS_LIMITS: ReadonlyArray<{ windowMs: number; max: number }> = [
  { windowMs: MINUTE, max: 3 },
  { windowMs: 10 * MINUTE, max: 5 },
  { windowMs: 60 * MINUTE, max: 10 },
];

/** Failures on one account (from anywhere, devices not known to it) before its attempts are paced. */
export const ACCOUNT_FREE_FAILURES = 10;
/** How long an account's failures count towards its pace. */
export const ACCOUNT_WINDOW_MS = 15 * MINUTE;
/** While paced, attempts from unknown devices on the account are answered one per this interval. */
export const ACCOUNT_SPACING_MS = 1000;
/** An attempt whose turn is further away than this is refused (429) instead of waiting for it. */
export const ACCOUNT_MAX_WAIT_MS = 15_000;
/** Upper bound on remembered addresses and accounts, so a flood cannot exhaust memory. */
const MAX_ENTRIES = 50_000;

export interface RateDecision {
  limited: boolean;
  /** Seconds until another attempt may succeed (0 when not limited). */
  retryAfterSeconds: number;
  /** How long the attempt must wait for its turn before it is checked (0 unless the account is paced). */
  waitMs: number;
}

export interface AttemptOptions {
  /** The attempt comes from a device that logged in to this account before (a device token), or from its session. */
  knownDevice?: boolean;
}

interface AccountState {
  /** Times of recent failures from unknown devices. */
  failures: number[];
  /** When the next paced attempt may be checked. */
  nextTurn: number;
}

function accountKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

const FREE: RateDecision = { limited: false, retryAfterSeconds: 0, waitMs: 0 };

/**
 * Failed logins never lock an account. Each address is limited as OctoPrint does; on top, once an account has had
 * many failures from devices it does not know, attempts on it from unknown devices take turns (one a second), so
 * guessing spread over many addresses is slowed. Devices that logged in before skip the turns.
 */
export class LoginRateLimiter {
  private readonly byAddress = new Map<string, number[]>();
  private readonly byAccount = new Map<string, AccountState>();

  /** `enabled` is read on every check (devel.enableRateLimiter can change at run time). */
  constructor(private readonly enabled: () => boolean) {}

  /**
   * Whether an attempt from this address (on this account, if named) must be refused now, or how long it must wait
   * for its turn. A paced account's turn is taken by this call.
   */
  check(address: string, account: string | null, now: number, options: AttemptOptions = {}): RateDecision {
    if (!this.enabled()) return FREE;
    let waitMs = 0;
    const times = this.byAddress.get(address) ?? [];
    for (const limit of ADDRESS_LIMITS) {
      const inWindow = times.filter((t) => now - t < limit.windowMs);
      if (inWindow.length >= limit.max) {
        const oldestThatCounts = inWindow[inWindow.length - limit.max] ?? now;
        waitMs = Math.max(waitMs, oldestThatCounts + limit.windowMs - now);
      }
    }
    if (waitMs > 0) return { limited: true, retryAfterSeconds: Math.ceil(waitMs / 1000), waitMs: 0 };
    if (account === null || options.knownDevice) return FREE;
    const state = this.byAccount.get(accountKey(account));
    if (!state) return FREE;
    state.failures = state.failures.filter((t) => now - t < ACCOUNT_WINDOW_MS);
    if (state.failures.length < ACCOUNT_FREE_FAILURES) return FREE;
    const turn = Math.max(now, state.nextTurn);
    if (turn - now > ACCOUNT_MAX_WAIT_MS) return { limited: true, retryAfterSeconds: Math.ceil((turn - now - ACCOUNT_MAX_WAIT_MS) / 1000), waitMs: 0 };
    state.nextTurn = turn + ACCOUNT_SPACING_MS;
    return { limited: false, retryAfterSeconds: 0, waitMs: turn - now };
  }

  /** Told of every failure recorded here (a shared store passes it on to the other hosts). */
  onRecord: ((address: string, account: string | null, now: number, knownDevice: boolean) => void) | null = null;

  recordFailure(address: string, account: string | null, now: number, options: AttemptOptions = {}): void {
    if (!this.enabled()) return;
    this.onRecord?.(address, account, now, options.knownDevice === true);
    this.count(address, account, now, options);
  }

  /** A failure another host recorded: counted here, not passed on. */
  recordElsewhere(address: string, account: string | null, at: number, knownDevice: boolean): void {
    this.count(address, account, at, { knownDevice });
  }

  private count(address: string, account: string | null, now: number, options: AttemptOptions): void {
    this.prune(now);
    const times = (this.byAddress.get(address) ?? []).filter((t) => now - t < HOUR);
    times.push(now);
    this.byAddress.set(address, times);
    if (account !== null && !options.knownDevice) {
      const key = accountKey(account);
      const state = this.byAccount.get(key) ?? { failures: [], nextTurn: 0 };
      state.failures = state.failures.filter((t) => now - t < ACCOUNT_WINDOW_MS);
      state.failures.push(now);
      this.byAccount.set(key, state);
    }
  }

  private prune(now: number): void {
    if (this.byAddress.size + this.byAccount.size < MAX_ENTRIES) return;
    for (const [address, times] of this.byAddress) if (times.every((t) => now - t >= HOUR)) this.byAddress.delete(address);
    for (const [key, state] of this.byAccount) {
      if (state.failures.every((t) => now - t >= ACCOUNT_WINDOW_MS) && state.nextTurn <= now) this.byAccount.delete(key);
    }
    // Still full: forget the oldest half rather than grow without bound.
    if (this.byAddress.size > MAX_ENTRIES / 2) [...this.byAddress.keys()].slice(0, this.byAddress.size / 2).forEach((k) => this.byAddress.delete(k));
    if (this.byAccount.size > MAX_ENTRIES / 2) [...this.byAccount.keys()].slice(0, this.byAccount.size / 2).forEach((k) => this.byAccount.delete(k));
  }
}
