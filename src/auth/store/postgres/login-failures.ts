// Failed logins shared by the hosts of one store: a row in login_failures and a notification for each, the last hour's read at start.
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { toDisposable } from '../../../shared/index.js';
import type { Disposable } from '../../../shared/index.js';
import type { LoginFailure } from '../access-store.js';

/** The channel failed logins are told on (JSON payload). */
export const LOGIN_CHANNEL = 'argonaut_login';
/** How long failed logins count (the longest window of the login limits). */
const FAILURE_MEMORY_MS = 60 * 60_000;

function loginFailureOf(value: unknown): LoginFailure | null {
  const v = value as Partial<LoginFailure> | null;
  if (typeof v !== 'object' || v === null || typeof v.address !== 'string' || typeof v.at !== 'number' || typeof v.knownDevice !== 'boolean') return null;
  if (v.account !== null && typeof v.account !== 'string') return null;
  return { address: v.address, account: v.account ?? null, knownDevice: v.knownDevice, at: v.at };
}

export class LoginFailures {
  private readonly listeners = new Set<(failure: LoginFailure) => void>();
  /** Failed logins of the last hour, read at open, for the limiter built after. */
  private recent: LoginFailure[] = [];
  /** Tells this store's own notifications from the other hosts'. */
  private readonly origin = randomBytes(8).toString('hex');

  constructor(
    private readonly pool: Pool,
    private readonly now: () => number,
  ) {}

  async load(): Promise<void> {
    const result = await this.pool.query<{ address: string; account: string | null; known_device: boolean; at_ms: string }>(
      'SELECT address, account, known_device, at_ms FROM login_failures WHERE at_ms >= $1 ORDER BY at_ms',
      [this.now() - FAILURE_MEMORY_MS],
    );
    this.recent = result.rows.map((row) => ({ address: row.address, account: row.account, knownDevice: row.known_device, at: Number(row.at_ms) }));
  }

  /** Best effort: a failure that cannot be told is only counted here. */
  share(failure: LoginFailure): void {
    const payload = JSON.stringify({ ...failure, origin: this.origin });
    if (payload.length > 4000) return;
    void (async () => {
      await this.pool.query('INSERT INTO login_failures (address, account, known_device, at_ms) VALUES ($1, $2, $3, $4)', [failure.address, failure.account, failure.knownDevice, failure.at]);
      await this.pool.query('SELECT pg_notify($1, $2)', [LOGIN_CHANNEL, payload]);
      await this.pool.query('DELETE FROM login_failures WHERE at_ms < $1', [failure.at - FAILURE_MEMORY_MS]);
    })().catch(() => undefined);
  }

  onDidFailElsewhere(listener: (failure: LoginFailure) => void): Disposable {
    this.listeners.add(listener);
    for (const failure of this.recent) listener(failure);
    return toDisposable(() => this.listeners.delete(listener));
  }

  /** A notification on LOGIN_CHANNEL: another host's failure reaches the listeners, this host's own is dropped. */
  heard(payload: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    if ((parsed as { origin?: unknown }).origin === this.origin) return;
    const failure = loginFailureOf(parsed);
    if (!failure) return;
    for (const listener of [...this.listeners]) listener(failure);
  }
}
