// Browser test: the end of a print is clear. A finished print reads "100 %" in both themes; a cancelled or failed one
// says where it stopped (also on a page opened after the end) and clears time left; the file being printed cannot be deleted, and says why; the estimate
// on the dashboard and in Files is the same, with its source named; filament in metres everywhere.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { withBrowserPage } from '../support/browser-page.js';
import { openScreen } from '../support/ui-session.js';
import { ADMIN } from '../support/ui-server.js';
import type { UiServer } from '../support/ui-server.js';
import { until } from '../support/until.js';

/** Square moves of 10 mm at 10 mm/s: about a second each (a quarter at timeScale 4). */
function moves(count: number): string {
  const lines = ['G21', 'G90', 'M82', 'G92 E0'];
  for (let i = 0; i < count; i += 1) lines.push(`G1 X${i % 2 === 0 ? 20 : 10} Y${10 + (i % 3)} E${((i + 1) * 0.5).toFixed(1)} F600`);
  return `${lines.join('\n')}\n`;
}

async function api(server: UiServer, path: string, body?: unknown): Promise<Response> {
  const key = await server.app.access.accounts.generateApiKey(ADMIN.name);
  return fetch(`${server.baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'X-Api-Key': key, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function upload(server: UiServer, name: string, text: string): Promise<void> {
  const key = await server.app.access.accounts.generateApiKey(ADMIN.name);
  const form = new FormData();
  form.append('file', new Blob([text]), name);
  const response = await fetch(`${server.baseUrl}/api/files/local`, { method: 'POST', headers: { 'X-Api-Key': key }, body: form });
  assert.equal(response.status, 201);
}

/** WCAG contrast of two `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string): number => {
    const [r, g, bl] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
      const c = Number(part) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((high ?? 0) + 0.05) / ((low ?? 0) + 0.05);
}

async function barColours(page: Page): Promise<{ text: string; fill: string }> {
  return page.evaluate<{ text: string; fill: string }>(`(() => {
    const bar = document.querySelector('[role="progressbar"][aria-label="Print progress"]');
    const text = bar?.querySelector('.progress-text.on-fill');
    const fill = bar?.querySelector('.progress-fill');
    return { text: text ? getComputedStyle(text).color : '', fill: fill ? getComputedStyle(fill).backgroundColor : '' };
  })()`);
}

describe('UI: the end of a print', () => {
  const ui = withBrowserPage({
    server: { withAdmin: true, config: 'plugins:\n  virtual_printer:\n    timeScale: 4\n' },
    async prepare(server) {
      await upload(server, 'short.gcode', moves(8));
      await upload(server, 'a-rather-long-file-name-that-goes-on-and-on-and-does-not-fit-the-column-at-all.gcode', moves(600));
      const connect = await api(server, '/api/connection', { command: 'connect', port: 'VIRTUAL' });
      assert.equal(connect.status, 204);
    },
    logIn: true,
  });
  const long = 'a-rather-long-file-name-that-goes-on-and-on-and-does-not-fit-the-column-at-all.gcode';
  const job = () => ui.page.locator('.panel', { has: ui.page.getByRole('heading', { name: 'Print job' }) });
  const bar = () => ui.page.getByRole('progressbar', { name: 'Print progress' });
  const completion = async (): Promise<number> => Number((await bar().getAttribute('aria-valuenow')) ?? 0);

  it('shows a finished print at "100 %", readable in the light and the dark theme', async () => {
    const { page } = ui;
    await page.getByRole('status', { name: 'Printer: Operational' }).waitFor({ timeout: 20_000 });
    assert.equal((await api(ui.server, '/api/files/local/short.gcode', { command: 'select', print: true })).status, 204);
    await job().getByRole('status').filter({ hasText: 'Finished' }).waitFor({ timeout: 60_000 });
    assert.equal((await bar().locator('.progress-text').first().textContent())?.trim(), '100 %');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const { text, fill } = await barColours(page);
      assert.ok(contrast(text, fill) >= 4.5, `"100 %" in the ${colorScheme} theme: ${text} on ${fill} is ${contrast(text, fill).toFixed(2)}:1`);
      await ui.browser.screenshot(`ui-print-finished-${colorScheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('names the same estimate and its source on the dashboard and in Files, and filament in metres', async () => {
    const { page } = ui;
    await openScreen(page, 'Files');
    const row = page.locator(`tr[data-file="${long}"]`);
    await until(async () => /\d+ min/.test((await row.locator('td').nth(2).textContent()) ?? ''), 'the analysis of the long file', 30_000);
    const inFiles = (await row.locator('td').nth(2).textContent())?.trim() ?? '';
    assert.equal(await row.locator('td').nth(2).getAttribute('title'), 'From the file analysis');
    const filamentInFiles = (await row.locator('td').nth(3).textContent())?.trim() ?? '';
    assert.match(filamentInFiles, /^\d+\.\d\d m$/);
    // A long name is cut with an ellipsis, and shown whole on hover.
    const name = row.getByRole('button', { name: long, exact: true });
    assert.equal(await name.getAttribute('title'), long);
    const cut = await name.evaluate((element) => ({ overflow: element.ownerDocument.defaultView?.getComputedStyle(element).textOverflow, cut: element.scrollWidth > element.clientWidth }));
    assert.deepEqual(cut, { overflow: 'ellipsis', cut: true });

    await row.getByRole('button', { name: `Select ${long}` }).click();
    await openScreen(page, 'Dashboard');
    await job().getByText(long).waitFor({ timeout: 20_000 });
    const estimate = job().locator('dt', { hasText: 'Estimated time' }).locator('xpath=following-sibling::dd[1]');
    await estimate.filter({ hasText: '(file analysis)' }).waitFor({ timeout: 20_000 });
    assert.equal((await estimate.textContent())?.trim(), `${inFiles} (file analysis)`);
    const filament = job().locator('dt', { hasText: 'Filament' }).locator('xpath=following-sibling::dd[1]');
    assert.equal((await filament.textContent())?.trim(), filamentInFiles);
  });

  it('disables Delete for the file being printed and shows why, then says "Cancelled at N %" and clears time left', async () => {
    const { page } = ui;
    await job().getByRole('button', { name: 'Print', exact: true }).click();
    await page.getByRole('status', { name: 'Printer: Printing' }).waitFor({ timeout: 20_000 });
    await until(async () => (await completion()) >= 2, 'the print to reach 2 %', 60_000);
    assert.match((await job().locator('[data-time-left]').textContent()) ?? '', /\d+ (min|s)/, 'time left while printing');

    await openScreen(page, 'Files');
    const row = page.locator(`tr[data-file="${long}"]`);
    const remove = row.getByRole('button', { name: `Delete ${long}` });
    assert.equal(await remove.isDisabled(), true);
    assert.match((await remove.getAttribute('title')) ?? '', /Being printed/);
    await row.getByText(/Being printed: it can be deleted or moved once the print has ended/).waitFor();
    assert.equal(await page.locator('tr[data-file="short.gcode"]').getByRole('button', { name: 'Delete short.gcode' }).isDisabled(), false);
    await ui.browser.screenshot('ui-files-busy');

    await openScreen(page, 'Dashboard');
    await job().getByRole('button', { name: 'Cancel print' }).click();
    await page.getByRole('dialog', { name: 'Cancel the print?' }).getByRole('button', { name: 'Cancel print' }).click();
    const outcome = job().getByRole('status').filter({ hasText: /^Cancelled at \d+ %/ });
    await outcome.waitFor({ timeout: 30_000 });
    const shown = Number(/at (\d+) %/.exec((await outcome.textContent()) ?? '')?.[1]);
    assert.ok(shown >= 2 && shown < 100, `cancelled at ${shown} %`);
    assert.match((await bar().locator('.progress-text').first().textContent()) ?? '', /^Cancelled at \d+ %$/);
    assert.equal((await job().locator('[data-time-left]').textContent())?.trim(), '–', 'time left is cleared');
    await ui.browser.screenshot('ui-print-cancelled-at');

    // A page opened after the end still says how the last print ended: it asks the print history.
    await page.reload();
    const after = job().getByRole('status').filter({ hasText: /^Cancelled at \d+ % · a-rather-long/ });
    await after.waitFor({ timeout: 30_000 });
    const recorded = Number(/at (\d+) %/.exec((await after.textContent()) ?? '')?.[1]);
    assert.ok(recorded >= shown && recorded < 100, `cancelled at ${recorded} % after the reload (${shown} % before)`);
    assert.equal((await bar().locator('.progress-text').first().textContent())?.trim(), `Cancelled at ${recorded} %`);
    assert.equal((await job().locator('[data-time-left]').textContent())?.trim(), '–');
  });

  it('says "Failed at N %" when the printer goes away during a print', async () => {
    const { page } = ui;
    await page.getByRole('status', { name: 'Printer: Operational' }).waitFor({ timeout: 20_000 });
    await job().getByRole('button', { name: 'Print', exact: true }).click();
    await page.getByRole('status', { name: 'Printer: Printing' }).waitFor({ timeout: 20_000 });
    assert.equal(await job().getByRole('status').filter({ hasText: 'Cancelled' }).count(), 0, 'a new print clears the old outcome');
    await until(async () => (await completion()) >= 1, 'the print to reach 1 %', 60_000);
    assert.equal((await api(ui.server, '/api/connection', { command: 'disconnect' })).status, 204);
    await job().getByRole('status').filter({ hasText: /^Failed at \d+ %/ }).waitFor({ timeout: 30_000 });
    assert.equal((await job().locator('[data-time-left]').textContent())?.trim(), '–', 'time left is cleared');
    assert.deepEqual(ui.browser.externalRequests, []);
    assert.deepEqual(ui.browser.pageErrors, []);
  });
});
