// Browser test: access control for administrators — add, edit, deactivate and delete a user; add and delete a group.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';
import { launchBrowser } from '../support/browser.js';
import { logIn, openScreen } from '../support/ui-session.js';

interface User {
  name: string;
  active: boolean;
  groups: string[];
}

describe('UI: access control', () => {
  const ui = withBrowserPage({ server: { withAdmin: true }, logIn: true });

  const user = async (name: string): Promise<User | undefined> =>
    ((await ui.page.evaluate('fetch("api/access/users").then((r) => r.json())')) as { users: User[] }).users.find((u) => u.name === name);

  it('adds a user with groups, edits the groups, deactivates and deletes the user', async () => {
    const { page } = ui;
    await openScreen(page, 'Access control');
    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a user' });
    await dialog.getByLabel('Username').fill('bob');
    await dialog.getByLabel('Password', { exact: true }).fill('bobs long password');
    await dialog.getByLabel('Repeat the password').fill('bobs long passwrd');
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'not the same' }).waitFor();
    await dialog.getByLabel('Repeat the password').fill('bobs long password');
    assert.equal(await dialog.getByLabel('Operator').isChecked(), true, 'the default group is preselected');
    await dialog.getByRole('button', { name: 'Add user' }).click();
    const row = page.locator('tr[data-user="bob"]');
    await row.waitFor();
    const added = await user('bob');
    assert.equal(added?.active, true);
    assert.deepEqual(added?.groups, ['users']);

    await row.getByRole('button', { name: 'Edit bob' }).click();
    await page.getByRole('dialog', { name: 'Edit bob' }).getByLabel('Read-only Access').check();
    await page.getByRole('dialog', { name: 'Edit bob' }).getByRole('button', { name: 'Save' }).click();
    await row.getByText('Operator, Read-only Access').waitFor();
    assert.deepEqual((await user('bob'))?.groups.sort(), ['readonly', 'users']);

    await row.getByRole('button', { name: 'Deactivate bob' }).click();
    await row.getByText('deactivated').waitFor();
    assert.equal((await user('bob'))?.active, false);
    await ui.browser.screenshot('ui-access');

    await row.getByRole('button', { name: 'Delete bob' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete user' }).click();
    await row.waitFor({ state: 'detached' });
    assert.equal(await user('bob'), undefined);
    assert.equal(await page.getByRole('button', { name: 'Delete admin' }).isDisabled(), true, 'nobody deletes themself');
  });

  it('adds a group with chosen permissions and deletes it', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Add group' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a group' });
    await dialog.getByLabel('Key', { exact: true }).fill('watchers');
    await dialog.getByLabel('Name', { exact: true }).fill('Watchers');
    await dialog.getByLabel('Status', { exact: true }).check();
    await dialog.getByLabel('File List', { exact: true }).check();
    await dialog.getByRole('button', { name: 'Add group' }).click();
    const row = page.locator('tr', { hasText: '(watchers)' });
    await row.getByText('Status, File List').waitFor();
    const groups = (await page.evaluate('fetch("api/access/groups/watchers").then((r) => r.json())')) as { permissions: string[] };
    assert.deepEqual(groups.permissions.sort(), ['FILES_LIST', 'STATUS']);
    await row.getByRole('button', { name: 'Delete group Watchers' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete group' }).click();
    await row.waitFor({ state: 'detached' });
    assert.deepEqual(ui.browser.externalRequests, []);
    assert.deepEqual(ui.browser.pageErrors, []);
  });

  it('shows an operator only their screens, and lets them change their own password', async () => {
    await ui.server.app.access.accounts.addUser({ name: 'carol', password: 'carols first password', active: true, groups: ['users'] });
    const operator = await launchBrowser({ allowedOrigin: ui.server.baseUrl });
    try {
      const { page } = operator;
      await logIn(page, ui.server.baseUrl, 'carol', 'carols first password');
      const links = await page.getByRole('navigation', { name: 'Screens' }).getByRole('link').allTextContents();
      assert.deepEqual(links, ['Dashboard', 'Control', 'Files', 'History', 'Terminal', 'Webcam', 'Timelapse', 'My account'], 'no Settings or Access control without the permissions');

      await openScreen(page, 'My account');
      const form = page.locator('.panel', { has: page.getByRole('heading', { name: 'Change password' }) });
      await form.getByLabel('Current password').fill('not my password');
      await form.getByLabel('New password', { exact: true }).fill('carols second password');
      await form.getByLabel('Repeat the new password').fill('carols second password');
      await form.getByRole('button', { name: 'Change password' }).click();
      await form.getByRole('alert').filter({ hasText: 'current password is not right' }).waitFor();
      await form.getByLabel('Current password').fill('carols first password');
      await form.getByLabel('New password', { exact: true }).fill('carols second password');
      await form.getByLabel('Repeat the new password').fill('carols second password');
      await form.getByRole('button', { name: 'Change password' }).click();
      await form.getByRole('status').filter({ hasText: 'Your password is changed.' }).waitFor();
      await operator.screenshot('ui-account-operator');

      await page.getByRole('button', { name: 'Log out' }).click();
      await logIn(page, ui.server.baseUrl, 'carol', 'carols second password');
      assert.deepEqual(operator.pageErrors, []);
    } finally {
      await operator.close();
    }
  });
});
