// Browser test: connect the virtual printer, heat it, print the torus fixture, watch temperatures and progress
// move live, then pause, resume and cancel from the dashboard.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';
import { openScreen } from '../support/ui-session.js';
import { ADMIN } from '../support/ui-server.js';

const TORUS = new URL('../fixtures/gcode/torus.gcode', import.meta.url).pathname;

/** Polls `value` until `accept` holds; fails with the last value after `timeoutMs`. */
async function waitForValue<T>(what: string, value: () => Promise<T>, accept: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await value();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value ${String(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await value();
  }
  return last;
}

/** A number out of a cell like "23.4 °C" or "12.5 %"; NaN when it shows none. */
function figure(text: string | null): number {
  return Number.parseFloat((text ?? '').replace(/[^\d.-]+/g, ' ').trim());
}

describe('UI: printing', () => {
  const ui = withBrowserPage({
    // A quicker hotend than the default 5 °C/s and simulated time at 4× keep the waits short.
    server: { withAdmin: true, config: 'plugins:\n  virtual_printer:\n    hotendHeatingRate: 40\n    timeScale: 4\n' },
    async prepare(server) {
      const key = await server.app.access.accounts.generateApiKey(ADMIN.name);
      const form = new FormData();
      form.append('file', new Blob([readFileSync(TORUS)]), 'torus.gcode');
      const upload = await fetch(`${server.baseUrl}/api/files/local`, { method: 'POST', headers: { 'X-Api-Key': key }, body: form });
      assert.equal(upload.status, 201);
    },
    logIn: true,
  });

  it('connects the virtual printer and shows its temperatures moving after a new target', async () => {
    const { page } = ui;
    await page.getByLabel('Serial port').selectOption('VIRTUAL');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('status', { name: 'Printer: Operational' }).waitFor({ timeout: 20_000 });
    const actual = page.locator('[data-heater-actual="tool0"]');
    await actual.waitFor();
    await page.getByLabel('New target for Hotend 1 in °C').fill('200');
    await page.locator('tr', { has: actual }).getByRole('button', { name: 'Set' }).click();
    await page.locator('[data-heater-target="tool0"]').filter({ hasText: '200.0 °C' }).waitFor();
    const start = figure(await actual.textContent());
    await waitForValue('the hotend to heat', async () => figure(await actual.textContent()), (now) => now > start + 5, 15_000);
    assert.ok((await page.locator('.chart canvas').count()) > 0, 'the chart is drawn');

    // A preset sets every heater at once.
    await page.getByLabel('Preset').selectOption('PLA');
    await page.getByRole('button', { name: 'Heat up' }).click();
    await page.locator('[data-heater-target="tool0"]').filter({ hasText: '180.0 °C' }).waitFor();
    await page.locator('[data-heater-target="bed"]').filter({ hasText: '60.0 °C' }).waitFor();
  });

  it('homes and jogs the print head (Control tab)', async () => {
    const { page } = ui;
    await openScreen(page, 'Control');
    const motion = page.locator('.panel', { has: page.getByRole('heading', { name: 'Move and home' }) });
    await motion.getByRole('button', { name: 'Home all axes' }).click();
    await motion.locator('[data-position="z"]').filter({ hasText: /^0$/ }).waitFor();
    await motion.getByRole('radio', { name: '10 mm', exact: true }).check();
    await motion.getByRole('button', { name: 'Move Z +10 mm' }).click();
    await motion.locator('[data-position="z"]').filter({ hasText: /^10$/ }).waitFor();
  });

  it('shows the live printer log in the terminal and sends a command from it', async () => {
    const { page } = ui;
    await openScreen(page, 'Terminal');
    const log = page.getByLabel('Printer log');
    await log.getByText(/FIRMWARE_NAME/).waitFor();
    await page.getByLabel('G-code command').fill('M117 Hello from the terminal');
    await page.getByRole('button', { name: 'Send' }).click();
    await log.getByText(/Send: (N\d+ )?M117 Hello from the terminal/).waitFor();
    assert.equal(await page.getByLabel('G-code command').inputValue(), '', 'the box is cleared after sending');
    // The temperature filter is on by default: no M105 polls or temperature lines in view.
    assert.doesNotMatch((await log.textContent()) ?? '', /Send: (N\d+ )?M105/);
    await ui.browser.screenshot('ui-terminal');
    await openScreen(page, 'Dashboard');
  });

  it('prints the torus and shows progress and time left advancing', async () => {
    const { page } = ui;
    await openScreen(page, 'Files');
    await page.getByRole('button', { name: 'Print torus.gcode' }).click();
    await openScreen(page, 'Dashboard');
    await page.getByRole('status', { name: 'Printer: Printing' }).waitFor();
    const job = page.locator('.panel', { has: page.getByRole('heading', { name: 'Print job' }) });
    await job.getByText('torus.gcode').waitFor();
    // M109 waits for the hotend, then the moves begin.
    const bar = page.getByRole('progressbar', { name: 'Print progress' });
    const progress = async (): Promise<number> => Number((await bar.getAttribute('aria-valuenow')) ?? 0);
    const first = await waitForValue('the print to start moving', progress, (value) => value > 0.5, 90_000);
    await waitForValue('progress to advance', progress, (value) => value > first + 0.3, 20_000);
    assert.match((await job.locator('dd').nth(4).textContent()) ?? '', /\d+ (min|s)/, 'time left is shown');
    await ui.browser.screenshot('ui-print');
  });

  it('pauses, resumes and cancels the print', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('status', { name: 'Printer: Paused' }).waitFor({ timeout: 20_000 });
    const bar = page.getByRole('progressbar', { name: 'Print progress' });
    const paused = await bar.getAttribute('aria-valuenow');
    await page.waitForTimeout(1500);
    assert.equal(await bar.getAttribute('aria-valuenow'), paused, 'no progress while paused');
    await ui.browser.screenshot('ui-print-paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('status', { name: 'Printer: Printing' }).waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: 'Cancel print' }).click();
    const confirm = page.getByRole('dialog', { name: 'Cancel the print?' });
    await confirm.getByRole('button', { name: 'Cancel print' }).click();
    await page.getByRole('status', { name: 'Printer: Operational' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Print', exact: true }).waitFor();
    await ui.browser.screenshot('ui-print-cancelled');
    const job = (await (await fetch(`${ui.server.baseUrl}/api/job`, { headers: { 'X-Api-Key': await ui.server.app.access.accounts.generateApiKey(ADMIN.name) } })).json()) as { state: string };
    assert.equal(job.state, 'Operational');
    assert.deepEqual(ui.browser.externalRequests, []);
    assert.deepEqual(ui.browser.pageErrors, []);
  });
});
