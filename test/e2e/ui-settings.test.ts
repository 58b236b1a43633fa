// Browser test: settings — serial options saved to config.yaml, and printer profiles added, edited and deleted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureWebBuilt, launchBrowser } from '../support/browser.js';
import type { TestBrowser } from '../support/browser.js';
import { logIn, openScreen } from '../support/ui-session.js';
import { ADMIN, startUiServer } from '../support/ui-server.js';
import type { UiServer } from '../support/ui-server.js';

interface Profile {
  id: string;
  name: string;
  model: string;
  volume: { width: number; depth: number; height: number };
  heatedBed: boolean;
}

describe('UI: settings', () => {
  let server: UiServer;
  let browser: TestBrowser;
  before(async () => {
    ensureWebBuilt();
    server = await startUiServer({ withAdmin: true });
    browser = await launchBrowser({ allowedOrigin: server.baseUrl });
    await logIn(browser.page, server.baseUrl, ADMIN.name, ADMIN.password);
    await openScreen(browser.page, 'Settings');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const profiles = async (): Promise<Record<string, Profile>> =>
    ((await browser.page.evaluate('fetch("api/printerprofiles").then((r) => r.json())')) as { profiles: Record<string, Profile> }).profiles;

  it('names the printer; the header and the tab title follow live', async () => {
    const { page } = browser;
    const general = page.locator('.panel', { has: page.getByRole('heading', { name: 'General' }) });
    await general.getByLabel('Printer name').fill('Workshop Prusa');
    await general.getByRole('button', { name: 'Save' }).click();
    await general.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.locator('.printer-name', { hasText: 'Workshop Prusa' }).waitFor();
    assert.match(await page.title(), /^Workshop Prusa · Argonaut$/);
    assert.match(readFileSync(join(server.basedir, 'config.yaml'), 'utf8'), /name: Workshop Prusa/);
  });

  it('saves serial options', async () => {
    const { page } = browser;
    const serial = page.locator('.panel', { has: page.getByRole('heading', { name: 'Serial connection' }) });
    await serial.getByLabel('Default port').fill('VIRTUAL');
    await serial.getByLabel('Connect when the server starts').check();
    await serial.getByRole('button', { name: 'Save' }).click();
    await serial.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const config = readFileSync(join(server.basedir, 'config.yaml'), 'utf8');
    assert.match(config, /port: VIRTUAL/);
    assert.match(config, /autoconnect: true/);
  });

  it('adds, edits and deletes a printer profile', async () => {
    const { page } = browser;
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
    await browser.screenshot('ui-settings');

    await row.getByRole('button', { name: 'Delete Big Box' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    assert.equal((await profiles()).big_box, undefined);
    assert.deepEqual(browser.externalRequests, []);
    assert.deepEqual(browser.pageErrors, []);
  });
});
