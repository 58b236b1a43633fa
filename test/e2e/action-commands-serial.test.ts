// Issue 22 over a real serial device: the whole server, its driver in its own process on the real serial binding, and
// the fake Marlin (HOST_PROMPT_SUPPORT + EMERGENCY_PARSER) on a pseudo-terminal. The firmware's Cap:PROMPT_SUPPORT
// leads to M876 P1; M600 asks the host; the answer given through the API reaches the firmware as M876 S<n> (ahead of
// the queue, while M600 still waits for it) and the prompt is gone; a notification sent with M118 is listed.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startFakeMarlin } from '../support/fake-marlin/index.js';
import type { FakeMarlinHandle } from '../support/fake-marlin/index.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';
import { fakeMarlinServerConfig, withoutPty } from '../support/fake-marlin/server-config.js';
import { loopbackApi } from '../support/loopback-api.js';

const KEY = { 'x-api-key': 'action-commands-serial' };

function config(port: string): string {
  return fakeMarlinServerConfig(port, { timeout: { communication: 2, communicationBusy: 2 } });
}

const skip = withoutPty();

describe('host prompts over a real serial port to a fake Marlin', { skip }, () => {
  let firmware: FakeMarlinHandle | undefined;
  let t: TestApp | undefined;
  after(async () => {
    await t?.close();
    await firmware?.stop();
  });

  it('answers the firmware prompt through the API: M876 S<n> reaches the printer', { timeout: 90_000 }, async () => {
    firmware = await startFakeMarlin({ baudrate: 250000, hostPrompts: true, keepaliveMs: 500 });
    t = await createTestApp({ config: config(firmware.path) });
    const base = `http://127.0.0.1:${(await t.app.start()).port}`;
    const api = loopbackApi(() => base, KEY);
    const device = firmware;
    assert.equal((await api('POST', '/api/connection', { command: 'connect', port: device.path, baudrate: 250000 })).status, 204);
    await until(async () => ((await api('GET', '/api/connection')).json.current as { state: string }).state === 'Operational', 'Operational');
    await until(async () => (await device.accepted()).includes('M876 P1'), 'M876 P1 after Cap:PROMPT_SUPPORT');

    assert.equal((await api('POST', '/api/printer/command', { commands: ['M600', 'M117 after the change'] })).status, 204);
    await until(async () => 'text' in (await api('GET', '/api/plugin/action_command_prompt')).json, 'the prompt');
    assert.deepEqual((await api('GET', '/api/plugin/action_command_prompt')).json, { text: 'Filament runout: load new filament', choices: ['Continue', 'Purge more'] });
    assert.ok(!(await device.accepted()).includes('M117 after the change'), 'M600 holds the queue while it asks');

    assert.equal((await api('POST', '/api/plugin/action_command_prompt', { command: 'select', choice: 1 })).status, 204);
    await until(async () => (await device.accepted()).includes('M876 S1'), 'M876 S1 at the firmware');
    await until(async () => (await device.accepted()).includes('M117 after the change'), 'the queue to go on');
    const accepted = await device.accepted();
    assert.ok(accepted.indexOf('M600') < accepted.indexOf('M876 S1'));
    assert.deepEqual((await api('GET', '/api/plugin/action_command_prompt')).json, {});

    assert.equal((await api('POST', '/api/printer/command', { command: 'M118 A1 action:notification Serial says hi' })).status, 204);
    await until(async () => ((await api('GET', '/api/plugin/action_command_notification')).json.notifications as unknown[]).length === 1, 'the notification');
    assert.equal(((await api('GET', '/api/job')).json.state as string), 'Operational');
  });
});
