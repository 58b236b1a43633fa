// Two Argonaut hosts on one real PostgreSQL database: logins and keys made on either work on both, revocations spread within a second, and the database going away and coming back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startPostgres } from '../../test/support/postgres-server.js';
import type { PostgresServer } from '../../test/support/postgres-server.js';
import { BrowserClient, addUser } from '../../test/support/auth-client.js';
import { createTestApp } from '../../test/support/test-app.js';
import type { TestApp } from '../../test/support/test-app.js';
import { until } from '../../test/support/until.js';

let server: PostgresServer;

before(async () => {
  server = await startPostgres();
});

after(async () => {
  await server?.close();
});

function hostConfig(url: string, hostId: string, graceSeconds = 300): string {
  return `accessControl:\n  store: ${url}\n  storeGraceSeconds: ${graceSeconds}\n  hostId: ${hostId}\nplugins:\n  discovery:\n    enabled: false\n`;
}

async function userOfKey(host: TestApp, key: string): Promise<string | null> {
  const response = await host.app.http.inject({ method: 'GET', url: '/api/currentuser', headers: { 'x-api-key': key } });
  return (response.json() as { name: string | null }).name;
}

/** Waits for a key to be refused on a host; returns how long it took from `since`. */
async function refusedWithin(host: TestApp, key: string, since: number): Promise<number> {
  await until(async () => (await userOfKey(host, key)) === null, 'the key to be refused', 10_000, 10);
  return Date.now() - since;
}

test('two hosts on one database share users, logins and keys; revocations spread within a second', async () => {
  const url = await server.createDatabase('two_hosts');
  const a = await createTestApp({ config: hostConfig(url, 'host-a') });
  const b = await createTestApp({ config: hostConfig(url, 'host-b') });
  try {
    await addUser(a.app, 'alice', 'correct horse battery', ['users']);

    // A login on host a (remember me) is good on host b.
    const browser = new BrowserClient(a.app.http);
    assert.equal((await browser.login(a.app, 'alice', 'correct horse battery', true)).statusCode, 200);
    const onB = new BrowserClient(b.app.http);
    const remember = [...browser.cookies].find(([name]) => name.startsWith('remember_token'));
    assert.ok(remember, 'the login set a remember-me cookie');
    // Until host b has heard of the token, it answers with the cookie cleared: offered again each time.
    await until(async () => {
      onB.cookies.set(remember[0], remember[1]);
      return (await onB.request('GET', '/api/currentuser')).json().name === 'alice';
    }, 'the login to work on host b');

    // A key made on host b works on host a.
    const key = await b.app.access.accounts.generateApiKey('alice');
    await until(async () => (await userOfKey(a, key)) === 'alice', 'the key to work on host a');
    assert.equal(await userOfKey(b, key), 'alice');

    // Revoked on host a, refused on host b within a second.
    const revoked = Date.now();
    await a.app.access.accounts.revokeApiKey('alice');
    assert.ok((await refusedWithin(b, key, revoked)) < 1000, 'the revocation reached host b within 1 s');

    // An app key made on host a works on b; revoked on b, refused on a within a second.
    const appKey = await a.app.appKeys.generate('alice', 'Slicer');
    await until(async () => (await userOfKey(b, appKey.apiKey)) === 'alice', 'the app key to work on host b');
    const appRevoked = Date.now();
    assert.ok(await b.app.appKeys.revoke('alice', 'Slicer'));
    assert.ok((await refusedWithin(a, appKey.apiKey, appRevoked)) < 1000, 'the app key revocation reached host a within 1 s');

    // A user deactivated on host b stops working on host a within a second.
    const second = await a.app.access.accounts.generateApiKey('alice');
    await until(async () => (await userOfKey(b, second)) === 'alice', 'the new key on host b');
    const deactivated = Date.now();
    await b.app.access.accounts.updateUser('alice', { active: false });
    assert.ok((await refusedWithin(a, second, deactivated)) < 1000, 'the deactivation reached host a within 1 s');
    await until(async () => (await onB.request('GET', '/api/currentuser')).json().name === null, 'the remembered login to end on host b');

    // Both hosts list both printers, each with its host, to whoever may see the printers' status.
    await addUser(a.app, 'dave', 'correct horse battery', ['users']);
    const daveKey = await a.app.access.accounts.generateApiKey('dave');
    const list = async (host: TestApp, key: string) => host.app.http.inject({ method: 'GET', url: '/api/argonaut/printers', headers: { 'x-api-key': key } });
    await until(async () => (await list(b, daveKey)).json().printers?.length === 2, 'both hosts to register their printer', 20_000, 100);
    const printers = (await list(b, daveKey)).json().printers as Array<{ hostId: string; offline: boolean; state: { text: unknown } }>;
    assert.deepEqual(printers.map((p) => [p.hostId, p.offline]), [['host-a', false], ['host-b', false]]);
    assert.equal(typeof printers[0]?.state.text, 'string');
    await a.app.access.accounts.updateUser('dave', { groups: [] });
    await until(async () => (await list(b, daveKey)).statusCode === 403, 'a user without the STATUS permission to be refused');
  } finally {
    await a.close();
    await b.close();
  }
});

