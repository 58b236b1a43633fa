// End to end, real server: authenticating the push socket with sessions from active and passive login, what
// guests see, bad auth (WS-01, WS-02), logout/removal/key change (WS-04) and the origin rule (WS-05).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BrowserClient } from '../support/auth-client.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { ALL_TRANSPORTS, connectPush, passiveLogin } from './push-clients.js';

const CONFIG = 'plugins:\n  discovery:\n    enabled: false\n';

async function upload(base: string, apiKey: string, name: string): Promise<void> {
  const form = new FormData();
  form.append('file', new Blob(['G28\nG1 X10 Y10\n']), name);
  const response = await fetch(`${base}/api/files/local`, { method: 'POST', headers: { 'X-Api-Key': apiKey }, body: form });
  assert.equal(response.status, 201, await response.text());
}

describe('push socket authentication (real server)', () => {
  let t: TestApp;
  let base: string;
  let aliceKey: string;

  before(async () => {
    t = await createTestApp({ config: CONFIG });
    const bound = await t.app.start();
    base = `http://127.0.0.1:${bound.port}`;
    await t.app.access.accounts.addUser({ name: 'alice', password: 'alice-password', active: true, groups: ['users'] });
    aliceKey = await t.app.access.accounts.generateApiKey('alice');
  });
  after(() => t.close());

  for (const transport of ALL_TRANSPORTS) {
    it(`${transport}: connected first, then a passive-login session authenticates and events follow`, async () => {
      const client = await connectPush(base, transport);
      try {
        await client.inbox.waitForType('connected');
        assert.equal(client.inbox.types()[0], 'connected');
        const connected = client.inbox.of('connected')[0] ?? {};
        assert.equal(connected.version, '1.11.8');
        assert.ok(Array.isArray(connected.permissions));
        const login = await passiveLogin(base, aliceKey);
        assert.equal(login.name, 'alice');
        client.send({ auth: `${login.name}:${login.session}` });
        await upload(base, aliceKey, `auth-${transport}.gcode`);
        await client.inbox.waitFor('the upload events', () => client.inbox.events().some((e) => e.type === 'FileAdded'));
        assert.ok(!client.inbox.types().includes('reauthRequired'));
        assert.deepEqual(client.inbox.stringFrames, []);
      } finally {
        await client.close();
      }
    });
  }

  it('a guest sees only connected, however much happens (WS-01)', async () => {
    const guests = await Promise.all(ALL_TRANSPORTS.map((transport) => connectPush(base, transport)));
    try {
      await upload(base, aliceKey, 'guest-1.gcode');
      await upload(base, aliceKey, 'guest-2.gcode');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      for (const guest of guests) assert.deepEqual(guest.inbox.types(), ['connected'], guest.transport);
    } finally {
      await Promise.all(guests.map((guest) => guest.close()));
    }
  });

  it('bad auth: a wrong session gets reauthRequired stale; malformed ones are ignored; the socket stays (WS-02)', async () => {
    const client = await connectPush(base, 'raw');
    try {
      await client.inbox.waitForType('connected');
      client.send({ auth: 'alice:wrong' });
      await client.inbox.waitForType('reauthRequired');
      assert.deepEqual(client.inbox.of('reauthRequired')[0], { reason: 'stale' });
      for (const text of ['{"auth":"alice"}', '{"auth":"a:b:c"}', '{"auth":123}', '{"auth":null}', '{broken']) client.sendText(text);
      await upload(base, aliceKey, 'bad-auth.gcode');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(client.inbox.types(), ['connected', 'reauthRequired']);
      assert.equal(client.inbox.closed, null);
      const login = await passiveLogin(base, aliceKey);
      client.send({ auth: `${login.name}:${login.session}` });
      await upload(base, aliceKey, 'bad-auth-then-good.gcode');
      await client.inbox.waitForEvent('FileAdded');
    } finally {
      await client.close();
    }
  });

  it('logout of the session, removal of the user and a new API key end the socket session (WS-04)', async () => {
    await t.app.access.accounts.addUser({ name: 'bob', password: 'bob-password-1', active: true, groups: ['users'] });
    const browser = new BrowserClient(t.app.http);
    browser.seedCsrf(t.app, `_P${new URL(base).port}`);
    const login = await browser.login(t.app, 'bob', 'bob-password-1');
    assert.equal(login.statusCode, 200);
    const session = String(login.json().session);
    const client = await connectPush(base, 'raw');
    try {
      client.send({ auth: `bob:${session}` });
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(!client.inbox.types().includes('reauthRequired'));
      const logout = await browser.request('POST', '/api/logout');
      assert.ok(logout.statusCode < 300, String(logout.statusCode));
      await client.inbox.waitForType('reauthRequired');
      assert.deepEqual(client.inbox.of('reauthRequired')[0], { reason: 'logout' });
      const seen = client.inbox.messages.length;
      await upload(base, aliceKey, 'after-logout.gcode');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(client.inbox.messages.slice(seen), [], 'data stops after logout');
    } finally {
      await client.close();
    }

    const bobKey = await t.app.access.accounts.generateApiKey('bob');
    const keySession = await passiveLogin(base, bobKey);
    const second = await connectPush(base, 'raw');
    try {
      second.send({ auth: `bob:${keySession.session}` });
      await upload(base, aliceKey, 'before-removal.gcode');
      await second.inbox.waitForEvent('FileAdded');
      await t.app.access.accounts.removeUser('bob', 'admin');
      await second.inbox.waitForType('reauthRequired');
      assert.deepEqual(second.inbox.of('reauthRequired')[0], { reason: 'removed' });
    } finally {
      await second.close();
    }
  });

  it('refuses cross-origin sockets while CORS is off; same origin and native clients pass (WS-05)', async () => {
    await assert.rejects(connectPush(base, 'raw', { Origin: 'https://evil.example' }), /HTTP 403/);
    await assert.rejects(connectPush(base, 'raw', { Origin: 'null' }), /HTTP 403/);
    const same = await connectPush(base, 'raw', { Origin: base });
    await same.close();
    const evilPoll = await fetch(`${base}/sockjs/000/evilsession/xhr`, { method: 'POST', headers: { Origin: 'https://evil.example' } });
    assert.equal(evilPoll.status, 403);
  });
});

describe('push socket with access control off', () => {
  it('gives every socket the state at once, without auth', async () => {
    const t = await createTestApp({ config: `${CONFIG}accessControl:\n  enabled: false\n` });
    try {
      const base = `http://127.0.0.1:${(await t.app.start()).port}`;
      const client = await connectPush(base, 'raw');
      try {
        await client.inbox.waitForType('history');
        assert.deepEqual(client.inbox.types().slice(0, 2), ['connected', 'history']);
      } finally {
        await client.close();
      }
    } finally {
      await t.close();
    }
  });
});
