// The auth dialog, driven as its page does: GET the page (CSRF cookie, no inline script), log in, decide.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BrowserClient } from '../../../../test/support/auth-client.js';
import { useAppKeysApp } from '../../../../test/support/appkeys-app.js';

const MINUTE = 60_000;

/** The value of an attribute in the page (as the script reads it from the DOM). */
function attribute(html: string, name: string): string {
  const match = new RegExp(`${name}="([^"]*)"`).exec(html);
  assert.ok(match, `the page has ${name}`);
  return (match[1] as string).replace(/&amp;/g, '&');
}

describe('app keys auth dialog', () => {
  const harness = useAppKeysApp({ start: Date.UTC(2025, 4, 1, 9), subnet: '192.0.2' });
  const { nextIp } = harness;

  const startRequest = async (body: Record<string, unknown>) => {
    const response = await harness.app.http.inject({
      method: 'POST',
      url: '/plugin/appkeys/request',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.200' },
      payload: JSON.stringify(body),
    });
    assert.equal(response.statusCode, 201);
    const dialog = new URL(response.json().auth_dialog as string);
    return { appToken: response.json().app_token as string, dialogPath: dialog.pathname + dialog.search };
  };
  const poll = (appToken: string) => harness.app.http.inject({ method: 'GET', url: `/plugin/appkeys/request/${appToken}` });

  it('shows a guest the app and a login form; logging in as the page does turns it into the decision, which delivers a key', async () => {
    const { appToken, dialogPath } = await startRequest({ app: 'Cura <5.0>', user: 'alice' });
    const browser = new BrowserClient(harness.app.http, { 'x-forwarded-for': nextIp() });
    const page = await browser.request('GET', dialogPath);
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.ok(browser.cookie('csrf_token'), 'the page sets the CSRF cookie');
    assert.ok(page.body.includes('Cura &lt;5.0&gt;'), 'the app name, escaped');
    assert.ok(!page.body.includes('Cura <5.0>'));
    assert.ok(page.body.includes('192.0.2.200'), 'where the request came from');
    assert.ok(page.body.includes('id="login-form"'));
    assert.ok(!page.body.includes('id="decide-form"'));
    assert.doesNotMatch(page.body, /<script(?![^>]*\bsrc=)/, 'no inline script');
    const script = await browser.request('GET', attribute(page.body, '<script src'));
    assert.equal(script.statusCode, 200);
    assert.match(String(script.headers['content-type']), /javascript/);
    assert.ok(script.body.includes('X-CSRF-Token'));
    const suffix = attribute(page.body, 'data-cookie-suffix');
    assert.ok(browser.cookies.has(`csrf_token${suffix}`), 'the script reads the cookie by the name the server gave it');

    const login = await browser.request('POST', attribute(page.body, 'data-login-url'), { json: { user: 'alice', pass: 'alice-password' } });
    assert.equal(login.statusCode, 200);
    assert.equal((await poll(appToken)).statusCode, 202);
    const reloaded = await browser.request('GET', dialogPath);
    assert.ok(reloaded.body.includes('id="decide-form"'));
    assert.ok(reloaded.body.includes('value="PRINT" checked'), 'alice’s permissions to choose from');
    const decided = await browser.request('POST', attribute(reloaded.body, 'data-decide-url'), { json: { decision: true, permissions: ['STATUS', 'FILES_LIST'] } });
    assert.equal(decided.statusCode, 204, decided.body);
    const granted = await poll(appToken);
    assert.equal(granted.statusCode, 200);
    const me = await harness.app.http.inject({ method: 'GET', url: '/api/currentuser', headers: { 'x-api-key': granted.json().api_key } });
    assert.equal(me.json().name, 'alice');
    assert.deepEqual([...me.json().permissions].sort(), ['FILES_LIST', 'STATUS']);
    assert.equal((await poll(appToken)).statusCode, 404);
    const gone = await browser.request('GET', dialogPath);
    assert.equal(gone.statusCode, 404);
    assert.match(gone.body, /not waiting/);
  });

  it('denies from the dialog', async () => {
    const { appToken, dialogPath } = await startRequest({ app: 'Nope' });
    const browser = new BrowserClient(harness.app.http, { 'x-forwarded-for': nextIp() });
    await browser.login(harness.app, 'bob', 'bob-password');
    const page = await browser.request('GET', dialogPath);
    assert.ok(page.body.includes('id="decide-form"'), 'a request naming nobody: bob may decide');
    assert.equal((await browser.request('POST', attribute(page.body, 'data-decide-url'), { json: { decision: false } })).statusCode, 204);
    assert.equal((await poll(appToken)).statusCode, 404);
  });

  it('keeps other users, stale logins and missing CSRF tokens from deciding', async () => {
    const { appToken, dialogPath } = await startRequest({ app: 'Mine', user: 'alice' });
    const bob = new BrowserClient(harness.app.http, { 'x-forwarded-for': nextIp() });
    await bob.login(harness.app, 'bob', 'bob-password');
    const bobPage = await bob.request('GET', dialogPath);
    assert.ok(bobPage.body.includes('This request is for alice'));
    assert.ok(bobPage.body.includes('id="login-form"'));
    const decideUrl = attribute(bobPage.body, 'data-decide-url');
    assert.equal((await bob.request('POST', decideUrl, { json: { decision: true } })).statusCode, 404);
    const admin = new BrowserClient(harness.app.http, { 'x-forwarded-for': nextIp() });
    await admin.login(harness.app, 'admin', 'admin-password');
    assert.equal((await admin.request('POST', decideUrl, { json: { decision: true } })).statusCode, 404, 'not even an admin');

    const alice = new BrowserClient(harness.app.http, { 'x-forwarded-for': nextIp() });
    await alice.login(harness.app, 'alice', 'alice-password');
    assert.equal((await alice.request('POST', decideUrl, { json: { decision: true }, csrf: false })).statusCode, 400);
    assert.equal((await poll(appToken)).statusCode, 202);
    harness.clock += 4_000;
    assert.equal((await poll(appToken)).statusCode, 202);
    // Keep the app polling while alice's password grows old.
    for (let i = 0; i < 80; i += 1) {
      harness.clock += 4_000;
      assert.equal((await poll(appToken)).statusCode, 202);
    }
    assert.ok(harness.clock > Date.UTC(2025, 4, 1, 9) + 5 * MINUTE);
    const stalePage = await alice.request('GET', dialogPath);
    assert.ok(stalePage.body.includes('enter your password again'));
    assert.ok(stalePage.body.includes('readonly'), 'the name is fixed to the user the app named');
    assert.equal((await alice.request('POST', decideUrl, { json: { decision: true } })).statusCode, 403);
    await alice.request('POST', '/api/login', { json: { user: 'alice', pass: 'alice-password' } });
    assert.equal((await alice.request('POST', decideUrl, { json: { decision: true } })).statusCode, 204);
    assert.equal((await poll(appToken)).statusCode, 200);
  });

  it('answers 404 for an unknown token', async () => {
    const page = await harness.app.http.inject({ method: 'GET', url: '/plugin/appkeys/auth/NOSUCHTOKEN' });
    assert.equal(page.statusCode, 404);
    assert.match(String(page.headers['content-type']), /^text\/html/);
  });
});
