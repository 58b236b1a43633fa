// Browser test of the small things that add up: the temperature chart (clock time before the first sample, values
// under the cursor, lines that coincide), the tab row on a phone, a refused upload that names the accepted types,
// a settings save that writes only what changed, and the app-key list after Allow.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { withBrowserPage } from '../support/browser-page.js';
import { launchBrowser } from '../support/browser.js';
import { logIn, openScreen } from '../support/ui-session.js';
import { ADMIN } from '../support/ui-server.js';
import { until } from '../support/until.js';

/** Pixels of the chart's canvas near each heater's colour (red hotend, blue bed). */
const CHART_COLOURS = `(() => {
  const canvas = document.querySelector('.chart canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let red = 0, blue = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
    if (a < 100) continue;
    if (r > 170 && g < 130 && b < 130) red += 1;
    if (b > 170 && r < 130 && g < 170) blue += 1;
  }
  return { red, blue };
})()`;

describe('UI: small things', () => {
  const ui = withBrowserPage({ server: { withAdmin: true }, logIn: true });

  it('shows clock time on the chart before the first sample', async () => {
    const chart = ui.page.locator('.chart');
    await until(async () => (await chart.getAttribute('data-time-to')) !== null, 'the chart to draw its scale');
    const now = Date.now() / 1000;
    const to = Number(await chart.getAttribute('data-time-to'));
    const from = Number(await chart.getAttribute('data-time-from'));
    assert.ok(Math.abs(to - now) < 120, `the axis ends now, not in 1970: ${new Date(to * 1000).toISOString()}`);
    assert.equal(to - from, 300, 'five minutes');
  });

  it('shows the values under the cursor, and keeps two heaters at the same temperature both visible', async () => {
    const { page } = ui;
    await page.getByLabel('Serial port').selectOption('VIRTUAL');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('status', { name: 'Printer: Operational' }).waitFor({ timeout: 20_000 });
    const chart = page.locator('.chart');
    // A few samples, hotend and bed both at room temperature: their lines lie on each other.
    await until(async () => Number(await chart.getAttribute('data-time-to')) - Number(await chart.getAttribute('data-time-from')) >= 300 && (await page.locator('[data-heater-actual="bed"]').count()) > 0, 'samples');
    await page.waitForTimeout(3000);
    const colours = await page.evaluate<{ red: number; blue: number }>(CHART_COLOURS);
    // Drawn last, the bed's line would hide the hotend's; the hotend's wider line shows along both its edges.
    assert.ok(colours.red >= 5 && colours.blue >= 5, `both lines show: ${JSON.stringify(colours)}`);

    const box = await page.locator('.chart .u-over').boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width - 3, box.y + box.height / 2);
    const legend = page.locator('.chart .u-legend');
    await until(async () => /\d+\.\d °C/.test((await legend.textContent()) ?? ''), 'a value in the legend under the cursor', 10_000);
    const time = (await legend.locator('.u-series').first().locator('.u-value').textContent()) ?? '';
    assert.match(time, /\d\d:\d\d:\d\d/, `the time under the cursor: ${time}`);
    await ui.browser.screenshot('ui-chart-cursor');
  });

  it('names the accepted types when a file of the wrong type is chosen', async () => {
    const { page } = ui;
    await openScreen(page, 'Files');
    await page.getByLabel('Files to upload').setInputFiles({ name: 'model.stl', mimeType: 'model/stl', buffer: Buffer.from('solid x\nendsolid x\n') });
    const item = page.locator('.upload-item', { hasText: 'model.stl' });
    await item.getByRole('alert').filter({ hasText: 'model.stl is not a G-code file. Upload G-code, with one of the endings .gcode, .gco, .g or .gc~' }).waitFor();
    assert.equal(await page.locator('tr[data-file="model.stl"]').count(), 0);
  });

  it('writes only the changed setting to config.yaml when one settings card is saved', async () => {
    const { page } = ui;
    const file = join(ui.server.basedir, 'config.yaml');
    const before = parse(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
    await openScreen(page, 'Settings');
    const general = page.locator('.panel', { has: page.getByRole('heading', { name: 'General' }) });
    await general.getByLabel('Printer name').fill('Shed printer');
    await general.getByRole('button', { name: 'Save' }).click();
    await general.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const after = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const { appearance, ...rest } = after;
    assert.deepEqual(appearance, { name: 'Shed printer' }, 'only the name, not the other appearance defaults');
    const { appearance: _old, ...restBefore } = before ?? {};
    assert.deepEqual(rest, restBefore, 'nothing else was written');
  });

  it('lists a new app key under My account as soon as it is allowed', async () => {
    const { page } = ui;
    await openScreen(page, 'My account');
    const panel = page.locator('.panel', { has: page.getByRole('heading', { name: 'Application keys' }) });
    await panel.getByText('No app has a key.').waitFor();
    const response = await fetch(`${ui.server.baseUrl}/plugin/appkeys/request`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ app: 'Phone App', user: ADMIN.name }) });
    assert.equal(response.status, 201);
    const { app_token: token } = (await response.json()) as { app_token: string };
    const dialog = page.getByRole('dialog', { name: 'An app asks for access' });
    await dialog.getByRole('button', { name: 'Allow' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The app's next poll fetches its key; the list shows it without a reload.
    const poll = await fetch(`${ui.server.baseUrl}/plugin/appkeys/request/${token}`);
    assert.equal(poll.status, 200);
    await panel.locator('tr[data-app="Phone App"]').waitFor({ timeout: 10_000 });
  });

  it('lets every tab be reached on a 390 px wide phone', async () => {
    const phone = await launchBrowser({ allowedOrigin: ui.server.baseUrl, viewport: { width: 390, height: 844 } });
    try {
      await logIn(phone.page, ui.server.baseUrl, ADMIN.name, ADMIN.password);
      const links = phone.page.getByRole('navigation', { name: 'Screens' }).getByRole('link');
      const count = await links.count();
      assert.ok(count >= 6);
      for (let i = 0; i < count; i += 1) {
        const link = links.nth(i);
        const box = await link.boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `tab ${await link.textContent()} is on screen: ${JSON.stringify(box)}`);
      }
      await phone.screenshot('ui-tabs-phone');
      await links.nth(count - 1).click();
      await phone.page.locator('.main-nav a[aria-current="page"]').filter({ hasText: (await links.nth(count - 1).textContent()) ?? '' }).waitFor();
    } finally {
      await phone.close();
    }
  });
});
