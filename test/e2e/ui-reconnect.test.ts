// Browser test: when the server restarts, the page notices, reconnects its push socket by itself and shows live
// state again without a reload (the remembered login carries over).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';
import { launchBrowser } from '../support/browser.js';
import { ADMIN } from '../support/ui-server.js';

describe('UI: live updates survive a server restart', () => {
  const ui = withBrowserPage({ server: { withAdmin: true } });

  it('shows "Reconnecting…" while the server is away and live printer state after it is back', async () => {
    const { page } = ui;
    await page.goto(`${ui.server.baseUrl}/`);
    await page.getByLabel('Username').fill(ADMIN.name);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByLabel('Remember me on this device').check();
    await page.getByRole('button', { name: 'Log in' }).click();
    const live = page.locator('.push-status', { hasText: 'Live' });
    await live.waitFor();

    await ui.server.app.stop();
    await page.locator('.push-status', { hasText: 'Reconnecting…' }).waitFor();
    await ui.browser.screenshot('ui-reconnecting');
    await ui.server.restart();
    await live.waitFor({ timeout: 30_000 });

    // Live state flows again: a connection made through the API shows up in the header by itself.
    const key = await ui.server.app.access.accounts.generateApiKey(ADMIN.name);
    const response = await fetch(`${ui.server.baseUrl}/api/connection`, {
      method: 'POST',
      headers: { 'X-Api-Key': key, 'Content-Type': 'application/json' },
      body: JSON.stringify({ command: 'connect', port: 'VIRTUAL' }),
    });
    assert.equal(response.status, 204);
    await page.getByRole('status', { name: 'Printer: Operational' }).waitFor({ timeout: 20_000 });
    assert.equal(await page.getByRole('heading', { name: /Log in/ }).count(), 0, 'still logged in');
    assert.deepEqual(ui.browser.externalRequests, []);
    assert.deepEqual(ui.browser.pageErrors, []);
  });

  it('falls back to xhr-streaming where websockets are blocked (some proxies), with live updates', async () => {
    const blocked = await launchBrowser({ allowedOrigin: ui.server.baseUrl });
    try {
      await blocked.context.routeWebSocket(/\/sockjs\//, (socket) => socket.close());
      const streams: string[] = [];
      blocked.page.on('request', (request) => {
        if (/\/sockjs\/.+\/xhr_streaming/.test(request.url())) streams.push(request.url());
      });
      const { page } = blocked;
      await page.goto(`${ui.server.baseUrl}/`);
      await page.getByLabel('Username').fill(ADMIN.name);
      await page.getByLabel('Password').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('status', { name: 'Printer: Operational' }).waitFor({ timeout: 30_000 });
      assert.ok(streams.length > 0, 'the page used xhr-streaming');
      await page.locator('[data-heater-actual="tool0"]').waitFor();
    } finally {
      await blocked.close();
    }
  });
});
