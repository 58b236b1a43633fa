// `argonaut store migrate` against a real PostgreSQL server: the basedir's users and keys (OctoPrint's plaintext key hashed) reach the store, a host using it accepts them, and `argonaut user` works on it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { runCli } from '../../../test/support/cli.js';
import { startPostgres } from '../../../test/support/postgres-server.js';
import type { PostgresServer } from '../../../test/support/postgres-server.js';
import { OCTOPRINT, makeOctoPrintBasedir } from '../../../test/support/octoprint-basedir.js';
import { createTestApp } from '../../../test/support/test-app.js';

const KEY = '0123456789ABCDEF0123456789ABCDEF';
let server: PostgresServer;

before(async () => {
  server = await startPostgres();
});

after(async () => {
  await server?.close();
});

test('store migrate copies users, groups and keys with progress lines; a host on the store then accepts them', async () => {
  const url = await server.createDatabase('cli_migrate');
  const basedir = mkdtempSync(join(tmpdir(), 'argonaut-migrate-'));
  try {
    writeFileSync(join(basedir, 'users.yaml'), `alice:\n  password: x\n  active: true\n  groups: [users]\n  permissions: []\n  apikey: ${KEY}\n`);
    writeFileSync(join(basedir, 'groups.yaml'), 'groups:\n  printers:\n    name: Printers\n    permissions: [CONNECTION]\n');
    const result = runCli(['store', 'migrate', '--to', url, '--basedir', basedir]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /\[1\/4\] users: 1 copied/);
    assert.match(result.stdout, /\[2\/4\] groups: /);
    assert.match(result.stdout, /\[3\/4\] application keys: none in the basedir/);
    assert.ok(!result.stdout.includes(url), 'the URL is not printed');

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const row = await client.query<{ data: Record<string, Record<string, unknown>> }>("SELECT data FROM access_documents WHERE name = 'users'");
      const alice = row.rows[0]?.data.alice;
      assert.equal(alice?.apikey, null, 'the plaintext key is not stored');
      assert.match(String(alice?.apikeyHash), /^[0-9a-f]{64}$/);
    } finally {
      await client.end();
    }

    const host = await createTestApp({ config: `accessControl:\n  store: ${url}\nplugins:\n  discovery:\n    enabled: false\n` });
    try {
      const response = await host.app.http.inject({ method: 'GET', url: '/api/currentuser', headers: { 'x-api-key': KEY } });
      assert.equal(response.json().name, 'alice');
      assert.ok(host.app.access.accounts !== undefined);
    } finally {
      await host.close();
    }
    // `argonaut user …` on a basedir configured for the store works on the store.
    const other = mkdtempSync(join(tmpdir(), 'argonaut-store-user-'));
    try {
      writeFileSync(join(other, 'config.yaml'), `accessControl:\n  store: ${url}\n`);
      const added = runCli(['user', 'add', 'bob', '--password', 'correct horse battery', '--basedir', other]);
      assert.equal(added.status, 0, added.stderr);
      const listed = runCli(['user', 'list', '--basedir', other]);
      assert.match(listed.stdout, /alice/);
      assert.match(listed.stdout, /bob/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    // Run twice: nothing is duplicated, and the schema steps are not applied again.
    const again = runCli(['store', 'migrate', '--to', url, '--basedir', basedir]);
    assert.equal(again.status, 0, again.stderr);
    assert.ok(!again.stdout.includes('applied schema steps'));
  } finally {
    rmSync(basedir, { recursive: true, force: true });
  }
});

test('store migrate refuses anything but a postgresql:// URL', () => {
  const result = runCli(['store', 'migrate', '--to', 'mysql://x', '--basedir', tmpdir()]);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /postgresql:\/\//);
});

test('import-octoprint into a basedir configured for the store brings the users and keys on into it', async () => {
  const url = await server.createDatabase('cli_import');
  const source = makeOctoPrintBasedir();
  const basedir = mkdtempSync(join(tmpdir(), 'argonaut-import-store-'));
  try {
    writeFileSync(join(basedir, 'config.yaml'), `accessControl:\n  store: ${url}\n`);
    const result = runCli(['import-octoprint', source, '--basedir', basedir]);
    assert.ok(result.status === 0 || result.status === 2, result.stderr);
    assert.match(result.stdout, /copying the imported users, groups and keys into the shared store/);
    assert.match(result.stdout, /users: \d+ copied/);
    const host = await createTestApp({ config: `accessControl:\n  store: ${url}\nplugins:\n  discovery:\n    enabled: false\n` });
    try {
      const alice = await host.app.http.inject({ method: 'GET', url: '/api/currentuser', headers: { 'x-api-key': OCTOPRINT.alice.apikey } });
      assert.equal(alice.json().name, 'alice', 'an imported user key works on a host of the store');
      const cura = await host.app.http.inject({ method: 'GET', url: '/api/currentuser', headers: { 'x-api-key': OCTOPRINT.appKeys.cura } });
      assert.notEqual(cura.json().name, null, 'an imported app key works too');
    } finally {
      await host.close();
    }
  } finally {
    rmSync(basedir, { recursive: true, force: true });
    rmSync(source, { recursive: true, force: true });
  }
});
