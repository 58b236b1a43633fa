// Browser test: the dashboard's power switch (follows changes made elsewhere through the push message) and the
// Settings card that lists and edits event subscriptions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';
import { openScreen } from '../support/ui-session.js';
import { until } from '../support/until.js';

const CONFIG = `
plugins:
  psucontrol:
    enabled: true
    switchingMethod: SYSTEM
    onSysCommand: 'true'
    offSysCommand: 'true'
events:
  subscriptions:
    - name: beep
      event: PrintDone
      type: gcode
      command: M300 S440 P200
`;

describe('UI: power switch and event subscriptions', () => {
  const ui = withBrowserPage({ server: { withAdmin: true, config: CONFIG }, logIn: true });

  it('switches the power from the dashboard and follows a switch made elsewhere', async () => {
    const { page, server } = ui;
    const power = page.getByRole('switch', { name: 'Printer power' });
    await power.waitFor();
    assert.equal(await power.getAttribute('aria-checked'), 'false');
    await power.click();
    await page.locator('[role="switch"][aria-checked="true"]').waitFor();
    assert.equal(server.app.power.isOn, true);
    await server.app.power.turnOff();
    await page.locator('[role="switch"][aria-checked="false"]').waitFor();
    await until(() => !server.app.power.isOn, 'the power to be off');
  });

  it('lists the subscriptions and adds one', async () => {
    const { page, server } = ui;
    await openScreen(page, 'Settings');
    const card = page.locator('.panel', { has: page.getByRole('heading', { name: 'Event subscriptions' }) });
    const first = card.getByRole('group', { name: 'Subscription 1' });
    assert.equal(await first.getByLabel('Name').inputValue(), 'beep');
    assert.equal(await first.getByLabel('G-code').inputValue(), 'M300 S440 P200');
    await card.getByRole('button', { name: 'Add subscription' }).click();
    const second = card.getByRole('group', { name: 'Subscription 2' });
    await second.getByLabel('Name').fill('notify');
    await second.getByLabel('Events').fill('PrintDone, PrintFailed');
    await second.getByLabel('Commands (one per line)').fill('notify-send "Print over" {name}');
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.deepEqual(server.app.config.config.events.subscriptions[1], {
      name: 'notify',
      event: ['PrintDone', 'PrintFailed'],
      type: 'system',
      command: 'notify-send "Print over" {name}',
      enabled: true,
      debug: false,
    });
  });
});
