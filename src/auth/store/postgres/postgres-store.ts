// The access-control store in PostgreSQL, shared by many hosts: documents held in memory, kept current by LISTEN/NOTIFY, trusted for a grace time while the database is away.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Client, Pool } from 'pg';
import { ArgonautError, toDisposable } from '../../../shared/index.js';
import type { Disposable } from '../../../shared/index.js';
import { mergeChanges } from '../../yaml-merge.js';
import { DOCUMENT_NAMES } from '../access-store.js';
import type { AccessStore, DocumentName, LoginFailure, PrinterRegistry, SharedState, StoreStatus } from '../access-store.js';
import { migrate } from './migrations.js';
import { PostgresDocument } from './postgres-document.js';
import type { DocumentDatabase } from './postgres-document.js';
import { LOGIN_CHANNEL, LoginFailures } from './login-failures.js';
import { PrinterTable } from './printer-table.js';

/** The channel every host listens on; a notification's payload names the changed document. */
export const CHANGE_CHANNEL = 'argonaut_access';
export interface PostgresStoreOptions {
  /** postgresql://user:password@host:port/database (the password may also come from PGPASSWORD). */
  url: string;
  /** How long cached keys and sessions are trusted while the database cannot be reached. */
  graceMs: number;
  /** Between checks of the connection (and attempts to reconnect); default 1000. */
  checkMs?: number;
  /** Unrefreshed this long, a host's printers show as offline; default 15000. */
  offlineAfterMs?: number;
  now?: () => number;
  info?: (message: string) => void;
  warn?: (message: string) => void;
}

