// Browser test: first-run setup creates the administrator with the setup code the server printed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';

describe('UI: first-run setup', () => {
  const ui = withBrowserPage();

  it('asks for the setup code, refuses a wrong one, then creates the admin and logs them in', async () => {
    const code = ui.server.setupCode();
    assert.ok(code, 'the server printed a setup code');
    const { page } = ui;
    await page.goto(`${ui.server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Welcome to Argonaut' }).waitFor();

    await page.getByLabel('Setup code').fill('AAAA-BBBB-CCCC');
    await page.getByLabel('Administrator username').fill('margaret');
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByLabel('Repeat the password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('alert').filter({ hasText: 'setup code is not right' }).waitFor();
    await ui.browser.screenshot('ui-first-run-wrong-code');

    await page.getByLabel('Setup code').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    await page.getByRole('link', { name: 'Access control' }).waitFor();
    assert.equal(await page.locator('.header-user a').textContent(), 'margaret');
    await ui.browser.screenshot('ui-first-run');

    const status = (await (await fetch(`${ui.server.baseUrl}/api/setup/admin`)).json()) as { required: boolean };
    assert.equal(status.required, false, 'setup is closed once the admin exists');
    assert.match(ui.server.output(), /First administrator \\"margaret\\" created on the first-run page \(from 127\.0\.0\.1\)/, 'the log names the route');
    await page.goto(`${ui.server.baseUrl}/`);
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Welcome to Argonaut' }).count(), 0);
    assert.deepEqual(ui.browser.externalRequests, []);
    assert.deepEqual(ui.browser.pageErrors, []);
  });
});
