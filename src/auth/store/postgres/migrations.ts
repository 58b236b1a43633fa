// The shared store's schema, created and changed by the server itself in numbered steps recorded in argonaut_migrations.
import type { PoolClient } from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: a step, once released, is never changed; a change of schema is a new step. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'access documents',
    sql: `CREATE TABLE access_documents (
      name text PRIMARY KEY,
      data jsonb NOT NULL,
      revision bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
  },
  {
    version: 2,
    name: 'printer registry',
    // One row per printer of each host; a host may drive several printers.
    sql: `CREATE TABLE printers (
      host_id text NOT NULL,
      printer_id text NOT NULL,
      name text NOT NULL,
      state jsonb NOT NULL,
      base_url text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (host_id, printer_id)
    )`,
  },
  {
    version: 3,
    name: 'login failures',
    // Failed logins of every host (ms since the epoch, by the host's clock), so each host's limits count them all.
    sql: `CREATE TABLE login_failures (
      id bigserial PRIMARY KEY,
      address text NOT NULL,
      account text,
      known_device boolean NOT NULL,
      at_ms bigint NOT NULL
    );
    CREATE INDEX login_failures_at ON login_failures (at_ms)`,
  },
];

/** Any number, the same on every host: serialises hosts migrating one database at once. */
const MIGRATION_LOCK = 0x61_72_67_6f;

/**
 * Applies the steps not yet recorded, each in the one transaction that records it, under an advisory lock, so hosts
 * starting together apply each step once. Returns the versions this call applied.
 */
export async function migrate(client: PoolClient, steps: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS argonaut_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = await client.query<{ version: number }>('SELECT version FROM argonaut_migrations');
    const known = new Set(done.rows.map((row) => Number(row.version)));
    const newest = Math.max(0, ...known);
    const latest = Math.max(0, ...steps.map((s) => s.version));
    if (newest > latest) {
      throw new Error(`The access-control database has schema version ${newest}, newer than this server knows (${latest}): update this server.`);
    }
    for (const step of [...steps].sort((a, b) => a.version - b.version)) {
      if (known.has(step.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(step.sql);
        await client.query('INSERT INTO argonaut_migrations (version, name) VALUES ($1, $2)', [step.version, step.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(step.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
  return applied;
}
