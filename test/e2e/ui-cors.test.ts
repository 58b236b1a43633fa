// Browser test: the "Allow Cross Origin Resource Sharing (CORS)" setting switches the API's CORS headers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';
import { openScreen } from '../support/ui-session.js';

const FOREIGN = 'http://dashboard.example';

describe('UI: CORS setting', () => {
  const ui = withBrowserPage({ server: { withAdmin: true }, logIn: true });

  const corsHeaders = async (): Promise<{ simple: string | null; preflight: string | null }> => {
    const simple = await fetch(`${ui.server.baseUrl}/api/version`, { headers: { Origin: FOREIGN } });
    const preflight = await fetch(`${ui.server.baseUrl}/api/files/local`, {
      method: 'OPTIONS',
      headers: { Origin: FOREIGN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'X-Api-Key' },
    });
    return { simple: simple.headers.get('access-control-allow-origin'), preflight: preflight.headers.get('access-control-allow-origin') };
  };

  it('turns the CORS headers on and off from the settings screen', async () => {
    const { page } = ui;
    assert.deepEqual(await corsHeaders(), { simple: null, preflight: null }, 'off by default');

    await openScreen(page, 'Settings');
    const box = page.getByLabel('Allow Cross Origin Resource Sharing (CORS)');
    assert.equal(await box.isChecked(), false);
    await box.check();
    const apiPanel = page.locator('.panel', { has: page.getByRole('heading', { name: 'API' }) });
    await apiPanel.getByRole('button', { name: 'Save' }).click();
    await apiPanel.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await ui.browser.screenshot('ui-cors');
    assert.deepEqual(await corsHeaders(), { simple: FOREIGN, preflight: FOREIGN });
    assert.match(readFileSync(join(ui.server.basedir, 'config.yaml'), 'utf8'), /allowCrossOrigin: true/);

    await page.reload();
    await openScreen(page, 'Settings');
    assert.equal(await box.isChecked(), true, 'the saved value is shown after a reload');
    await box.uncheck();
    await apiPanel.getByRole('button', { name: 'Save' }).click();
    await apiPanel.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.deepEqual(await corsHeaders(), { simple: null, preflight: null });
    assert.deepEqual(ui.browser.externalRequests, []);
    assert.deepEqual(ui.browser.pageErrors, []);
  });
});
