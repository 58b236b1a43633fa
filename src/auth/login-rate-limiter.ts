// Failed-login limits: per client address like OctoPrint (3/min, 5/10 min, 10/h), and per account with backoff.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** OctoPrint's `3/minute;5/10 minutes;10/hour`, counting failed attempts only. */
export const ADDRESS_LIMITS: ReadonlyArray<{ windowMs: number; max: number }> = [
  { windowMs: MINUTE, max: 3 },
  { windowMs: 10 * MINUTE, max: 5 },
  { windowMs: 60 * MINUTE, max: 10 },
];

/** Failures on one account before it is locked for a minute; each further failure doubles that, up to an hour. */
export const ACCOUNT_FREE_FAILURES = 5;
const ACCOUNT_FIRST_LOCK_MS = MINUTE;
const ACCOUNT_MAX_LOCK_MS = 60 * MINUTE;
/** An account's failure count is forgotten after this long without failures. */
const ACCOUNT_FORGET_MS = 60 * MINUTE;
/** Upper bound on remembered addresses and accounts, so a flood cannot exhaust memory. */
const MAX_ENTRIES = 50_000;

export interface RateDecision {
  limited: boolean;
  /** Seconds until another attempt may succeed (0 when not limited). */
  retryAfterSeconds: number;
}

interface AccountState {
  failures: number;
  lastFailure: number;
}

function accountKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

export class LoginRateLimiter {
  private readonly byAddress = new Map<string, number[]>();
  private readonly byAccount = new Map<string, AccountState>();

  /** `enabled` is read on every check (devel.enableRateLimiter can change at run time). */
  constructor(private readonly enabled: () => boolean) {}

  /** Whether an attempt from this address (for this account, if named) must be refused now. */
  check(address: string, account: string | null, now: number): RateDecision {
    if (!this.enabled()) return { limited: false, retryAfterSeconds: 0 };
    let waitMs = 0;
    const times = this.byAddress.get(address) ?? [];
    for (const limit of ADDRESS_LIMITS) {
      const inWindow = times.filter((t) => now - t < limit.windowMs);
      if (inWindow.length >= limit.max) {
        const oldestThatCounts = inWindow[inWindow.length - limit.max] ?? now;
        waitMs = Math.max(waitMs, oldestThatCounts + limit.windowMs - now);
      }
    }
    if (account !== null) {
      const state = this.byAccount.get(accountKey(account));
      if (state && state.failures >= ACCOUNT_FREE_FAILURES) {
        const lock = Math.min(ACCOUNT_FIRST_LOCK_MS * 2 ** (state.failures - ACCOUNT_FREE_FAILURES), ACCOUNT_MAX_LOCK_MS);
        waitMs = Math.max(waitMs, state.lastFailure + lock - now);
      }
    }
    return waitMs > 0 ? { limited: true, retryAfterSeconds: Math.ceil(waitMs / 1000) } : { limited: false, retryAfterSeconds: 0 };
  }

  recordFailure(address: string, account: string | null, now: number): void {
    if (!this.enabled()) return;
    this.prune(now);
    const times = (this.byAddress.get(address) ?? []).filter((t) => now - t < HOUR);
    times.push(now);
    this.byAddress.set(address, times);
    if (account !== null) {
      const key = accountKey(account);
      const state = this.byAccount.get(key);
      const fresh = !state || now - state.lastFailure > ACCOUNT_FORGET_MS;
      this.byAccount.set(key, { failures: fresh ? 1 : state.failures + 1, lastFailure: now });
    }
  }

  /** A successful login clears the account's failures (the address keeps its count, as in OctoPrint). */
  recordSuccess(account: string): void {
    this.byAccount.delete(accountKey(account));
  }

  private prune(now: number): void {
    if (this.byAddress.size + this.byAccount.size < MAX_ENTRIES) return;
    for (const [address, times] of this.byAddress) if (times.every((t) => now - t >= HOUR)) this.byAddress.delete(address);
    for (const [key, state] of this.byAccount) if (now - state.lastFailure > ACCOUNT_FORGET_MS) this.byAccount.delete(key);
    // Still full: forget the oldest half rather than grow without bound.
    if (this.byAddress.size > MAX_ENTRIES / 2) [...this.byAddress.keys()].slice(0, this.byAddress.size / 2).forEach((k) => this.byAddress.delete(k));
    if (this.byAccount.size > MAX_ENTRIES / 2) [...this.byAccount.keys()].slice(0, this.byAccount.size / 2).forEach((k) => this.byAccount.delete(k));
  }
}
