// The PostgreSQL store against a real server: migrations run once, documents shared and merged between two stores, notifications, an outage and the way back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { startPostgres } from '../../../../test/support/postgres-server.js';
import type { PostgresServer } from '../../../../test/support/postgres-server.js';
import { until } from '../../../../test/support/until.js';
import { MIGRATIONS } from './migrations.js';
import { PostgresAccessStore } from './postgres-store.js';

let server: PostgresServer;

before(async () => {
  server = await startPostgres();
});

after(async () => {
  await server?.close();
});

function open(url: string, graceMs = 60_000, warnings: string[] = []): Promise<PostgresAccessStore> {
  return PostgresAccessStore.open({ url, graceMs, checkMs: 100, warn: (m) => warnings.push(m) });
}

test('the schema is made by the first store, once, and recorded step by step', async () => {
  const url = await server.createDatabase('migrations_once');
  const [a, b] = await Promise.all([open(url), open(url)]);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ version: number }>('SELECT version FROM argonaut_migrations ORDER BY version');
    assert.deepEqual(rows.rows.map((r) => r.version), MIGRATIONS.map((m) => m.version));
  } finally {
    await client.end();
  }
  await Promise.all([a.close(), b.close()]);
  const again = await open(url);
  await again.close();
});

test('a write on one store reaches the other by notification, and concurrent writes merge', async () => {
  const url = await server.createDatabase('documents');
  const [a, b] = await Promise.all([open(url), open(url)]);
  try {
    const changed: string[] = [];
    b.onDidChange((name) => changed.push(name));
    const docA = a.document('users');
    docA.read();
    await docA.write({ alice: { active: true } });
    await until(() => b.document('users').changedOnDisk(), 'the second store to hear of the change');
    assert.deepEqual(b.document('users').read(), { alice: { active: true } });
    assert.deepEqual(changed, ['users']);
    // b writes without having read a's next change: both survive.
    await docA.write({ alice: { active: true }, bob: { active: true } });
    await b.document('users').write({ alice: { active: false } });
    await until(() => a.document('users').changedOnDisk(), 'the first store to hear of the merge');
    assert.deepEqual(a.document('users').read(), { alice: { active: false }, bob: { active: true } });
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('while the database is away the store says so, refuses writes, expires after the grace time, and comes back by itself', async () => {
  const url = await server.createDatabase('outage');
  const warnings: string[] = [];
  const store = await PostgresAccessStore.open({ url, graceMs: 1500, checkMs: 100, warn: (m) => warnings.push(m) });
  try {
    await server.stop();
    await until(() => !store.status().connected, 'the store to notice the outage');
    assert.equal(store.status().expired, false);
    assert.throws(() => store.document('users').requireReadable(), /cannot be reached/);
    assert.ok(warnings.some((w) => w.includes('cannot be reached')));
    assert.ok(!warnings.some((w) => w.includes('argonaut@')), 'the log never shows the URL');
    await until(() => store.status().expired, 'the grace time to run out');
    await server.start();
    await until(() => store.status().connected, 'the store to reconnect', 30_000);
    const users = store.document('users');
    users.read();
    await users.write({ carol: {} });
    assert.deepEqual(users.read(), { carol: {} });
  } finally {
    await store.close();
    await server.start().catch(() => undefined);
  }
});

test('printers: each host publishes its own, every host lists all, and an unrefreshed one is offline', async () => {
  const url = await server.createDatabase('printers');
  const a = await PostgresAccessStore.open({ url, graceMs: 1000, offlineAfterMs: 1000 });
  try {
    await a.printers.publish('host-a', [{ printerId: 'p1', name: 'One', state: { text: 'Operational' }, baseUrl: 'http://a:5000/' }]);
    await a.printers.publish('host-b', [{ printerId: 'p1', name: 'Two', state: { text: 'Printing' }, baseUrl: 'http://b:5000/' }]);
    const listed = await a.printers.list();
    assert.deepEqual(listed.map((p) => [p.hostId, p.name, p.offline]), [['host-a', 'One', false], ['host-b', 'Two', false]]);
    await until(async () => (await a.printers.list()).every((p) => p.offline), 'the entries to go offline', 20_000, 200);
    await a.printers.publish('host-a', []);
    assert.deepEqual((await a.printers.list()).map((p) => p.hostId), ['host-b']);
  } finally {
    await a.close();
  }
});
