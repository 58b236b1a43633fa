// Host prompts and printer notifications in the driver, against a scripted firmware: OctoPrint's two plugins' behaviour.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArgonautError } from '../../shared/index.js';
import { CONFIG, connected, settle } from '../../../test/support/driver-harness.js';
import type { PluginMessage } from './index.js';

const PROMPT_CAP = { answers: { M115: ['Cap:PROMPT_SUPPORT:1'] } };

function withPlugins(text: string): string {
  return `${CONFIG}plugins:\n${text}`;
}

async function connectedWithMessages(firmware = {}, config = CONFIG) {
  const context = await connected({ ...firmware }, config);
  const messages: PluginMessage[] = [];
  context.driver.onDidSendPluginMessage((message) => messages.push(message));
  // M115's answer (and the M876 P1 it may lead to) has been handled.
  await settle(() => context.firmware.accepted.includes('M115') && context.firmware.accepted.includes('M117 hello'));
  return { ...context, messages };
}

function showPrompt(send: (line: string) => void): void {
  send('//action:prompt_end');
  send('//action:prompt_begin Filament runout: load new filament');
  send('//action:prompt_choice Continue');
  send('//action:prompt_button Purge more');
  send('//action:prompt_show');
}

describe('host prompts', () => {
  it('Cap:PROMPT_SUPPORT leads to M876 P1; the prompt is shown, answered with M876 S<index> and closed', async () => {
    const { driver, firmware, messages } = await connectedWithMessages(PROMPT_CAP);
    await settle(() => firmware.accepted.includes('M876 P1'));
    showPrompt((line) => firmware.send(line));
    assert.deepEqual(messages, [
      { plugin: 'action_command_prompt', data: { action: 'show', text: 'Filament runout: load new filament', choices: ['Continue', 'Purge more'] } },
    ]);
    assert.deepEqual(driver.snapshot().prompt, { text: 'Filament runout: load new filament', choices: ['Continue', 'Purge more'] });
    driver.answerPrompt(1);
    await settle(() => firmware.accepted.includes('M876 S1'));
    assert.deepEqual(messages.at(-1), { plugin: 'action_command_prompt', data: { action: 'close' } });
    assert.equal(driver.snapshot().prompt, null);
    firmware.send('//action:prompt_end');
    assert.equal(messages.length, 2, 'prompt_end after the answer sends nothing more');
  });

  it('the answer jumps the queue when the firmware has an emergency parser (a line still waits for its ok)', async () => {
    const { driver, firmware } = await connected({ mode: 'manual', answers: PROMPT_CAP.answers });
    for (let i = 0; i < 20 && !firmware.accepted.includes('M117 hello'); i++) {
      firmware.flush();
      await settle(() => true);
    }
    showPrompt((line) => firmware.send(line));
    driver.commands(['G4 S1']);
    const held = firmware.written.length;
    driver.answerPrompt(0);
    assert.ok(firmware.written.slice(held).some((line) => /^(N\d+ )?M876 S0(\*\d+)?$/.test(line)), `M876 S0 was written at once: ${firmware.written.slice(held).join(' | ')}`);
  });

  it('rejects an answer without a prompt (conflict) and a choice it does not offer (invalid)', async () => {
    const { driver, firmware } = await connectedWithMessages(PROMPT_CAP);
    assert.throws(() => driver.answerPrompt(0), (error: unknown) => error instanceof ArgonautError && error.code === 'conflict');
    showPrompt((line) => firmware.send(line));
    for (const choice of [2, -1, 0.5, '0', true, null]) {
      assert.throws(() => driver.answerPrompt(choice), (error: unknown) => error instanceof ArgonautError && error.code === 'invalid', String(choice));
    }
    assert.ok(!firmware.accepted.some((command) => command.startsWith('M876 S')));
  });

  it('with enable "detected" and no Cap:PROMPT_SUPPORT, nothing is shown and nothing is sent', async () => {
    const { driver, firmware, messages } = await connectedWithMessages();
    showPrompt((line) => firmware.send(line));
    assert.deepEqual(messages, []);
    driver.answerPrompt(0);
    await settle(() => true);
    assert.ok(!firmware.accepted.some((command) => command.startsWith('M876')));
  });

  it('with enable "always" the host signals support at connect, shows prompts, and uses a {choice} command', async () => {
    const config = withPlugins('  action_command_prompt:\n    enable: always\n    command: "M876 S{choice} ; answer"\n');
    const { driver, firmware, messages } = await connectedWithMessages({}, config);
    assert.ok(firmware.accepted.includes('M876 P1'), firmware.accepted.join(' | '));
    showPrompt((line) => firmware.send(line));
    assert.equal(messages.length, 1);
    driver.answerPrompt(1);
    await settle(() => firmware.accepted.includes('M876 S1'));
  });

  it('with enable "never" nothing is shown, even with Cap:PROMPT_SUPPORT, and no M876 P1 is sent', async () => {
    const config = withPlugins('  action_command_prompt:\n    enable: never\n');
    const { firmware, messages } = await connectedWithMessages(PROMPT_CAP, config);
    showPrompt((line) => firmware.send(line));
    assert.deepEqual(messages, []);
    assert.ok(!firmware.accepted.includes('M876 P1'));
  });

  it('a second prompt_begin while one is shown is ignored; the prompt closes when the printer disconnects', async () => {
    const { driver, firmware, messages } = await connectedWithMessages(PROMPT_CAP);
    showPrompt((line) => firmware.send(line));
    firmware.send('//action:prompt_begin Another');
    firmware.send('//action:prompt_choice Nope');
    assert.deepEqual(driver.snapshot().prompt?.choices, ['Continue', 'Purge more']);
    await driver.disconnect();
    assert.deepEqual(messages.filter((message) => message.plugin === 'action_command_prompt').at(-1), { plugin: 'action_command_prompt', data: { action: 'close' } });
    assert.equal(driver.snapshot().prompt, null);
  });
});

describe('printer notifications', () => {
  it('keeps each notification with its time, sends it to the sockets, and clears them', async () => {
    const { driver, firmware, messages, scheduler } = await connectedWithMessages();
    firmware.send('//action:notification Heating nozzle');
    firmware.send('//action:notification   Filament low  ');
    const list = driver.snapshot().notifications;
    assert.deepEqual(list.map((n) => n.message), ['Heating nozzle', 'Filament low']);
    assert.equal(list[0]?.timestamp, scheduler.wallClock() / 1000);
    assert.deepEqual(messages, [
      { plugin: 'action_command_notification', data: { message: 'Heating nozzle' } },
      { plugin: 'action_command_notification', data: { message: 'Filament low' } },
    ]);
    driver.clearNotifications();
    assert.deepEqual(driver.snapshot().notifications, []);
    assert.deepEqual(messages.at(-1), { plugin: 'action_command_notification', data: {} });
  });

  it('drops notifications that match the filter, and all of them when disabled; a disconnect clears them', async () => {
    const config = withPlugins('  action_command_notification:\n    filter: "^Debug"\n');
    const { driver, firmware } = await connectedWithMessages({}, config);
    firmware.send('//action:notification Debug: 42');
    firmware.send('//action:notification Print done');
    assert.deepEqual(driver.snapshot().notifications.map((n) => n.message), ['Print done']);
    await driver.disconnect();
    assert.deepEqual(driver.snapshot().notifications, []);

    const off = await connectedWithMessages({}, withPlugins('  action_command_notification:\n    enable: false\n'));
    off.firmware.send('//action:notification Print done');
    assert.deepEqual(off.driver.snapshot().notifications, []);
    assert.deepEqual(off.messages, []);
  });
});
