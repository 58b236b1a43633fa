// Browser test: logging in through the page with the CSRF double submit, remember me, logout, and the rate limit.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureWebBuilt, launchBrowser } from '../support/browser.js';
import type { TestBrowser } from '../support/browser.js';
import { ADMIN, startUiServer } from '../support/ui-server.js';
import type { UiServer } from '../support/ui-server.js';

describe('UI: login', () => {
  let server: UiServer;
  let browser: TestBrowser;
  let port: string;
  before(async () => {
    ensureWebBuilt();
    server = await startUiServer({ withAdmin: true });
    port = new URL(server.baseUrl).port;
    browser = await launchBrowser({ allowedOrigin: server.baseUrl });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const cookie = async (name: string): Promise<string | undefined> =>
    (await browser.context.cookies(server.baseUrl)).find((c) => c.name === `${name}_P${port}`)?.value;

  it('logs in with the CSRF token from the page cookie, and remembers the login', async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/`);
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
    await browser.screenshot('ui-login');

    // The server enforces the double submit: the same write without the header is refused, with it accepted.
    // (A string, because tsx's name helpers are not defined inside the page.)
    const token = JSON.stringify((await cookie('csrf_token')) ?? '');
    const statuses = await page.evaluate(`(async () => {
      const post = (headers) => fetch('api/login', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{"passive":true}' }).then((r) => r.status);
      return { without: await post({}), with: await post({ 'X-CSRF-Token': ${token} }) };
    })()`);
    assert.deepEqual(statuses, { without: 400, with: 200 });

    // The remembered login survives losing the session cookie.
    await browser.context.clearCookies({ name: `session_P${port}` });
    await page.reload();
    await page.getByRole('heading', { name: 'Print job' }).waitFor();
    assert.deepEqual(browser.externalRequests, []);
    assert.deepEqual(browser.pageErrors, []);
  });

  it('logs out, then shows the rate-limit message after repeated wrong passwords', async () => {
    const { page } = browser;
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
    await browser.screenshot('ui-login-rate-limited');
  });
});
