// Browser test: first-run setup creates the administrator with the setup code the server printed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureWebBuilt, launchBrowser } from '../support/browser.js';
import type { TestBrowser } from '../support/browser.js';
import { startUiServer } from '../support/ui-server.js';
import type { UiServer } from '../support/ui-server.js';

describe('UI: first-run setup', () => {
  let server: UiServer;
  let browser: TestBrowser;
  before(async () => {
    ensureWebBuilt();
    server = await startUiServer();
    browser = await launchBrowser({ allowedOrigin: server.baseUrl });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks for the setup code, refuses a wrong one, then creates the admin and logs them in', async () => {
    const code = server.setupCode();
    assert.ok(code, 'the server printed a setup code');
    const { page } = browser;
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Welcome to Argonaut' }).waitFor();

    await page.getByLabel('Setup code').fill('AAAA-BBBB-CCCC');
    await page.getByLabel('Administrator username').fill('margaret');
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByLabel('Repeat the password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('alert').filter({ hasText: 'setup code is not right' }).waitFor();
    await browser.screenshot('ui-first-run-wrong-code');

    await page.getByLabel('Setup code').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    await page.getByRole('link', { name: 'Access control' }).waitFor();
    assert.equal(await page.locator('.header-user a').textContent(), 'margaret');
    await browser.screenshot('ui-first-run');

    const status = (await (await fetch(`${server.baseUrl}/api/setup/admin`)).json()) as { required: boolean };
    assert.equal(status.required, false, 'setup is closed once the admin exists');
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Welcome to Argonaut' }).count(), 0);
    assert.deepEqual(browser.externalRequests, []);
    assert.deepEqual(browser.pageErrors, []);
  });
});
