// Browser test: generate a personal API key (shown once, copied), use it, then revoke it after re-entering the
// password because the login is no longer fresh.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';
import { openScreen } from '../support/ui-session.js';
import { ADMIN } from '../support/ui-server.js';

describe('UI: personal API key', () => {
  let offset = 0;
  let key = '';
  const ui = withBrowserPage({ server: { withAdmin: true, now: () => Date.now() + offset }, logIn: true });
  before(() => ui.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ui.server.baseUrl }));

  const whoIs = async (key: string): Promise<string | null> => {
    const response = await fetch(`${ui.server.baseUrl}/api/currentuser`, { headers: { 'X-Api-Key': key } });
    return ((await response.json()) as { name: string | null }).name;
  };

  it('generates a key, shows it once with a copy button, and lists only its prefix afterwards', async () => {
    const { page } = ui;
    await openScreen(page, 'My account');
    await page.getByText('You have no API key.').waitFor();
    await page.getByRole('button', { name: 'Generate a key' }).click();
    const shown = page.getByTestId('new-api-key');
    await shown.waitFor();
    key = ((await shown.textContent()) ?? '').trim();
    assert.ok(key.length >= 20, `a whole key is shown: ${key}`);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), key);
    await ui.browser.screenshot('ui-api-key');
    assert.equal(await whoIs(key), ADMIN.name, 'the key works as its user');

    await page.reload();
    await page.getByText('You have an API key starting with').waitFor();
    assert.equal(await page.getByTestId('new-api-key').count(), 0, 'the whole key is never shown again');
    const prefix = ((await page.locator('.panel', { hasText: 'API key' }).locator('code').first().textContent()) ?? '').replace('…', '');
    assert.ok(prefix.length >= 4 && key.startsWith(prefix), `prefix ${prefix} of ${key}`);
    await openScreen(page, 'Access control');
    assert.equal(((await page.locator('tr[data-user="admin"] code').textContent()) ?? '').replace('…', ''), prefix);
  });

  it('asks for the password again when the login is stale, then revokes the key', async () => {
    const { page } = ui;
    await openScreen(page, 'My account');
    const prefix = ((await page.locator('.panel', { hasText: 'API key' }).locator('code').first().textContent()) ?? '').replace('…', '');
    // Six minutes later the password entry is no longer fresh (accessControl.defaultReauthenticationTimeout = 5).
    offset += 6 * 60_000;
    await page.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    const reauth = page.getByRole('dialog', { name: "Confirm it's you" });
    await reauth.waitFor();
    await reauth.getByLabel('Password').fill('wrong password');
    await reauth.getByRole('button', { name: 'Confirm' }).click();
    await reauth.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
    await ui.browser.screenshot('ui-api-key-reauthenticate');
    await reauth.getByLabel('Password').fill(ADMIN.password);
    await reauth.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('You have no API key.').waitFor();
    await ui.browser.screenshot('ui-api-key-revoked');
    const users = (await page.evaluate('fetch("api/access/users").then((r) => r.json())')) as { users: Array<{ name: string; apikeyPrefix: string | null }> };
    assert.equal(users.users.find((u) => u.name === ADMIN.name)?.apikeyPrefix, null);
    assert.equal(await whoIs(key), null, 'the revoked key is anonymous at once');
    assert.ok(prefix.length >= 4);
    assert.deepEqual(ui.browser.externalRequests, []);
    assert.deepEqual(ui.browser.pageErrors, []);
  });
});