/** host:port/database of a URL, never its user or password (for the log). */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    return `${host}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'the configured database';
  }
}

function isStoreUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export class PostgresAccessStore implements AccessStore, DocumentDatabase {
  readonly kind = 'postgresql' as const;
  readonly printers: PrinterRegistry;
  private readonly documents = new Map<DocumentName | 'sessions', PostgresDocument>();
  private readonly changeListeners = new Set<(name: DocumentName | 'sessions') => void>();
  private secret: Buffer | null = null;
  private readonly statusListeners = new Set<(status: StoreStatus) => void>();
  private readonly failures: LoginFailures;
  private listener: Client | null = null;
  private unreachableSince: number | null = null;
  private expiredTold = false;
  private timer: NodeJS.Timeout | null = null;
  private checking = false;
  private closed = false;
  private readonly now: () => number;
  private readonly where: string;

  private constructor(
    private readonly driver: typeof pg,
    private readonly pool: Pool,
    private readonly options: PostgresStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.where = describeDatabase(options.url);
    this.printers = new PrinterTable(pool, options.offlineAfterMs ?? 15_000);
    this.failures = new LoginFailures(pool, this.now);
    for (const name of [...DOCUMENT_NAMES, 'sessions' as const]) this.documents.set(name, new PostgresDocument(name, this, () => this.changed(name)));
  }

  /** Connects, brings the schema up to date, reads every document and starts listening. Throws when unreachable. */
  static async open(options: PostgresStoreOptions): Promise<PostgresAccessStore> {
    if (!isStoreUrl(options.url)) throw new Error('accessControl.store must be a postgresql:// URL.');
    // The driver is loaded here, by a server that has a store, not at the start of every server (memory at idle).
    const { default: driver } = await import('pg');
    const pool = new driver.Pool({ connectionString: options.url, max: 4, connectionTimeoutMillis: 5000, query_timeout: 10_000, keepAlive: true });
    // An idle connection dropped by the server: the next query takes a new one; the check loop reports the outage.
    pool.on('error', () => undefined);
    const store = new PostgresAccessStore(driver, pool, options);
    try {
      const client = await pool.connect();
      try {
        const applied = await migrate(client);
        if (applied.length > 0) options.info?.(`Access-control database ${store.where}: applied schema steps ${applied.join(', ')}.`);
      } finally {
        client.release();
      }
      await store.connectListener();
      await store.loadAll();
      await store.failures.load();
      await store.loadSecret();
    } catch (error) {
      await store.close();
      throw new Error(`Could not open the access-control database ${store.where}: ${(error as Error).message}`);
    }
    store.schedule();
    return store;
  }

  get shared(): SharedState {
    if (!this.secret) throw new Error('The store is not open.');
    return { sessions: this.document('sessions'), secret: this.secret };
  }

  document(name: DocumentName | 'sessions'): PostgresDocument {
    const document = this.documents.get(name);
    if (!document) throw new Error(`Unknown document: ${name}`);
    return document;
  }

  onDidChange(listener: (name: DocumentName | 'sessions') => void): Disposable {
    this.changeListeners.add(listener);
    return toDisposable(() => this.changeListeners.delete(listener));
  }

  onDidChangeStatus(listener: (status: StoreStatus) => void): Disposable {
    this.statusListeners.add(listener);
    return toDisposable(() => this.statusListeners.delete(listener));
  }


  shareLoginFailure(failure: LoginFailure): void {
    this.failures.share(failure);
  }

  onDidFailElsewhere(listener: (failure: LoginFailure) => void): Disposable {
    return this.failures.onDidFailElsewhere(listener);
  }

  status(): StoreStatus {
    const since = this.unreachableSince;
    const graceUntil = since === null ? null : since + this.options.graceMs;
    return { kind: 'postgresql', connected: since === null, unreachableSince: since, graceUntil, expired: graceUntil !== null && this.now() > graceUntil };
  }

  requireWritable(): void {
    if (this.unreachableSince !== null) {
      throw new ArgonautError('unavailable', 'Nothing was saved: the access-control database cannot be reached right now. Try again when it is back.');
    }
  }

  async writeDocument(name: string, base: unknown, baseRevision: number, ours: unknown): Promise<{ data: unknown; revision: number; merged: boolean }> {
    // Known to be away: refused at once rather than after a connection timeout.
    this.requireWritable();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO access_documents (name, data, revision) VALUES ($1, 'null', 0) ON CONFLICT (name) DO NOTHING`, [name]);
      const row = await client.query<{ data: unknown; revision: string }>('SELECT data, revision FROM access_documents WHERE name = $1 FOR UPDATE', [name]);
      const current = row.rows[0];
      const revision = Number(current?.revision ?? 0);
      const merged = revision !== baseRevision;
      const theirs = current?.data ?? undefined;
      const data = merged ? mergeChanges(base, ours, theirs === null ? undefined : theirs) : ours;
      await client.query('UPDATE access_documents SET data = $2, revision = $3, updated_at = now() WHERE name = $1', [name, JSON.stringify(data ?? null), revision + 1]);
      await client.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, name]);
      await client.query('COMMIT');
      return { data, revision: revision + 1, merged };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    await Promise.allSettled([...this.documents.values()].map((d) => d.flush()));
    await this.pool.end().catch(() => undefined);
  }

  /** A dedicated connection for LISTEN (a pooled one would be handed to other queries). */
  private async connectListener(): Promise<void> {
    const client = new this.driver.Client({ connectionString: this.options.url, connectionTimeoutMillis: 5000, query_timeout: 5000, keepAlive: true });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel === CHANGE_CHANNEL && message.payload) void this.fetch(message.payload as DocumentName | 'sessions').catch((error: unknown) => this.lost(client, error));
      if (message.channel === LOGIN_CHANNEL && message.payload) this.failures.heard(message.payload);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    await client.query(`LISTEN ${LOGIN_CHANNEL}`);
    this.listener = client;
  }

  /** Reads every document; those that changed since are handed to the change listeners. */
  private async loadAll(): Promise<void> {
    const result = await this.pool.query<{ name: string; data: unknown; revision: string }>('SELECT name, data, revision FROM access_documents');
    for (const row of result.rows) {
      const name = row.name as DocumentName | 'sessions';
      const document = this.documents.get(name);
      if (document?.install(row.data, Number(row.revision))) this.changed(name);
    }
  }

  /** The first host to open the store sets the secret; every other takes it. */
  private async loadSecret(): Promise<void> {
    const candidate = randomBytes(32).toString('hex');
    await this.pool.query(`INSERT INTO access_documents (name, data, revision) VALUES ('secret', $1, 1) ON CONFLICT (name) DO NOTHING`, [JSON.stringify({ secret: candidate })]);
    const result = await this.pool.query<{ data: { secret?: unknown } }>(`SELECT data FROM access_documents WHERE name = 'secret'`);
    const secret = result.rows[0]?.data.secret;
    if (typeof secret !== 'string' || !/^[0-9a-f]{64,}$/.test(secret)) throw new Error('The shared secret in the database is not valid.');
    this.secret = Buffer.from(secret, 'hex');
  }

  private async fetch(name: DocumentName | 'sessions'): Promise<void> {
    const document = this.documents.get(name);
    if (!document) return;
    const result = await this.pool.query<{ data: unknown; revision: string }>('SELECT data, revision FROM access_documents WHERE name = $1', [name]);
    const row = result.rows[0];
    if (!row) return;
    document.install(row.data, Number(row.revision));
    // Also when the data was in place already (a write of ours merged it in) but the owner has not read it yet.
    if (document.changedOnDisk()) this.changed(name);
  }

  private changed(name: DocumentName | 'sessions'): void {
    for (const listener of [...this.changeListeners]) {
      try {
        listener(name);
      } catch (error) {
        this.options.warn?.(`An access-control store listener failed: ${(error as Error).message}`);
      }
    }
  }

  private lost(client: Client, error?: unknown): void {
    if (this.closed || client !== this.listener) return;
    this.listener = null;
    client.end().catch(() => undefined);
    if (this.unreachableSince !== null) return;
    this.unreachableSince = this.now();
    this.expiredTold = false;
    const reason = error instanceof Error ? ` (${error.message})` : '';
    this.options.warn?.(
      `The access-control database ${this.where} cannot be reached${reason}. Keys and sessions known here keep working for ${Math.round(this.options.graceMs / 1000)} s; changes to users and keys are refused until it is back. Reconnecting.`,
    );
    this.tellStatus();
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => void this.check(), this.options.checkMs ?? 1000);
    this.timer.unref();
  }

  /** Connected: a cheap query on the listening connection. Not: a new connection, then every document read again. */
  private async check(): Promise<void> {
    if (this.checking || this.closed) return;
    this.checking = true;
    try {
      const listener = this.listener;
      if (listener) {
        await listener.query('SELECT 1').catch((error: unknown) => this.lost(listener, error));
      } else {
        await this.reconnect();
      }
    } finally {
      this.checking = false;
      this.schedule();
    }
  }

  private async reconnect(): Promise<void> {
    const status = this.status();
    if (status.expired && !this.expiredTold) {
      this.expiredTold = true;
      this.options.warn?.(`The access-control database ${this.where} has been unreachable longer than the grace time: every API key and session is refused until it is back.`);
    }
    try {
      await this.connectListener();
      await this.loadAll();
    } catch {
      const listener = this.listener;
      this.listener = null;
      await listener?.end().catch(() => undefined);
      return;
    }
    if (this.closed) return;
    const seconds = Math.round((this.now() - (this.unreachableSince ?? this.now())) / 1000);
    this.unreachableSince = null;
    this.options.info?.(`The access-control database ${this.where} is reachable again (after ${seconds} s); users and keys were read again.`);
    this.tellStatus();
  }

  private tellStatus(): void {
    const status = this.status();
    for (const listener of [...this.statusListeners]) listener(status);
  }
}
