// /api/plugin/psucontrol as PSU Control answers it: state for STATUS, switching for PLUGIN_PSUCONTROL_CONTROL (admins),
// 204 after a switch, the plugin's plain-text 403, 400 for an unknown command, 404 while power control is off.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BrowserClient, addUser } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

const CONFIG = `
plugins:
  discovery:
    enabled: false
  psucontrol:
    enabled: true
    switchingMethod: SYSTEM
    onSysCommand: 'true'
    offSysCommand: 'true'
`;

describe('the PSU Control API', () => {
  let t: TestApp;
  let admin: BrowserClient;
  let operator: BrowserClient;

  before(async () => {
    t = await createTestApp({ config: CONFIG });
    await addUser(t.app, 'root', 'secret-root-1', ['admins', 'users']);
    await addUser(t.app, 'olga', 'secret-olga-1', ['users']);
    admin = new BrowserClient(t.app.http, { 'x-forwarded-for': '198.51.100.7' });
    operator = new BrowserClient(t.app.http, { 'x-forwarded-for': '198.51.100.8' });
    assert.equal((await admin.login(t.app, 'root', 'secret-root-1')).statusCode, 200);
    assert.equal((await operator.login(t.app, 'olga', 'secret-olga-1')).statusCode, 200);
  });
  after(() => t.close());

  it('reports the state with GET and with getPSUState', async () => {
    const got = await admin.request('GET', '/api/plugin/psucontrol');
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.json(), { isPSUOn: false });
    const asked = await operator.request('POST', '/api/plugin/psucontrol', { json: { command: 'getPSUState' } });
    assert.equal(asked.statusCode, 200);
    assert.deepEqual(asked.json(), { isPSUOn: false });
  });

  it('switches for an admin: 204, then the new state', async () => {
    const published: boolean[] = [];
    const listening = t.app.power.onDidPublish((on) => published.push(on));
    const on = await admin.request('POST', '/api/plugin/psucontrol', { json: { command: 'turnPSUOn' } });
    assert.equal(on.statusCode, 204);
    assert.equal(on.body, '');
    assert.deepEqual((await admin.request('GET', '/api/plugin/psucontrol')).json(), { isPSUOn: true });
    assert.equal((await admin.request('POST', '/api/plugin/psucontrol', { json: { command: 'togglePSU' } })).statusCode, 204);
    assert.deepEqual((await admin.request('GET', '/api/plugin/psucontrol')).json(), { isPSUOn: false });
    assert.equal((await admin.request('POST', '/api/plugin/psucontrol', { json: { command: 'togglePSU' } })).statusCode, 204);
    assert.equal((await admin.request('POST', '/api/plugin/psucontrol', { json: { command: 'turnPSUOff' } })).statusCode, 204);
    assert.deepEqual((await admin.request('GET', '/api/plugin/psucontrol')).json(), { isPSUOn: false });
    listening.dispose();
    assert.deepEqual(published, [true, false, true, false], 'a push message on every change');
  });

  it('refuses switching without PLUGIN_PSUCONTROL_CONTROL with the plugin’s plain 403', async () => {
    for (const command of ['turnPSUOn', 'turnPSUOff', 'togglePSU']) {
      const refused = await operator.request('POST', '/api/plugin/psucontrol', { json: { command } });
      assert.equal(refused.statusCode, 403, command);
      assert.equal(refused.body, 'Insufficient rights');
    }
    assert.equal(t.app.power.isOn, false);
  });

  it('refuses a guest without STATUS', async () => {
    const guest = new BrowserClient(t.app.http, { 'x-forwarded-for': '198.51.100.9' });
    guest.seedCsrf(t.app);
    assert.equal((await guest.request('GET', '/api/plugin/psucontrol')).statusCode, 403);
    assert.equal((await guest.request('POST', '/api/plugin/psucontrol', { json: { command: 'turnPSUOn' } })).statusCode, 403);
    assert.equal(t.app.power.isOn, false);
  });

  it('answers 400 for an unknown command or a body that is not JSON', async () => {
    assert.equal((await admin.request('POST', '/api/plugin/psucontrol', { json: { command: 'explode' } })).statusCode, 400);
    assert.equal((await admin.request('POST', '/api/plugin/psucontrol', { form: { command: 'turnPSUOn' } })).statusCode, 415);
  });

  it('runs the switching command without a shell: one that needs a shell switches nothing', async () => {
    await t.app.config.update([{ path: 'plugins.psucontrol.onSysCommand', value: 'true; touch pwned' }]);
    const on = await admin.request('POST', '/api/plugin/psucontrol', { json: { command: 'turnPSUOn' } });
    assert.equal(on.statusCode, 204, 'as the plugin, the answer does not tell (the failure is logged)');
    assert.equal(t.app.power.isOn, false);
    assert.equal(existsSync(join(process.cwd(), 'pwned')), false);
    await t.app.config.update([{ path: 'plugins.psucontrol.onSysCommand', value: 'true' }]);
  });

  it('is absent (404) while power control is off', async () => {
    await t.app.config.update([{ path: 'plugins.psucontrol.enabled', value: false }]);
    assert.equal((await admin.request('GET', '/api/plugin/psucontrol')).statusCode, 404);
    assert.equal((await admin.request('POST', '/api/plugin/psucontrol', { json: { command: 'turnPSUOn' } })).statusCode, 404);
    await t.app.config.update([{ path: 'plugins.psucontrol.enabled', value: true }]);
  });
});
