// Browser test: files screen — folder, upload of a real G-code file with the progress bar, analysis figures,
// search, move and delete.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';
import { openScreen } from '../support/ui-session.js';

const TORUS = new URL('../fixtures/gcode/torus.gcode', import.meta.url).pathname;

describe('UI: files', () => {
  const ui = withBrowserPage({ server: { withAdmin: true }, logIn: true });

  it('creates a folder and uploads a file into it with a progress bar', async () => {
    const { page } = ui;
    await openScreen(page, 'Files');
    await page.getByRole('button', { name: 'New folder' }).click();
    await page.getByLabel('Folder name').fill('parts');
    await page.getByRole('button', { name: 'Create folder' }).click();
    await page.getByRole('button', { name: 'Open folder parts' }).click();
    await page.getByRole('navigation', { name: 'Folder' }).getByText('parts').waitFor();

    // A slow uplink (160 KiB/s) so the 320 KB upload takes about two seconds and its progress can be watched.
    const cdp = await ui.browser.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 160 * 1024 });
    // Every value the bar shows is recorded in the page as it changes, however slowly this test process runs.
    await page.evaluate(`(() => {
      window.uploadProgress = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"][aria-label="Uploading torus.gcode"]');
        const value = bar?.getAttribute('aria-valuenow');
        if (value !== null && value !== undefined && window.uploadProgress.at(-1) !== Number(value)) window.uploadProgress.push(Number(value));
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
    })()`);
    await page.locator('input[type="file"]').setInputFiles(TORUS);
    const bar = page.getByRole('progressbar', { name: 'Uploading torus.gcode' });
    await bar.waitFor();
    const deadline = Date.now() + 20_000;
    let captured = false;
    while (Date.now() < deadline && (await bar.count()) > 0) {
      const value = Number((await bar.getAttribute('aria-valuenow').catch(() => null)) ?? NaN);
      if (!captured && value >= 25 && value < 90) {
        captured = true;
        await ui.browser.screenshot('ui-upload-progress');
      }
      await page.waitForTimeout(50);
    }
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await page.getByRole('status').filter({ hasText: 'Uploaded' }).waitFor();
    const seen = (await page.evaluate('window.uploadProgress')) as number[];
    const partial = seen.filter((v) => v > 0 && v < 100);
    assert.ok(partial.length >= 2, `the bar moved through partial values: ${seen.map((v) => v.toFixed(0)).join(', ')}`);

    const listing = (await page.evaluate('fetch("api/files/local/parts/torus.gcode").then((r) => r.json())')) as { path: string; size: number };
    assert.equal(listing.path, 'parts/torus.gcode');
    assert.equal(listing.size, 320014);
  });

  it('shows the analysis figures of the uploaded file', async () => {
    const { page } = ui;
    const row = page.locator('tr[data-file="parts/torus.gcode"]');
    await row.waitFor();
    // The analysis runs after the upload; the list refreshes on its event (or by hand).
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (await row.locator('td').nth(2).textContent())?.trim() === '…') {
      await page.waitForTimeout(500);
      if ((await row.locator('td').nth(2).textContent())?.trim() === '…') await page.getByRole('button', { name: 'Refresh' }).click();
    }
    assert.match((await row.locator('td').nth(2).textContent()) ?? '', /\d+ min/);
    assert.equal((await row.locator('td').nth(3).textContent())?.trim(), '0.52 m');
    await row.getByRole('button', { name: 'torus.gcode', exact: true }).click();
    await page.locator('.file-details').getByText('38.0 × 38.0 × 5.8 mm').waitFor();
    await ui.browser.screenshot('ui-files');
  });

  it('uploads a file dropped onto the page', async () => {
    const { page } = ui;
    const transfer = await page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['G28\\nG1 X10 Y10 F3000\\n'], 'dropped.gcode', { type: 'text/plain' }));
      return transfer;
    })()`);
    await page.locator('.upload-zone').dispatchEvent('dragover', { dataTransfer: transfer });
    await page.locator('.upload-zone.dragging').waitFor();
    await page.locator('.upload-zone').dispatchEvent('drop', { dataTransfer: transfer });
    await page.locator('tr[data-file="parts/dropped.gcode"]').waitFor();
    const record = (await page.evaluate('fetch("api/files/local/parts/dropped.gcode").then((r) => r.json())')) as { size: number };
    assert.equal(record.size, 'G28\nG1 X10 Y10 F3000\n'.length);
  });

  it('finds the file by search, moves it, and deletes the folder', async () => {
    const { page } = ui;
    const row = page.locator('tr[data-file="parts/torus.gcode"]');
    await row.waitFor();
    const download = await row.getByRole('link', { name: 'Download torus.gcode' }).getAttribute('href');
    assert.match(download ?? '', /\/downloads\/files\/local\/parts\/torus\.gcode$/);

    await page.getByRole('navigation', { name: 'Folder' }).getByRole('button', { name: 'Files' }).click();
    await page.getByLabel('Search all folders').fill('TOR');
    await page.getByText('1 found').waitFor();
    await page.locator('tr[data-file="parts/torus.gcode"]').getByRole('button', { name: 'Move torus.gcode' }).click();
    await page.getByLabel('Or pick a folder').selectOption('/');
    await page.getByRole('dialog').getByRole('button', { name: 'Move' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByLabel('Search all folders').fill('');
    await page.locator('tr[data-file="torus.gcode"]').waitFor();

    await page.getByRole('button', { name: 'Delete parts' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Open folder parts' }).waitFor({ state: 'detached' });
    const top = (await page.evaluate('fetch("api/files/local").then((r) => r.json())')) as { files: Array<{ path: string }> };
    assert.deepEqual(top.files.map((f) => f.path), ['torus.gcode']);
    assert.deepEqual(ui.browser.externalRequests, []);
    assert.deepEqual(ui.browser.pageErrors, []);
  });
});