test('while the database is away a host keeps its cached keys for the grace time, never a revoked one, and recovers by itself', async () => {
  const url = await server.createDatabase('outage_hosts');
  const a = await createTestApp({ config: hostConfig(url, 'host-a', 8) });
  try {
    await addUser(a.app, 'bob', 'correct horse battery', ['users']);
    const kept = await a.app.access.accounts.generateApiKey('bob');
    await addUser(a.app, 'carol', 'correct horse battery', ['users']);
    const dropped = await a.app.access.accounts.generateApiKey('carol');
    await a.app.access.accounts.revokeApiKey('carol');
    await server.stop();
    await until(() => a.app.sharedStore?.status().connected === false, 'the host to notice the outage');
    const store = await a.app.http.inject({ method: 'GET', url: '/api/argonaut/store', headers: { 'x-api-key': kept } });
    assert.equal(store.json().store.connected, false, 'the API tells the UI the store is away');
    assert.equal(await userOfKey(a, kept), 'bob', 'a cached key works during the grace time');
    assert.equal(await userOfKey(a, dropped), null, 'a revoked key stays refused');
    await assert.rejects(a.app.access.accounts.generateApiKey('bob'), /cannot be reached/);
    const during = new BrowserClient(a.app.http);
    assert.equal((await during.login(a.app, 'bob', 'correct horse battery', true)).statusCode, 200, 'a login still works, without a remember-me token');
    assert.equal(during.cookie('remember_token'), undefined);
    await until(() => a.app.sharedStore?.status().expired === true, 'the grace time to run out');
    assert.equal(await userOfKey(a, kept), null, 'after the grace time no key is trusted');
    assert.equal((await during.request('GET', '/api/currentuser')).json().name, null, 'nor any session');
    const after = await new BrowserClient(a.app.http).login(a.app, 'bob', 'correct horse battery');
    assert.equal(after.statusCode, 503, 'and no login is accepted');
    await server.start();
    await until(() => a.app.sharedStore?.status().connected === true, 'the host to reconnect', 30_000);
    assert.equal(await userOfKey(a, kept), 'bob');
  } finally {
    await server.start();
    await a.close();
  }
});

test('failed logins on one host count towards the limits on the other', async () => {
  const url = await server.createDatabase('login_limits');
  const a = await createTestApp({ config: hostConfig(url, 'host-a') });
  const b = await createTestApp({ config: hostConfig(url, 'host-b') });
  try {
    await addUser(a.app, 'erin', 'correct horse battery', ['users']);
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    const attempt = async (host: TestApp, password: string) => {
      const client = new BrowserClient(host.app.http, headers);
      return (await client.login(host.app, 'erin', password)).statusCode;
    };
    await until(() => b.app.access.accounts.users().some((u) => u.name === 'erin'), 'host b to know the user');
    assert.equal(await attempt(b, 'correct horse battery'), 200);
    for (let i = 0; i < 3; i += 1) assert.equal(await attempt(a, 'wrong password'), 403);
    // Host b hears of the three failures and limits the address too: even the right password is turned away (the
    // probe itself records no failure, so only host a's count there).
    await until(async () => (await attempt(b, 'correct horse battery')) === 429, 'host b to limit the address', 10_000, 100);
  } finally {
    await a.close();
    await b.close();
  }
});

test('a login session (no remember-me) of one host is good on the other, CSRF included, and a logout there ends it here', async () => {
  const url = await server.createDatabase('sessions');
  const a = await createTestApp({ config: hostConfig(url, 'host-a') });
  const b = await createTestApp({ config: hostConfig(url, 'host-b') });
  try {
    await addUser(a.app, 'frank', 'correct horse battery', ['users']);
    const onA = new BrowserClient(a.app.http);
    assert.equal((await onA.login(a.app, 'frank', 'correct horse battery', false)).statusCode, 200);
    assert.ok(![...onA.cookies.keys()].some((name) => name.startsWith('remember_token')));
    const cookies = new Map(onA.cookies);
    const onB = new BrowserClient(b.app.http);
    await until(async () => {
      for (const [name, value] of cookies) onB.cookies.set(name, value);
      return (await onB.request('GET', '/api/currentuser')).json().name === 'frank';
    }, 'the session to work on host b');
    // A change with the CSRF token host a issued, on host b: signed with the shared secret, bound to the shared session.
    const logout = await onB.request('POST', '/api/logout');
    assert.equal(logout.statusCode, 204, logout.body);
    await until(async () => (await onA.request('GET', '/api/currentuser')).json().name === null, 'the logout on host b to end the session on host a');
  } finally {
    await a.close();
    await b.close();
  }
});
