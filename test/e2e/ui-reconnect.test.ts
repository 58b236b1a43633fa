// Browser test: when the server restarts, the page notices, reconnects its push socket by itself and shows live
// state again without a reload (the remembered login carries over).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';
import { launchBrowser } from '../support/browser.js';
import { openScreen } from '../support/ui-session.js';
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
    await openScreen(page, 'Files');
    await page.getByText('This folder is empty.').waitFor();

    await ui.server.app.stop();
    await page.locator('.push-status', { hasText: 'Reconnecting…' }).waitFor();
    // While away, the screen is paused: a banner says why, and no button in it can be used.
    await page.getByRole('alert').filter({ hasText: 'The connection to the server is lost' }).waitFor();
    assert.notEqual(await page.locator('main#main').getAttribute('inert'), null, 'the screen is inert');
    await assert.rejects(page.getByRole('button', { name: 'Refresh' }).click({ timeout: 1500 }), 'Refresh cannot be clicked while away');
    // A file that arrives while the page cannot hear about it (copied into the uploads folder).
    writeFileSync(join(ui.server.basedir, 'uploads', 'arrived-offline.gcode'), 'G28\nG1 X10\n');
    await ui.browser.screenshot('ui-reconnecting');
    await ui.server.restart();
    await live.waitFor({ timeout: 30_000 });
    // Back: the banner is gone and the screen loaded afresh, with the new file, without a reload or a click.
    await page.locator('tr[data-file="arrived-offline.gcode"]').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('main#main').getAttribute('inert'), null);
    assert.equal(await page.getByRole('alert').filter({ hasText: 'The connection to the server is lost' }).count(), 0);

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

  it('shows the login page with a short explanation when the session did not survive the restart', async () => {
    const other = await launchBrowser({ allowedOrigin: ui.server.baseUrl });
    try {
      const { page } = other;
      await page.goto(`${ui.server.baseUrl}/`);
      await page.getByLabel('Username').fill(ADMIN.name);
      await page.getByLabel('Password').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.locator('.push-status', { hasText: 'Live' }).waitFor();
      await ui.server.app.stop();
      await page.locator('.push-status', { hasText: 'Reconnecting…' }).waitFor();
      await ui.server.restart();
      await page.getByRole('button', { name: 'Log in' }).waitFor({ timeout: 30_000 });
      await page.getByText('The server restarted (or the connection was lost) and your session ended. Please log in again.').waitFor();
      await other.screenshot('ui-reconnect-session-gone');
      assert.deepEqual(other.pageErrors, []);
    } finally {
      await other.close();
    }
  });

  it('leaves "Cannot reach the server" by itself as soon as the server answers', async () => {
    const other = await launchBrowser({ allowedOrigin: ui.server.baseUrl });
    try {
      const { page } = other;
      // The first requests fail as if the network were down; then the server answers again.
      const down = (route: { abort(): Promise<void> }) => route.abort();
      await page.route('**/api/setup/admin', down);
      await page.goto(`${ui.server.baseUrl}/`);
      await page.getByRole('heading', { name: 'Cannot reach the server' }).waitFor();
      await page.getByText(/Trying again in \d+ s/).waitFor();
      await page.unroute('**/api/setup/admin', down);
      // No click on "Try again": the page gets there alone.
      await page.getByLabel('Username').waitFor({ timeout: 20_000 });
      assert.equal(await page.getByRole('heading', { name: 'Cannot reach the server' }).count(), 0);
    } finally {
      await other.close();
    }
  });
});
