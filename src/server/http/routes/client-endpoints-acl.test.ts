// Settings, system, util, languages and timelapse with real users, API keys and browser sessions (fresh or not).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BrowserClient, addUser } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

const MINUTE = 60_000;

describe('client endpoints with real users', () => {
  let t: TestApp;
  let clock = Date.parse('2025-03-01T10:00:00Z');
  const keys: Record<string, string> = {};
  let ip = 0;

  before(async () => {
    const restart = `'${process.execPath}' -e 'process.exit(0)'`;
    t = await createTestApp({
      now: () => clock,
      config: JSON.stringify({
        plugins: { discovery: { enabled: false } },
        server: { firstRun: false, commands: { serverRestartCommand: restart } },
        webcam: { stream: '/webcam/?action=stream' },
      }),
    });
    await addUser(t.app, 'admin', 'admin-password', ['admins', 'users']);
    await addUser(t.app, 'alice', 'alice-password', ['users']);
    await addUser(t.app, 'ro', 'ro-password', ['readonly']);
    await t.app.access.accounts.addUser({ name: 'reader', password: 'reader-password', active: true, groups: [], permissions: ['SETTINGS_READ'] });
    await t.app.access.accounts.addUser({ name: 'watcher', password: 'watcher-password', active: true, groups: [], permissions: ['STATUS'] });
    for (const name of ['admin', 'alice', 'ro', 'reader', 'watcher']) keys[name] = await t.app.access.accounts.generateApiKey(name);
  });
  after(() => t.close());

  const as = (user: string, method: string, url: string, json?: unknown) =>
    t.app.http.inject({
      method: method as 'GET',
      url,
      headers: { 'x-api-key': keys[user] as string, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { payload: JSON.stringify(json) }),
    });
  const browser = () => new BrowserClient(t.app.http, { 'x-forwarded-for': `198.51.100.${++ip}` });

  it('filters the settings by permission: webcam needs WEBCAM, accessControl needs ADMIN, api.key is never shown', async () => {
    const admin = (await as('admin', 'GET', '/api/settings')).json();
    assert.equal(admin.api.key, null);
    assert.deepEqual(admin.accessControl, { autologinLocal: false, autologinHeadsupAcknowledged: false });
    assert.equal(admin.webcam.streamUrl, '/webcam/?action=stream');

    const alice = (await as('alice', 'GET', '/api/settings')).json();
    assert.equal(alice.webcam.streamUrl, '/webcam/?action=stream', 'operators have WEBCAM');
    assert.equal('accessControl' in alice, false);
    assert.deepEqual(alice.controls, []);

    const reader = await as('reader', 'GET', '/api/settings');
    assert.equal(reader.statusCode, 200);
    const body = reader.json();
    assert.deepEqual(body.webcam, {}, 'no WEBCAM, no webcam section');
    assert.deepEqual(body.controls, []);
    assert.equal('accessControl' in body, false);
    assert.equal(body.api.key, null);
    assert.match(body.plugins.discovery.upnpUuid, /^[0-9a-f-]{36}$/);

    const watcher = await as('watcher', 'GET', '/api/settings');
    assert.equal(watcher.statusCode, 403);
  });

  it('never answers 304 to a cached copy of someone with other permissions', async () => {
    const admin = await as('admin', 'GET', '/api/settings');
    const reader = await t.app.http.inject({ method: 'GET', url: '/api/settings', headers: { 'x-api-key': keys.reader as string, 'if-none-match': String(admin.headers.etag) } });
    assert.equal(reader.statusCode, 200);
    assert.deepEqual(reader.json().webcam, {});
  });

  it('lets only SETTINGS change settings', async () => {
    assert.equal((await as('alice', 'POST', '/api/settings', { appearance: { name: 'alice was here' } })).statusCode, 403);
    assert.equal((await as('ro', 'POST', '/api/settings', { appearance: { name: 'ro was here' } })).statusCode, 403);
    const admin = await as('admin', 'POST', '/api/settings', { appearance: { name: 'Workshop' }, api: { allowCrossOrigin: false } });
    assert.equal(admin.statusCode, 200, 'API keys always count as fresh');
    assert.equal(t.app.config.config.appearance.name, 'Workshop');
  });

  it('asks a browser session for fresh credentials before sensitive settings and system commands', async () => {
    const client = browser();
    assert.equal((await client.login(t.app, 'admin', 'admin-password')).statusCode, 200);
    const fresh = await client.request('POST', '/api/settings', { json: { api: { allowCrossOrigin: true } } });
    assert.equal(fresh.statusCode, 200, fresh.body);

    clock += 6 * MINUTE;
    const name = await client.request('POST', '/api/settings', { json: { appearance: { name: 'Late change' } } });
    assert.equal(name.statusCode, 200, 'an ordinary setting needs no fresh password');
    for (const body of [{ api: { allowCrossOrigin: false } }, { server: { commands: { systemShutdownCommand: '/sbin/poweroff' } } }, { system: { actions: [] } }]) {
      const stale = await client.request('POST', '/api/settings', { json: body });
      assert.equal(stale.statusCode, 403, JSON.stringify(body));
      assert.deepEqual(stale.json(), { error: 'Please reauthenticate with your credentials' });
    }
    assert.equal(t.app.config.config.api.allowCrossOrigin, true);
    assert.equal(t.app.config.config.server.commands.systemShutdownCommand, null);

    const restart = await client.request('POST', '/api/system/commands/core/restart');
    assert.equal(restart.statusCode, 403);
    assert.deepEqual(restart.json(), { error: 'Please reauthenticate with your credentials' });
    const url = await client.request('POST', '/api/util/test', { json: { command: 'url', url: 'http://127.0.0.1:1/' } });
    assert.equal(url.statusCode, 403);

    assert.equal((await client.login(t.app, 'admin', 'admin-password')).statusCode, 200);
    assert.equal((await client.request('POST', '/api/system/commands/core/restart')).statusCode, 204);
    const reset = await client.request('POST', '/api/settings', { json: { api: { allowCrossOrigin: false } } });
    assert.equal(reset.statusCode, 200);
  });

  it('keeps system commands, system info and util/test to admins', async () => {
    for (const user of ['alice', 'ro']) {
      assert.equal((await as(user, 'GET', '/api/system/commands')).statusCode, 403, user);
      assert.equal((await as(user, 'GET', '/api/system/info')).statusCode, 403, user);
      assert.equal((await as(user, 'POST', '/api/system/commands/core/restart')).statusCode, 403, user);
      assert.equal((await as(user, 'POST', '/api/util/test', { command: 'path', path: '/' })).statusCode, 403, user);
    }
    const list = (await as('admin', 'GET', '/api/system/commands')).json();
    assert.deepEqual(list.core.map((spec: { action: string }) => spec.action), ['restart']);
    assert.equal((await as('admin', 'POST', '/api/system/commands/core/restart')).statusCode, 204);
    assert.equal((await as('admin', 'POST', '/api/util/test', { command: 'path', path: '/' })).json().exists, true);
  });

  it('gives languages to SETTINGS and timelapses to TIMELAPSE_LIST', async () => {
    assert.equal((await as('alice', 'GET', '/api/languages')).statusCode, 403);
    assert.equal((await as('admin', 'GET', '/api/languages')).statusCode, 200);
    assert.equal((await as('ro', 'GET', '/api/timelapse')).statusCode, 200);
    assert.equal((await as('watcher', 'GET', '/api/timelapse')).statusCode, 403);
  });
});
