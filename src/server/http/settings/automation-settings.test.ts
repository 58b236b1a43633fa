// /api/settings and the `events` section: shown to those who may change settings, validated, fresh credentials needed;
// power control's commands need fresh credentials too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BrowserClient, addUser } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

const SUBSCRIPTION = { event: 'PrintDone', type: 'system', command: 'notify-send {name}', name: 'tell me', enabled: true, debug: false };

describe('event subscriptions in /api/settings', () => {
  let t: TestApp;
  let admin: BrowserClient;
  let reader: BrowserClient;
  let clock = Date.parse('2025-03-01T10:00:00Z');

  before(async () => {
    t = await createTestApp({ config: 'plugins:\n  discovery:\n    enabled: false\n', now: () => clock });
    await addUser(t.app, 'root', 'secret-root-1', ['admins', 'users']);
    await addUser(t.app, 'rita', 'secret-rita-1', ['readonly']);
    admin = new BrowserClient(t.app.http, { 'x-forwarded-for': '198.51.100.20' });
    reader = new BrowserClient(t.app.http, { 'x-forwarded-for': '198.51.100.21' });
    assert.equal((await admin.login(t.app, 'root', 'secret-root-1')).statusCode, 200);
    assert.equal((await reader.login(t.app, 'rita', 'secret-rita-1')).statusCode, 200);
  });
  after(() => t.close());

  it('shows events to an admin and not to a reader; plugins.psucontrol to both', async () => {
    const forAdmin = (await admin.request('GET', '/api/settings')).json();
    assert.deepEqual(forAdmin.events, { enabled: true, subscriptions: [], timeout: 60 });
    assert.deepEqual(forAdmin.system, { actions: [], events: null }, 'OctoPrint’s unused system.events, as recorded');
    assert.equal(forAdmin.plugins.psucontrol.enabled, false);
    assert.equal(forAdmin.plugins.psucontrol.switchingMethod, 'GCODE');
    assert.ok(forAdmin.plugins.eventmanager.availableEvents.includes('PrintDone'), "OctoPrint's event manager plugin");
    assert.deepEqual(forAdmin.plugins.eventmanager.subscriptions, []);
    const forReader = (await reader.request('GET', '/api/settings')).json();
    assert.equal(forReader.events, undefined);
    assert.equal(forReader.plugins.eventmanager, undefined);
    assert.equal(forReader.plugins.psucontrol.onGCodeCommand, 'M80');
  });

  it('replaces the subscriptions with a valid list, and refuses a malformed one with 400', async () => {
    const saved = await admin.request('POST', '/api/settings', { json: { events: { subscriptions: [SUBSCRIPTION] } } });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.deepEqual(saved.json().events.subscriptions, [SUBSCRIPTION]);
    assert.deepEqual(t.app.config.config.events.subscriptions, [SUBSCRIPTION]);
    for (const bad of [{ subscriptions: [{ event: 'PrintDone', type: 'shell', command: 'x' }] }, { subscriptions: 'x' }, 'x']) {
      const refused = await admin.request('POST', '/api/settings', { json: { events: bad } });
      assert.equal(refused.statusCode, 400, JSON.stringify(bad));
      assert.equal(typeof refused.json().error, 'string');
    }
    assert.deepEqual(t.app.config.config.events.subscriptions, [SUBSCRIPTION]);
    // As OctoPrint's event manager saves them: the same list.
    const other = { ...SUBSCRIPTION, name: 'saved as OctoPrint does' };
    const viaPlugin = await admin.request('POST', '/api/settings', { json: { plugins: { eventmanager: { subscriptions: [other] } } } });
    assert.equal(viaPlugin.statusCode, 200, viaPlugin.body);
    assert.deepEqual(viaPlugin.json().plugins.eventmanager.subscriptions, [other]);
    assert.deepEqual(t.app.config.config.events.subscriptions, [other]);
    assert.equal((await admin.request('POST', '/api/settings', { json: { events: { subscriptions: [SUBSCRIPTION] } } })).statusCode, 200);
  });

  it('needs fresh credentials for subscriptions and power commands', async () => {
    const late = new BrowserClient(t.app.http, { 'x-forwarded-for': '198.51.100.22' });
    assert.equal((await late.login(t.app, 'root', 'secret-root-1')).statusCode, 200);
    clock += 6 * 60_000;
    assert.equal((await late.request('POST', '/api/settings', { json: { appearance: { name: 'Late' } } })).statusCode, 200, 'an ordinary setting needs none');
    for (const json of [{ events: { enabled: false } }, { plugins: { psucontrol: { onSysCommand: 'touch x' } } }]) {
      const refused = await late.request('POST', '/api/settings', { json });
      assert.equal(refused.statusCode, 403, JSON.stringify(json));
      assert.deepEqual(refused.json(), { error: 'Please reauthenticate with your credentials' });
    }
    assert.equal(t.app.config.config.events.enabled, true);
    assert.equal(t.app.config.config.plugins.psucontrol.onSysCommand, '');
    assert.equal((await late.login(t.app, 'root', 'secret-root-1')).statusCode, 200);
  });

  it('takes power control settings under plugins.psucontrol', async () => {
    assert.equal((await admin.login(t.app, 'root', 'secret-root-1')).statusCode, 200);
    const saved = await admin.request('POST', '/api/settings', { json: { plugins: { psucontrol: { enabled: true, switchingMethod: 'HTTP', httpDevice: 'shelly2', httpAddress: '192.0.2.9' } } } });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().plugins.psucontrol.httpDevice, 'shelly2');
    const refused = await admin.request('POST', '/api/settings', { json: { plugins: { psucontrol: { switchingMethod: 'SHELL' } } } });
    assert.equal(refused.statusCode, 400);
  });
});
