// Browser test (real Chromium) for issue 22: the printer asks a question (M600 on the virtual printer with host prompts);
// the dialog appears, is answered by a click, closes, and M876 S<n> reaches the printer. A prompt answered by someone
// else through the API closes in the browser too. A printer notification shows in the header's list and is cleared.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';
import { hostPromptsConfig } from '../support/host-prompts-config.js';
import { until } from '../support/until.js';

const CONFIG = hostPromptsConfig();

describe('UI: printer prompts and notifications', () => {
  let bobKey = '';
  const ui = withBrowserPage({
    server: { withAdmin: true, config: CONFIG },
    logIn: true,
    prepare: async (server) => {
      await server.app.access.accounts.addUser({ name: 'bob', password: 'bob-password', active: true, groups: ['users'] });
      bobKey = await server.app.access.accounts.generateApiKey('bob');
    },
  });

  const api = async (method: string, path: string, body?: unknown) =>
    fetch(`${ui.server.baseUrl}${path}`, {
      method,
      headers: { 'X-Api-Key': bobKey, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const received = async () => (await ui.server.app.printer.virtualRecord()).received ?? [];
  const prompt = async () => (await (await api('GET', '/api/plugin/action_command_prompt')).json()) as { text?: string };

  it('shows the printer prompt, answers it with a click, and the printer gets M876', { timeout: 90_000 }, async () => {
    const { page } = ui;
    assert.equal((await api('POST', '/api/connection', { command: 'connect', port: 'VIRTUAL' })).status, 204);
    await until(async () => (await received()).includes('M876 P1'), 'the host to signal prompt support');

    assert.equal((await api('POST', '/api/printer/command', { command: 'M600' })).status, 204);
    const dialog = page.getByRole('dialog', { name: 'Message from the printer' });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByText('Filament runout: load new filament').waitFor();
    await ui.browser.screenshot('ui-printer-prompt');
    await dialog.getByRole('button', { name: 'Purge more' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await until(async () => (await received()).includes('M876 S1'), 'M876 S1 at the printer');
    assert.deepEqual(await prompt(), {});
  });

  it('closes the dialog when someone else answers through the API', { timeout: 90_000 }, async () => {
    const { page } = ui;
    assert.equal((await api('POST', '/api/printer/command', { command: 'M600' })).status, 204);
    const dialog = page.getByRole('dialog', { name: 'Message from the printer' });
    await dialog.waitFor({ timeout: 30_000 });
    assert.equal((await api('POST', '/api/plugin/action_command_prompt', { command: 'select', choice: 0 })).status, 204);
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await until(async () => (await received()).includes('M876 S0'), 'M876 S0 at the printer');
  });

  it('lists a printer notification in the header and clears it', { timeout: 60_000 }, async () => {
    const { page } = ui;
    assert.equal((await api('POST', '/api/printer/command', { command: 'M118 A1 action:notification Filament is low' })).status, 204);
    const toggle = page.getByRole('button', { name: /Printer notifications/ });
    await toggle.locator('.notification-count', { hasText: '1' }).waitFor({ timeout: 30_000 });
    await toggle.click();
    const panel = page.getByRole('region', { name: 'Printer notifications' });
    await panel.getByText('Filament is low').waitFor();
    await ui.browser.screenshot('ui-printer-notifications');
    await panel.getByRole('button', { name: 'Clear' }).click();
    await panel.getByText('No notifications from the printer.').waitFor({ timeout: 30_000 });
    const list = (await (await api('GET', '/api/plugin/action_command_notification')).json()) as { notifications: unknown[] };
    assert.deepEqual(list.notifications, []);
    assert.deepEqual(ui.browser.pageErrors, []);
  });
});
