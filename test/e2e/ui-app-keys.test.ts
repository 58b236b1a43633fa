// Browser test: an app asks for a key; the logged-in user sees the prompt, approves it with a narrower scope and a
// lifetime, and the app's poll receives the key, which works only within that scope. Then deny and revoke.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';
import { openScreen } from '../support/ui-session.js';
import { ADMIN } from '../support/ui-server.js';

interface PollOutcome {
  status: number;
  body: { api_key?: string; message?: string };
  polls: number;
}

/** The app's side: asks for a key, then polls every 500 ms (requests expire 5 s after the last poll) until decided. */
async function requestKey(baseUrl: string, app: string): Promise<{ outcome: Promise<PollOutcome> }> {
  const response = await fetch(`${baseUrl}/plugin/appkeys/request`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ app }) });
  assert.equal(response.status, 201);
  const { app_token: token } = (await response.json()) as { app_token: string };
  const outcome = (async () => {
    const deadline = Date.now() + 60_000;
    for (let polls = 1; Date.now() < deadline; polls += 1) {
      // A failed fetch (the server closing after a failed test) ends the loop instead of escaping the test.
      const poll = await fetch(`${baseUrl}/plugin/appkeys/request/${token}`).catch(() => null);
      if (!poll) return { status: 0, body: {}, polls };
      const body = (await poll.json().catch(() => ({}))) as PollOutcome['body'];
      if (poll.status !== 202) return { status: poll.status, body, polls };
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error('no decision within a minute');
  })();
  return { outcome };
}

describe('UI: app key prompt', () => {
  let appKey = '';
  const ui = withBrowserPage({ server: { withAdmin: true }, logIn: true });

  const status = async (path: string, key: string): Promise<number> => (await fetch(`${ui.server.baseUrl}${path}`, { headers: { 'X-Api-Key': key } })).status;

  it('approves a request with a narrower scope and a lifetime; the app receives a key limited to that scope', async () => {
    const { page } = ui;
    const { outcome } = await requestKey(ui.server.baseUrl, 'Test Slicer');
    const dialog = page.getByRole('dialog', { name: 'An app asks for access' });
    await dialog.waitFor();
    assert.equal(await dialog.locator('.app-name').textContent(), 'Test Slicer');
    await dialog.getByLabel('Allow only some of what I may do').check();
    await dialog.getByRole('button', { name: 'Choose none' }).click();
    await dialog.getByLabel('Status', { exact: true }).check();
    await dialog.getByLabel('File List', { exact: true }).check();
    await dialog.getByLabel('File Upload', { exact: true }).check();
    await dialog.getByLabel('The key works').selectOption({ label: 'for 30 days' });
    await ui.browser.screenshot('ui-app-key-prompt');
    await dialog.getByRole('button', { name: 'Allow' }).click();
    await dialog.waitFor({ state: 'detached' });

    const result = await outcome;
    assert.equal(result.status, 200);
    assert.ok(result.body.api_key, 'the poll delivers the key');
    appKey = result.body.api_key;
    assert.ok(result.polls >= 2, 'the app saw "Awaiting decision" first');
    assert.equal(await status('/api/files/local', appKey), 200, 'inside the scope');
    assert.equal(await status('/api/settings', appKey), 403, 'outside the scope');
    const user = (await (await fetch(`${ui.server.baseUrl}/api/currentuser`, { headers: { 'X-Api-Key': appKey } })).json()) as { name: string };
    assert.equal(user.name, ADMIN.name);
  });

  it('lists the key under My account with its scope, and revokes it', async () => {
    const { page } = ui;
    await openScreen(page, 'My account');
    const row = page.locator('tr[data-app="Test Slicer"]');
    await row.waitFor();
    assert.match((await row.locator('td').nth(2).textContent()) ?? '', /^Status, File List, File Upload$/);
    assert.doesNotMatch((await row.locator('td').nth(5).textContent()) ?? '', /never/, 'it expires');
    assert.ok(appKey.startsWith(((await row.locator('code').textContent()) ?? '').replace('…', '')), 'the prefix of the key is shown');
    await ui.browser.screenshot('ui-app-keys');
    await row.getByRole('button', { name: 'Revoke the key of Test Slicer' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await row.waitFor({ state: 'detached' });
    assert.equal(await status('/api/files/local', appKey), 403, 'the revoked key is anonymous at once');
  });

  it('denies a request; the app gets 404', async () => {
    const { page } = ui;
    const { outcome } = await requestKey(ui.server.baseUrl, 'Unknown App');
    const dialog = page.getByRole('dialog', { name: 'An app asks for access' });
    await dialog.locator('.app-name', { hasText: 'Unknown App' }).waitFor();
    await dialog.getByRole('button', { name: 'Deny' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await outcome).status, 404);
    assert.deepEqual(ui.browser.externalRequests, []);
    assert.deepEqual(ui.browser.pageErrors, []);
  });
});
