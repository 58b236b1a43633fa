// Unit tests of the prompt and notification state: push messages and API answers as the plugins send them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextNotifications, nextPrompt, notificationsEnabled, pluginData, promptFromResponse } from './printer-dialogs-state.js';

describe('printer dialogs state', () => {
  it('opens the prompt on show and closes it on close', () => {
    const shown = nextPrompt(null, { action: 'show', text: 'Runout', choices: ['Continue', 'Purge'] });
    assert.deepEqual(shown, { text: 'Runout', choices: ['Continue', 'Purge'] });
    assert.equal(nextPrompt(shown, { action: 'close' }), null);
    assert.equal(nextPrompt(shown, { action: 'show', text: 'bad', choices: [1] }), shown);
  });

  it('reads the GET answer: {} is no prompt', () => {
    assert.equal(promptFromResponse({}), null);
    assert.deepEqual(promptFromResponse({ text: 'Hi', choices: ['OK'] }), { text: 'Hi', choices: ['OK'] });
  });

  it('adds a notification on {message} and clears on {}', () => {
    const one = nextNotifications([], { message: 'Filament low' }, 100);
    assert.deepEqual(one, [{ timestamp: 100, message: 'Filament low' }]);
    assert.deepEqual(nextNotifications(one, {}, 101), []);
    assert.equal(nextNotifications(one, { other: 1 }, 101), one);
  });

  it('reads whether notifications are enabled from the settings (on unless switched off)', () => {
    assert.equal(notificationsEnabled(null), true);
    assert.equal(notificationsEnabled({ plugins: { action_command_notification: { enable: true } } }), true);
    assert.equal(notificationsEnabled({ plugins: { action_command_notification: { enable: false } } }), false);
  });

  it('picks the data of one plugin out of a push message', () => {
    assert.deepEqual(pluginData({ plugin: 'action_command_prompt', data: { action: 'close' } }, 'action_command_prompt'), { action: 'close' });
    assert.equal(pluginData({ plugin: 'appkeys', data: {} }, 'action_command_prompt'), null);
    assert.equal(pluginData(null, 'action_command_prompt'), null);
  });
});
