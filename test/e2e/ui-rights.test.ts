// Browser test: people understand their rights. A screen a user may not open says so and why; greyed buttons name
// the missing permission; accounts and groups call groups the same; permissions of features Argonaut lacks are not
// offered (the API keeps them); the log-in name matches in any case.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';
import { logIn, openScreen } from '../support/ui-session.js';
import { ADMIN } from '../support/ui-server.js';

const VIEWER = { name: 'Viewer', password: 'viewer password 123' };

describe('UI: what a user may do, and why not', () => {
  const ui = withBrowserPage({
    server: { withAdmin: true },
    prepare: (server) => server.app.access.accounts.addUser({ name: VIEWER.name, password: VIEWER.password, active: true, groups: ['readonly'] }),
  });

  it('logs in with the name typed in another case', async () => {
    await logIn(ui.page, ui.server.baseUrl, 'vIEWER', VIEWER.password);
    assert.equal(await ui.page.locator('.header-user a').textContent(), 'Viewer');
  });

  it('says why a screen cannot be opened instead of showing another one', async () => {
    const { page } = ui;
    await page.goto(`${ui.server.baseUrl}/#/settings`);
    const notice = page.getByRole('region', { name: 'You may not open Settings' });
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /needs the Settings Admin permission, which your groups \(Read-only Access\) do not give/);
    assert.equal(await page.locator('.main-nav a[aria-current="page"]').count(), 0, 'no other screen pretends to be open');
    await ui.browser.screenshot('ui-no-access');
    await notice.getByRole('link', { name: 'Go to Dashboard' }).click();
    await page.getByRole('heading', { name: 'Print job' }).waitFor();
  });

  it('names the missing permission on greyed buttons', async () => {
    const { page } = ui;
    const connect = page.getByRole('button', { name: 'Connect' });
    assert.equal(await connect.isDisabled(), true);
    assert.equal(await connect.getAttribute('title'), 'Needs the "Connection" permission');
    const print = page.getByRole('button', { name: 'Print', exact: true });
    assert.equal(await print.isDisabled(), true);
    assert.equal(await print.getAttribute('title'), 'Needs the "Print" permission');
    const off = page.getByRole('button', { name: 'All off' });
    assert.equal(await off.getAttribute('title'), 'Needs the "Control" permission');
  });

  it('shows the groups by the names the access screens use', async () => {
    const { page } = ui;
    await openScreen(page, 'My account');
    assert.equal(await page.locator('.account-groups').textContent(), ' (groups: Read-only Access)');
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(page, ui.server.baseUrl, ADMIN.name, ADMIN.password);
    await openScreen(page, 'Access control');
    const row = page.locator('tr[data-user="Viewer"]');
    assert.equal(await row.locator('td').nth(1).textContent(), 'Read-only Access');
    assert.equal(await page.locator('tr[data-user="admin"] td').nth(1).textContent(), 'Admins, Operator');
    await openScreen(page, 'My account');
    assert.equal(await page.locator('.account-groups').textContent(), ' (groups: Admins, Operator)');
  });

  it('leaves permissions of features Argonaut does not have out of the lists, but not out of the API', async () => {
    const { page } = ui;
    await openScreen(page, 'Access control');
    await page.getByRole('button', { name: 'Edit group Operator' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit group Operator' });
    await dialog.getByLabel('File Upload', { exact: true }).waitFor();
    assert.equal(await dialog.getByLabel('Slice', { exact: true }).count(), 0);
    assert.equal(await dialog.getByLabel('GCODE viewer', { exact: true }).count(), 0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.doesNotMatch((await page.locator('tr', { hasText: 'Operator' }).first().textContent()) ?? '', /Slice/);
    const listed = (await (await fetch(`${ui.server.baseUrl}/api/access/permissions`)).json()) as { permissions: Array<{ key: string }> };
    assert.ok(listed.permissions.some((p) => p.key === 'SLICE'), 'the API lists SLICE as OctoPrint does');
    assert.deepEqual(ui.browser.externalRequests, []);
    assert.deepEqual(ui.browser.pageErrors, []);
  });
});
