// Browser test: the "Allow Cross Origin Resource Sharing (CORS)" setting switches the API's CORS headers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureWebBuilt, launchBrowser } from '../support/browser.js';
import type { TestBrowser } from '../support/browser.js';
import { logIn, openScreen } from '../support/ui-session.js';
import { ADMIN, startUiServer } from '../support/ui-server.js';
import type { UiServer } from '../support/ui-server.js';

const FOREIGN = 'http://dashboard.example';

describe('UI: CORS setting', () => {
  let server: UiServer;
  let browser: TestBrowser;
  before(async () => {
    ensureWebBuilt();
    server = await startUiServer({ withAdmin: true });
    browser = await launchBrowser({ allowedOrigin: server.baseUrl });
    await logIn(browser.page, server.baseUrl, ADMIN.name, ADMIN.password);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const corsHeaders = async (): Promise<{ simple: string | null; preflight: string | null }> => {
    const simple = await fetch(`${server.baseUrl}/api/version`, { headers: { Origin: FOREIGN } });
    const preflight = await fetch(`${server.baseUrl}/api/files/local`, {
      method: 'OPTIONS',
      headers: { Origin: FOREIGN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'X-Api-Key' },
    });
    return { simple: simple.headers.get('access-control-allow-origin'), preflight: preflight.headers.get('access-control-allow-origin') };
  };

  it('turns the CORS headers on and off from the settings screen', async () => {
    const { page } = browser;
    assert.deepEqual(await corsHeaders(), { simple: null, preflight: null }, 'off by default');

    await openScreen(page, 'Settings');
    const box = page.getByLabel('Allow Cross Origin Resource Sharing (CORS)');
    assert.equal(await box.isChecked(), false);
    await box.check();
    const apiPanel = page.locator('.panel', { has: page.getByRole('heading', { name: 'API' }) });
    await apiPanel.getByRole('button', { name: 'Save' }).click();
    await apiPanel.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await browser.screenshot('ui-cors');
    assert.deepEqual(await corsHeaders(), { simple: FOREIGN, preflight: FOREIGN });
    assert.match(readFileSync(join(server.basedir, 'config.yaml'), 'utf8'), /allowCrossOrigin: true/);

    await page.reload();
    await openScreen(page, 'Settings');
    assert.equal(await box.isChecked(), true, 'the saved value is shown after a reload');
    await box.uncheck();
    await apiPanel.getByRole('button', { name: 'Save' }).click();
    await apiPanel.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.deepEqual(await corsHeaders(), { simple: null, preflight: null });
    assert.deepEqual(browser.externalRequests, []);
    assert.deepEqual(browser.pageErrors, []);
  });
});
