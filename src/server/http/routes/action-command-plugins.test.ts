// HTTP tests of /api/plugin/action_command_prompt and action_command_notification over the real app and the virtual printer:
// shapes, 400/403/409 as OctoPrint answers them, the prompt answered as M876 S<n>, and their settings in /api/settings.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser } from '../../../../test/support/auth-client.js';
import { hostPromptsConfig } from '../../../../test/support/host-prompts-config.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { until } from '../../../../test/support/until.js';

const CONFIG = hostPromptsConfig({ busyInterval: 200 }, { server: { firstRun: false } });

const PROMPT = '/api/plugin/action_command_prompt';
const NOTIFICATION = '/api/plugin/action_command_notification';

describe('action command plugins API', () => {
  let t: TestApp;
  const keys: Record<string, string> = {};

  before(async () => {
    t = await createTestApp({ config: CONFIG });
    await addUser(t.app, 'boss', 'boss-password-1', ['admins']);
    await addUser(t.app, 'operator', 'operator-password-1', ['users']);
    await addUser(t.app, 'reader', 'reader-password-1', ['readonly']);
    for (const name of ['boss', 'operator', 'reader']) keys[name] = await t.app.access.accounts.generateApiKey(name);
  });
  after(() => t.close());

  const as = (user: string | null): Record<string, string> => (user ? { 'x-api-key': keys[user] ?? '' } : {});
  const get = (url: string, user: string | null = 'operator') => t.app.http.inject({ method: 'GET', url, headers: as(user) });
  const post = (url: string, body: unknown, user: string | null = 'operator') =>
    t.app.http.inject({ method: 'POST', url, payload: body as object, headers: as(user) });
  const received = async () => (await t.app.printer.virtualRecord()).received ?? [];

  it('before any printer: no prompt, no notifications; select is 409, clear is 204', async () => {
    assert.deepEqual((await get(PROMPT)).json(), {});
    assert.deepEqual((await get(NOTIFICATION)).json(), { notifications: [] });
    const select = await post(PROMPT, { command: 'select', choice: 0 });
    assert.equal(select.statusCode, 409);
    assert.deepEqual(select.json(), { error: 'No active prompt' });
    assert.equal((await post(NOTIFICATION, { command: 'clear' })).statusCode, 204);
  });

  it('refuses readers and guests (403), bad commands and a missing choice (400)', async () => {
    for (const user of ['reader', null]) {
      assert.equal((await get(PROMPT, user)).statusCode, 403, `GET prompt as ${user}`);
      assert.equal((await get(NOTIFICATION, user)).statusCode, 403, `GET notifications as ${user}`);
    }
    assert.equal((await post(PROMPT, { command: 'select', choice: 0 }, 'reader')).statusCode, 403);
    assert.equal((await post(NOTIFICATION, { command: 'clear' }, 'reader')).statusCode, 403);
    assert.equal((await post(PROMPT, { command: 'answer', choice: 0 })).statusCode, 400);
    assert.equal((await post(PROMPT, { command: 'select' })).statusCode, 400);
    assert.equal((await post(NOTIFICATION, { command: 'forget' })).statusCode, 400);
  });

  it('lists notifications the printer sent, and clears them', async () => {
    assert.equal((await post('/api/connection', { command: 'connect', port: 'VIRTUAL' })).statusCode, 204);
    await until(async () => (await get('/api/connection')).json().current.state === 'Operational', 'the printer');
    assert.equal((await post('/api/printer/command', { commands: ['M118 A1 action:notification Filament low', 'M118 A1 action:notification Bed hot'] })).statusCode, 204);
    await until(async () => (await get(NOTIFICATION)).json().notifications.length === 2, 'the printer');
    const list = (await get(NOTIFICATION)).json().notifications as Array<{ timestamp: number; message: string }>;
    assert.deepEqual(list.map((n) => n.message), ['Filament low', 'Bed hot']);
    for (const n of list) assert.ok(Math.abs(n.timestamp - Date.now() / 1000) < 120, 'seconds since the epoch');
    assert.equal((await post(NOTIFICATION, { command: 'clear' }, 'reader')).statusCode, 403);
    assert.equal((await post(NOTIFICATION, { command: 'clear' })).statusCode, 204);
    await until(async () => (await get(NOTIFICATION)).json().notifications.length === 0, 'the printer');
  });

  it('shows the prompt the printer asks, rejects bad choices, and answers with M876 S<index>', async () => {
    await until(async () => (await received()).some((line) => line === 'M876 P1'), 'the printer');
    assert.equal((await post('/api/printer/command', { command: 'M600' })).statusCode, 204);
    await until(async () => 'text' in (await get(PROMPT)).json(), 'the printer');
    assert.deepEqual((await get(PROMPT)).json(), { text: 'Filament runout: load new filament', choices: ['Continue', 'Purge more'] });
    for (const choice of [2, -1, '1', 1.5, null]) {
      const response = await post(PROMPT, { command: 'select', choice });
      assert.equal(response.statusCode, 400, `choice ${JSON.stringify(choice)}`);
      assert.match(response.json().error, /is not a valid value for choice/);
    }
    assert.equal((await post(PROMPT, { command: 'select', choice: 1 }, 'reader')).statusCode, 403);
    assert.equal((await post(PROMPT, { command: 'select', choice: 1 })).statusCode, 204);
    await until(async () => (await received()).some((line) => line === 'M876 S1'), 'the printer');
    assert.deepEqual((await get(PROMPT)).json(), {});
    assert.equal((await post(PROMPT, { command: 'select', choice: 0 })).statusCode, 409);
  });

  it('GET /api/settings carries both plugins with their defaults; POST changes and validates them (admins)', async () => {
    const settings = (await get('/api/settings', 'boss')).json();
    assert.deepEqual(settings.plugins.action_command_prompt, { enable: 'detected', command: 'M876', enable_emergency_sending: true, enable_signal_support: true });
    assert.deepEqual(settings.plugins.action_command_notification, { enable: true, enable_popups: false, filter: '' });
    const change = await post('/api/settings', { plugins: { action_command_prompt: { enable: 'never' }, action_command_notification: { filter: '^Debug' } } }, 'boss');
    assert.equal(change.statusCode, 200);
    assert.equal(t.app.config.config.plugins.action_command_prompt.enable, 'never');
    assert.equal(t.app.config.config.plugins.action_command_notification.filter, '^Debug');
    assert.equal((await post('/api/settings', { plugins: { action_command_prompt: { enable: 'sometimes' } } }, 'boss')).statusCode, 400);
    assert.equal((await post('/api/settings', { plugins: { action_command_prompt: { enable: 'always' } } }, 'operator')).statusCode, 403);
  });
});
