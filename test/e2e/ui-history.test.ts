// Browser test: print history (finished, cancelled and SD prints, filters, print again), notifications when prints end and
// when the printer reports an error, and the SD card panel (list, release, init, refresh, print, delete, upload).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import { withBrowserPage } from '../support/browser-page.js';
import { openScreen } from '../support/ui-session.js';
import { ADMIN } from '../support/ui-server.js';

const SHORT = 'G90\nG1 X10 F6000\nM117 short print\n';
/** Short slow moves (2 s each, simulated 4× faster): the print runs for minutes unless cancelled, and a cancel is quick. */
const LONG = ['G90', ...Array.from({ length: 400 }, (_, i) => `G1 X${i % 2 === 0 ? 20 : 0} F600`)].join('\n');

describe('UI: print history, notifications and the SD card', () => {
  let key = '';
  const ui = withBrowserPage({
    server: { withAdmin: true, config: 'plugins:\n  virtual_printer:\n    timeScale: 4\n' },
    async prepare(server) {
      key = await server.app.access.accounts.generateApiKey(ADMIN.name);
      for (const [name, content] of [
        ['short.gcode', SHORT],
        ['long.gcode', LONG],
      ]) {
        const form = new FormData();
        form.append('file', new Blob([content as string]), name as string);
        const upload = await fetch(`${server.baseUrl}/api/files/local`, { method: 'POST', headers: { 'X-Api-Key': key }, body: form });
        assert.equal(upload.status, 201);
      }
    },
    logIn: true,
  });

  const api = async (method: string, path: string, body?: unknown): Promise<number> => {
    const response = await fetch(`${ui.server.baseUrl}${path}`, {
      method,
      headers: { 'X-Api-Key': key, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.status;
  };
  const toast = (title: string): Locator => ui.page.getByRole('list', { name: 'Notifications' }).locator('.toast', { hasText: title });
  const closeToasts = async (): Promise<void> => {
    // Closing one re-renders the list: always close the first until none is left.
    const closes = ui.page.locator('.toast-close');
    while ((await closes.count()) > 0) await closes.first().click();
  };
  const rows = (): Locator => ui.page.locator('.history-table tbody tr');

  before(async () => {
    const { page } = ui;
    await page.getByLabel('Serial port').selectOption('VIRTUAL');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('status', { name: 'Printer: Operational' }).waitFor({ timeout: 60_000 });
  });

  it('tells of a finished print in a toast, lists it in the history, and prints it again in one click', async () => {
    const { page } = ui;
    assert.equal(await api('POST', '/api/files/local/short.gcode', { command: 'select', print: true }), 204);
    await toast('Print finished').filter({ hasText: 'short.gcode finished' }).waitFor({ timeout: 30_000 });
    await openScreen(page, 'History');
    await rows().first().waitFor();
    assert.equal(await rows().count(), 1);
    const row = rows().first();
    assert.match((await row.locator('td').first().textContent()) ?? '', /short\.gcode/);
    assert.equal(await row.locator('.result-badge').textContent(), 'Finished');
    assert.match((await row.locator('td').nth(2).textContent()) ?? '', /\d+ s/);
    await closeToasts();
    await page.getByRole('button', { name: 'Print short.gcode again' }).click();
    await toast('Print finished').waitFor({ timeout: 30_000 });
    await page.waitForFunction("document.querySelectorAll('.history-table tbody tr').length === 2", undefined, { timeout: 20_000 });
  });

  it('tells of a cancelled print, lists it as cancelled, and filters by result and name', async () => {
    const { page } = ui;
    await closeToasts();
    assert.equal(await api('POST', '/api/files/local/long.gcode', { command: 'select', print: true }), 204);
    await page.getByRole('status', { name: 'Printer: Printing' }).waitFor({ timeout: 20_000 });
    assert.equal(await api('POST', '/api/job', { command: 'cancel' }), 204);
    await toast('Print cancelled').filter({ hasText: 'long.gcode was cancelled' }).waitFor({ timeout: 30_000 });
    await page.locator('.history-table tbody tr[data-result="cancelled"]').waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.history-table tbody tr[data-result="cancelled"] .result-badge').textContent(), 'Cancelled');

    await page.getByLabel('Result').selectOption('cancelled');
    assert.equal(await rows().count(), 1);
    await page.getByLabel('Result').selectOption('failed');
    await page.getByText('No print matches the filter.').waitFor();
    await page.getByLabel('Result').selectOption('all');
    await page.getByLabel('File name').fill('short');
    assert.equal(await rows().count(), 2);
    await page.getByLabel('File name').fill('');
    assert.equal(await rows().count(), 3);
  });

  it('shows the SD card: release, initialize, refresh, print from it (into the history) and delete', async () => {
    const { page } = ui;
    await closeToasts();
    await openScreen(page, 'Files');
    const sd = page.locator('.panel', { has: page.getByRole('heading', { name: 'SD card', exact: true }) });
    await sd.getByText('Card ready: 2 files.').waitFor({ timeout: 20_000 });
    await sd.getByRole('cell', { name: 'hello.gcode', exact: true }).waitFor();
    await sd.getByRole('button', { name: 'Release SD' }).click();
    await sd.getByText('No card initialized.').waitFor({ timeout: 20_000 });
    await sd.getByRole('button', { name: 'Initialize SD' }).click();
    await sd.getByText('Card ready: 2 files.').waitFor({ timeout: 20_000 });
    await sd.getByRole('button', { name: 'Refresh SD' }).click();
    await sd.getByRole('cell', { name: 'calibration-cube.gcode', exact: true }).waitFor();

    await sd.getByRole('button', { name: 'Print hello.gcode from SD' }).click();
    await toast('Print finished').waitFor({ timeout: 30_000 });
    await openScreen(page, 'History');
    await page.locator('.history-table tbody tr', { hasText: '(SD)' }).first().waitFor({ timeout: 20_000 });

    await openScreen(page, 'Files');
    await sd.getByRole('button', { name: 'Delete calibration-cube.gcode from SD' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await sd.getByText('Card ready: 1 file.').waitFor({ timeout: 20_000 });
    assert.equal(await sd.getByRole('cell', { name: 'calibration-cube.gcode', exact: true }).count(), 0);

    // Upload to the card: the server stores the file, copies it onto the card (M28/M29), and the panel lists it.
    const upload = sd.getByRole('button', { name: 'Upload to SD' });
    assert.equal(await upload.isEnabled(), true);
    await sd.getByLabel('File to upload to the SD card').setInputFiles({ name: 'SD Part.gcode', mimeType: 'text/plain', buffer: Buffer.from(SHORT) });
    await sd.getByRole('cell', { name: 'sd_part.gco', exact: true }).waitFor({ timeout: 30_000 });
    await sd.getByText('Card ready: 2 files.').waitFor({ timeout: 20_000 });
    await page.locator('.file-table tbody tr', { hasText: 'SD Part.gcode' }).first().waitFor({ timeout: 20_000 });

    // While printing, the upload is greyed and says why.
    assert.equal(await api('POST', '/api/files/local/long.gcode', { command: 'select', print: true }), 204);
    await sd.locator('button[title="Not possible while the printer is printing"]', { hasText: 'Upload to SD' }).waitFor({ timeout: 20_000 });
    assert.equal(await upload.isDisabled(), true);
    assert.equal(await api('POST', '/api/job', { command: 'cancel' }), 204);
    await toast('Print cancelled').waitFor({ timeout: 30_000 });
    await sd.locator('button:not([disabled])', { hasText: 'Upload to SD' }).waitFor({ timeout: 20_000 });
  });

  it('tells of a printer error in a toast that stays until closed', async () => {
    const { page } = ui;
    await closeToasts();
    assert.equal(await api('POST', '/api/printer/command', { commands: ['M112'] }), 204);
    const error = toast('Printer error');
    await error.waitFor({ timeout: 20_000 });
    assert.equal(await error.getAttribute('role'), 'alert');
    await page.getByRole('button', { name: 'Close: Printer error' }).first().click();
    await error.first().waitFor({ state: 'detached' });
  });
});
