// App key requests on the push socket (real server): `plugin` messages for the named user's sessions only, or for
// everyone who may grant when nobody is named; `end_request` after a decision; a revoked key's socket session ends.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BrowserClient } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { connectPush, passiveLogin } from '../../../../test/e2e/push-clients.js';
import type { PushTestClient } from '../../../../test/e2e/push-clients.js';

interface PluginMessage {
  plugin: string;
  data: { type: string; app_name?: string; user_token: string; user_id?: string | null; remote_address?: string; permissions?: string[] | null };
}

describe('app key requests on the push socket', () => {
  let t: TestApp;
  let base: string;
  const keys: Record<string, string> = {};
  const sockets: PushTestClient[] = [];

  before(async () => {
    t = await createTestApp({ config: 'plugins:\n  discovery:\n    enabled: false\n' });
    base = `http://127.0.0.1:${(await t.app.start()).port}`;
    await t.app.access.accounts.addUser({ name: 'admin', password: 'admin-password', active: true, groups: ['admins', 'users'] });
    for (const [name, groups] of [['alice', ['users']], ['bob', ['users']], ['ro', ['readonly']]] as const) {
      await t.app.access.accounts.addUser({ name, password: `${name}-password`, active: true, groups: [...groups] });
      keys[name] = await t.app.access.accounts.generateApiKey(name);
    }
  });
  after(async () => {
    for (const socket of sockets) await socket.close();
    await t.close();
  });

  /** A socket authenticated as the user behind an API key (a passive login, as the UI and apps do). */
  const socketFor = async (apiKey: string) => {
    const client = await connectPush(base, 'raw');
    sockets.push(client);
    await client.inbox.waitForType('connected');
    const login = await passiveLogin(base, apiKey);
    const authed = t.app.events.once('ClientAuthed', 5_000);
    client.send({ auth: `${login.name}:${login.session}` });
    await authed;
    return client;
  };
  const appkeysMessages = (client: PushTestClient) => client.inbox.of<PluginMessage>('plugin').filter((m) => m.plugin === 'appkeys');
  const ask = async (body: unknown) => {
    const response = await fetch(`${base}/plugin/appkeys/request`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(response.status, 201);
    return ((await response.json()) as { app_token: string }).app_token;
  };

  it('pushes request_access to the named user, and to every granting user when none is named', async () => {
    const alice = await socketFor(keys.alice as string);
    const bob = await socketFor(keys.bob as string);
    const ro = await socketFor(keys.ro as string);
    await ask({ app: 'Cura', user: 'alice' });
    await alice.inbox.waitFor('alice’s request', () => appkeysMessages(alice).length === 1);
    const [message] = appkeysMessages(alice);
    assert.equal(message?.data.type, 'request_access');
    assert.equal(message?.data.app_name, 'Cura');
    assert.equal(message?.data.user_id, 'alice');
    assert.equal(message?.data.remote_address, '127.0.0.1');
    assert.equal(message?.data.permissions, null);
    assert.match(message?.data.user_token ?? '', /^[0-9A-F]{32}$/);

    await ask({ app: 'Anyone', permissions: ['STATUS'] });
    await bob.inbox.waitFor('the open request', () => appkeysMessages(bob).length > 0);
    await alice.inbox.waitFor('the open request', () => appkeysMessages(alice).length === 2);
    assert.deepEqual(appkeysMessages(bob).map((m) => m.data.app_name), ['Anyone'], 'bob never sees alice’s request');
    assert.deepEqual(appkeysMessages(bob)[0]?.data.permissions, ['STATUS']);
    assert.deepEqual(appkeysMessages(ro), [], 'no PLUGIN_APPKEYS_GRANT, no prompt');

    const token = message?.data.user_token as string;
    const browser = new BrowserClient(t.app.http);
    browser.seedCsrf(t.app, `_P${new URL(base).port}`);
    assert.equal((await browser.login(t.app, 'alice', 'alice-password')).statusCode, 200);
    assert.equal((await browser.request('POST', `/plugin/appkeys/decision/${token}`, { json: { decision: false } })).statusCode, 204);
    await alice.inbox.waitFor('end_request', () => appkeysMessages(alice).some((m) => m.data.type === 'end_request'));
    assert.deepEqual(appkeysMessages(alice).at(-1)?.data, { type: 'end_request', user_token: token });
  });

  it('ends the socket session of an app key when the key is revoked', async () => {
    const { apiKey } = await t.app.appKeys.generate('bob', 'Phone');
    const socket = await socketFor(apiKey);
    assert.ok(await t.app.appKeys.revoke('bob', 'phone'));
    await socket.inbox.waitForType('reauthRequired', 5_000);
    assert.deepEqual(socket.inbox.of('reauthRequired')[0], { reason: 'logout' });
  });
});
