// Browser test: logging in through the page with the CSRF double submit, remember me, logout, and the rate limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';
import { ADMIN } from '../support/ui-server.js';

describe('UI: login', () => {
  const ui = withBrowserPage({ server: { withAdmin: true } });
  const port = (): string => new URL(ui.server.baseUrl).port;

  const cookie = async (name: string): Promise<string | undefined> =>
    (await ui.browser.context.cookies(ui.server.baseUrl)).find((c) => c.name === `${name}_P${port()}`)?.value;

  it('logs in with the CSRF token from the page cookie, and remembers the login', async () => {
    const { page } = ui;
    await page.goto(`${ui.server.baseUrl}/`);
    await page.getByRole('heading', { name: /Log in/ }).waitFor();
    const pageToken = await cookie('csrf_token');
    assert.ok(pageToken, 'the page set csrf_token_P<port>');

    await page.getByLabel('Username').fill(ADMIN.name);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password' }).waitFor();

    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByLabel('Remember me on this device').check();
    const [loginRequest] = await Promise.all([
      page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith('/api/login') && (request.postData() ?? '').includes('"remember":true')),
      page.getByRole('button', { name: 'Log in' }).click(),
    ]);
    assert.equal(loginRequest.headers()['x-csrf-token'], pageToken, 'the login carries the cookie value in X-CSRF-Token');
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    await page.getByRole('heading', { name: 'Print job' }).waitFor();
    assert.ok(await cookie('session'), 'session cookie');
    assert.ok(await cookie('remember_token'), 'remember-me cookie');
    await ui.browser.screenshot('ui-login');

    // The server enforces the double submit: the same write without the header is refused, with it accepted.
    // (A string, because tsx's name helpers are not defined inside the page.)
    const token = JSON.stringify((await cookie('csrf_token')) ?? '');
    const statuses = await page.evaluate(`(async () => {
      const post = (headers) => fetch('api/login', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{"passive":true}' }).then((r) => r.status);
      return { without: await post({}), with: await post({ 'X-CSRF-Token': ${token} }) };
    })()`);
    assert.deepEqual(statuses, { without: 400, with: 200 });

    // The remembered login survives losing the session cookie.
    await ui.browser.context.clearCookies({ name: `session_P${port()}` });
    await page.reload();
    await page.getByRole('heading', { name: 'Print job' }).waitFor();
    assert.deepEqual(ui.browser.externalRequests, []);
    assert.deepEqual(ui.browser.pageErrors, []);
  });

  it('logs out, then shows the rate-limit message after repeated wrong passwords', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByText('You are logged out.').waitFor();
    assert.equal(await cookie('remember_token'), undefined, 'logout drops the remember-me cookie');
    await page.getByLabel('Username').fill(ADMIN.name);
    await page.getByLabel('Password').fill('wrong again');
    const limited = page.getByRole('alert').filter({ hasText: /too many/i });
    for (let attempt = 0; attempt < 8 && (await limited.count()) === 0; attempt += 1) {
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('alert').waitFor();
      await page.getByRole('button', { name: 'Log in' }).and(page.locator(':enabled')).waitFor();
    }
    await limited.waitFor();
    await ui.browser.screenshot('ui-login-rate-limited');
  });
});
