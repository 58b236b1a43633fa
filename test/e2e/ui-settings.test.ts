// Browser test: settings — serial options saved to config.yaml, config.yaml edited behind the page, and printer profiles added, edited and deleted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ConfigStore } from '../../src/config/index.js';
import { withBrowserPage } from '../support/browser-page.js';
import { openScreen } from '../support/ui-session.js';

interface Profile {
  id: string;
  name: string;
  model: string;
  volume: { width: number; depth: number; height: number };
  heatedBed: boolean;
}

describe('UI: settings', () => {
  const ui = withBrowserPage({ server: { withAdmin: true }, logIn: true });
  before(() => openScreen(ui.page, 'Settings'));

  const profiles = async (): Promise<Record<string, Profile>> =>
    ((await ui.page.evaluate('fetch("api/printerprofiles").then((r) => r.json())')) as { profiles: Record<string, Profile> }).profiles;

  it('names the printer; the header and the tab title follow live', async () => {
    const { page } = ui;
    const general = page.locator('.panel', { has: page.getByRole('heading', { name: 'General' }) });
    await general.getByLabel('Printer name').fill('Workshop Prusa');
    await general.getByRole('button', { name: 'Save' }).click();
    await general.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.locator('.printer-name', { hasText: 'Workshop Prusa' }).waitFor();
    // The tab title is set just after the header is drawn.
    await page.waitForFunction("document.title === 'Workshop Prusa · Argonaut'");
    assert.match(readFileSync(join(ui.server.basedir, 'config.yaml'), 'utf8'), /name: Workshop Prusa/);
  });

  it('saves serial options; saving another section meanwhile keeps the unsaved edits', async () => {
    const { page } = ui;
    const serial = page.locator('.panel', { has: page.getByRole('heading', { name: 'Serial connection' }) });
    await serial.getByLabel('Default port').fill('VIRTUAL');
    const general = page.locator('.panel', { has: page.getByRole('heading', { name: 'General' }) });
    await general.getByLabel('Printer name').fill('Workshop Prusa MK4');
    const reloaded = page.waitForResponse((response) => response.url().endsWith('/api/settings') && response.request().method() === 'GET');
    await general.getByRole('button', { name: 'Save' }).click();
    await reloaded;
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50))))');
    assert.equal(await serial.getByLabel('Default port').inputValue(), 'VIRTUAL');
    await serial.getByLabel('Connect when the server starts').check();
    await serial.getByRole('button', { name: 'Save' }).click();
    await serial.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const config = readFileSync(join(ui.server.basedir, 'config.yaml'), 'utf8');
    assert.match(config, /port: VIRTUAL/);
    assert.match(config, /autoconnect: true/);
  });

  it('follows config.yaml changed behind it: a save writes back only what was edited, and a restart notice shows', async () => {
    const { page } = ui;
    const serial = page.locator('.panel', { has: page.getByRole('heading', { name: 'Serial connection' }) });
    await serial.getByLabel('Default port').fill('AUTO');
    // Meanwhile, `argonaut config set` (its own store on the same file) turns the serial log on and moves the port.
    const file = join(ui.server.basedir, 'config.yaml');
    ConfigStore.open(file).updateSync([
      { path: 'serial.log', value: true },
      { path: 'server.port', value: 5999 },
    ]);
    await page.getByRole('status').filter({ hasText: 'Restart Argonaut to apply this changed setting: server.port.' }).waitFor();
    // The serial form keeps the unsaved edit (and so the old log checkbox); saving it must not turn the log off.
    assert.equal(await serial.getByLabel('Log the serial traffic').isChecked(), false);
    await serial.getByRole('button', { name: 'Save' }).click();
    await serial.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const config = readFileSync(file, 'utf8');
    assert.match(config, /port: AUTO/);
    assert.match(config, /log: true/);
    // Saved, the form follows the server again.
    const deadline = Date.now() + 5000;
    while (!(await serial.getByLabel('Log the serial traffic').isChecked())) {
      assert.ok(Date.now() < deadline, 'the log checkbox follows the server after the save');
      await page.waitForTimeout(50);
    }
  });

  it('adds, edits and deletes a printer profile', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Add profile' }).click();
    const add = page.getByRole('dialog', { name: 'Add a printer profile' });
    await add.getByLabel('Name').fill('Big Box');
    await add.getByLabel('Identifier').fill('big_box');
    await add.getByLabel('Model').fill('BB-300');
    await add.getByLabel('Width (mm)').fill('300');
    await add.getByLabel('Depth (mm)').fill('310');
    await add.getByLabel('Height (mm)').fill('400');
    await add.getByRole('button', { name: 'Save profile' }).click();
    const row = page.locator('tr', { hasText: 'Big Box' });
    await row.getByText('300 × 310 × 400 mm').waitFor();
    const added = (await profiles()).big_box;
    assert.deepEqual([added?.volume.width, added?.volume.depth, added?.volume.height], [300, 310, 400]);

    await row.getByRole('button', { name: 'Edit Big Box' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Big Box' });
    await edit.getByLabel('Heated bed').uncheck();
    await edit.getByLabel('Height (mm)').fill('420');
    await edit.getByRole('button', { name: 'Save profile' }).click();
    await row.getByText('300 × 310 × 420 mm').waitFor();
    const edited = (await profiles()).big_box;
    assert.equal(edited?.heatedBed, false);
    assert.equal(edited?.model, 'BB-300');
    await ui.browser.screenshot('ui-settings');

    await row.getByRole('button', { name: 'Delete Big Box' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    assert.equal((await profiles()).big_box, undefined);
    assert.deepEqual(ui.browser.externalRequests, []);
    assert.deepEqual(ui.browser.pageErrors, []);
  });
});
