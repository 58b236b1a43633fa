// Issue 22 end to end over loopback with the virtual printer: its filament runs out mid-print and it asks the host
// (Prusa style); every socket allowed to interact sees the prompt, one answer through the API closes it everywhere and
// M876 S<n> reaches the printer; the print resumes and ends. Then //action:start from the printer prints the selected
// file again, and a notification reaches the sockets allowed to see it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hostPromptsConfig } from '../support/host-prompts-config.js';
import { loopbackApi } from '../support/loopback-api.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';
import { connectPush, passiveLogin } from './push-clients.js';
import type { PushTestClient } from './push-clients.js';

const CONFIG = hostPromptsConfig({ filamentRunoutAfterLines: 60 });

function gcode(): string {
  const lines = ['G21', 'G90', 'M82', 'G28', 'G92 E0'];
  for (let i = 0; i < 150; i++) lines.push(`G1 X${50 + (i % 7)} Y${50 + (i % 11)} E${(i * 0.05).toFixed(2)} F3000`);
  return `${lines.join('\n')}\n`;
}

interface PluginPayload {
  plugin: string;
  data: Record<string, unknown>;
}

describe('action commands, prompts and notifications over loopback (issue 22)', () => {
  let t: TestApp;
  let base: string;
  const keys: Record<string, string> = {};
  const sockets: Record<string, PushTestClient> = {};

  const api = (user: string, method: string, path: string, body?: unknown) =>
    loopbackApi(() => base, { 'X-Api-Key': keys[user] ?? '' })(method, path, body);
  const plugin = (user: string, id: string) => (sockets[user]?.inbox.of<PluginPayload>('plugin') ?? []).filter((message) => message.plugin === id);
  const received = async () => (await t.app.printer.virtualRecord()).received ?? [];

  before(async () => {
    t = await createTestApp({ config: CONFIG });
    base = `http://127.0.0.1:${(await t.app.start()).port}`;
    await t.app.access.accounts.addUser({ name: 'alice', password: 'alice-password', active: true, groups: ['users'] });
    await t.app.access.accounts.addUser({ name: 'bob', password: 'bob-password', active: true, groups: ['users'] });
    await t.app.access.accounts.addUser({ name: 'rita', password: 'rita-password', active: true, groups: ['readonly'] });
    for (const name of ['alice', 'bob', 'rita']) {
      keys[name] = await t.app.access.accounts.generateApiKey(name);
      const socket = await connectPush(base, 'raw');
      const login = await passiveLogin(base, keys[name] ?? '');
      socket.send({ auth: `${login.name}:${login.session}` });
      sockets[name] = socket;
    }
    for (const socket of Object.values(sockets)) await socket.inbox.waitForType('history', 20_000);
  });
  after(async () => {
    await Promise.all(Object.values(sockets).map((socket) => socket.close().catch(() => undefined)));
    await t.close();
  });

  it('the runout prompt reaches everyone who may interact; one answer closes it everywhere and M876 reaches the printer', { timeout: 90_000 }, async () => {
    assert.equal((await api('alice', 'POST', '/api/connection', { command: 'connect', port: 'VIRTUAL' })).status, 204);
    await until(async () => ((await api('alice', 'GET', '/api/connection')).json.current as { state: string }).state === 'Operational', 'Operational');
    // The firmware reported Cap:PROMPT_SUPPORT: the host said it can show prompts.
    await until(async () => (await received()).includes('M876 P1'), 'M876 P1');

    const form = new FormData();
    form.append('file', new Blob([gcode()]), 'runout.gcode');
    form.append('select', 'true');
    form.append('print', 'true');
    const upload = await fetch(`${base}/api/files/local`, { method: 'POST', headers: { 'X-Api-Key': keys.alice ?? '' }, body: form });
    assert.equal(upload.status, 201, await upload.text());

    for (const user of ['alice', 'bob']) {
      await sockets[user]?.inbox.waitFor(`the prompt on ${user}'s socket`, () => plugin(user, 'action_command_prompt').some((m) => m.data.action === 'show'), 60_000);
    }
    assert.deepEqual(plugin('alice', 'action_command_prompt').find((m) => m.data.action === 'show')?.data, {
      action: 'show',
      text: 'Filament runout: load new filament',
      choices: ['Continue', 'Purge more'],
    });
    await until(async () => ((await api('alice', 'GET', '/api/job')).json.state as string) === 'Paused', 'the print paused by the printer');
    assert.deepEqual((await api('bob', 'GET', '/api/plugin/action_command_prompt')).json, { text: 'Filament runout: load new filament', choices: ['Continue', 'Purge more'] });

    assert.equal((await api('bob', 'POST', '/api/plugin/action_command_prompt', { command: 'select', choice: 0 })).status, 204);
    for (const user of ['alice', 'bob']) {
      await sockets[user]?.inbox.waitFor(`the close on ${user}'s socket`, () => plugin(user, 'action_command_prompt').some((m) => m.data.action === 'close'), 20_000);
    }
    await until(async () => (await received()).includes('M876 S0'), 'M876 S0 at the printer');
    await sockets.alice?.inbox.waitForEvent('PrintDone', 60_000);
    const lines = await received();
    const last = lines.lastIndexOf(`G1 X${50 + (149 % 7)} Y${50 + (149 % 11)} E${(149 * 0.05).toFixed(2)} F3000`);
    assert.ok(lines.indexOf('M876 S0') < last, 'the print went on after the answer');
    assert.deepEqual(plugin('rita', 'action_command_prompt'), [], 'a read-only user sees no prompt');
  });

  it('//action:start prints the selected file again; notifications reach who may see them', { timeout: 90_000 }, async () => {
    const starts = () => (sockets.alice?.inbox.events() ?? []).filter((event) => event.type === 'PrintStarted').length;
    const before = starts();
    assert.equal((await api('alice', 'POST', '/api/printer/command', { commands: ['M118 A1 action:start', 'M118 A1 action:notification Nozzle clean'] })).status, 204);
    await sockets.alice?.inbox.waitFor('a second PrintStarted', () => starts() === before + 1, 30_000);
    await sockets.bob?.inbox.waitFor('the notification', () => plugin('bob', 'action_command_notification').some((m) => m.data.message === 'Nozzle clean'), 20_000);
    const list = (await api('alice', 'GET', '/api/plugin/action_command_notification')).json.notifications as Array<{ message: string }>;
    assert.deepEqual(list.map((n) => n.message), ['Nozzle clean']);
    assert.deepEqual(plugin('rita', 'action_command_notification'), []);
    assert.equal((await api('rita', 'POST', '/api/plugin/action_command_notification', { command: 'clear' })).status, 403);
    assert.equal((await api('bob', 'POST', '/api/plugin/action_command_notification', { command: 'clear' })).status, 204);
    await sockets.alice?.inbox.waitFor('the clear', () => plugin('alice', 'action_command_notification').some((m) => Object.keys(m.data).length === 0), 20_000);
    await sockets.alice?.inbox.waitFor('the second PrintDone', () => (sockets.alice?.inbox.events() ?? []).filter((event) => event.type === 'PrintDone').length === 2, 60_000);
  });
});
