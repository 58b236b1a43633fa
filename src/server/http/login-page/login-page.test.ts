// The server-rendered login page over the real app: the form and its CSRF token, logging in without JavaScript, redirects.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BrowserClient, addUser } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { localRedirect } from './local-redirect.js';
import { withLoginForm } from './login-page-html.js';

/** The value of a form field in the page (the form's own markup: one attribute order). */
function field(html: string, name: string): string | undefined {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
}

describe('login page (/login, /login/)', () => {
  let t: TestApp;
  let ip = 0;
  // Each client its own address (via the trusted local proxy), so login failures never add up between tests.
  const client = () => new BrowserClient(t.app.http, { 'x-forwarded-for': `203.0.113.${++ip}` });

  before(async () => {
    t = await createTestApp({ config: 'server:\n  firstRun: false\nplugins:\n  discovery:\n    enabled: false\n' });
    await addUser(t.app, 'alice', 'alice-password');
  });
  after(() => t.close());

  it('answers with and without the slash: a form with the CSRF token of the cookie it sets', async () => {
    for (const url of ['/login', '/login/']) {
      const browser = client();
      const page = await browser.request('GET', url);
      assert.equal(page.statusCode, 200, url);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(page.body, /<form[^>]* method="post" action="\/login\/"/);
      const token = browser.cookie('csrf_token');
      assert.ok(token, 'csrf_token_P<port> is set');
      assert.equal(field(page.body, 'csrf_token'), token, 'the form carries the cookie value');
      assert.match(page.body, /name="user"/);
      assert.match(page.body, /name="pass" type="password"/);
      assert.match(page.body, /href="\/">Open the Argonaut app</);
    }
  });

  it('logs in without JavaScript and goes back to the local page asked for', async () => {
    const browser = client();
    const page = await browser.request('GET', '/login/?redirect=%2F%3Ftab%3Dfiles&permissions=STATUS');
    assert.equal(field(page.body, 'redirect'), '/?tab=files');
    const form = { user: 'alice', pass: 'alice-password', csrf_token: field(page.body, 'csrf_token') ?? '', redirect: '/?tab=files' };
    const answer = await browser.request('POST', '/login/', { form, csrf: false });
    assert.equal(answer.statusCode, 302);
    assert.equal(answer.headers.location, '/?tab=files');
    assert.ok(browser.cookie('session'), 'a session cookie');
    const me = await browser.request('GET', '/api/currentuser');
    assert.equal(me.json().name, 'alice');
  });

  it('never sends the browser to another site after logging in (open redirects)', async () => {
    for (const redirect of ['https://evil.example/', '//evil.example/', '/\\evil.example', '/files/../../evil', 'javascript:alert(1)', '/api/logout']) {
      const browser = client();
      const page = await browser.request('GET', `/login?redirect=${encodeURIComponent(redirect)}`);
      assert.equal(field(page.body, 'redirect'), undefined, redirect);
      const form = { user: 'alice', pass: 'alice-password', csrf_token: field(page.body, 'csrf_token') ?? '', redirect };
      const answer = await browser.request('POST', '/login', { form, csrf: false });
      assert.equal(answer.statusCode, 302, redirect);
      assert.equal(answer.headers.location, '/', redirect);
    }
  });

  it('refuses a form without the CSRF token of its cookie (400), and wrong passwords (403), showing the form again', async () => {
    const browser = client();
    await browser.request('GET', '/login/');
    const forged = await browser.request('POST', '/login/', { form: { user: 'alice', pass: 'alice-password', csrf_token: 'forged' }, csrf: false });
    assert.equal(forged.statusCode, 400);
    assert.match(forged.body, /expired/);
    assert.equal(browser.cookie('session') !== undefined && (await browser.request('GET', '/api/currentuser')).json().name === 'alice', false);

    const page = await browser.request('GET', '/login/');
    const wrong = await browser.request('POST', '/login/', { form: { user: 'alice', pass: 'nope', csrf_token: field(page.body, 'csrf_token') ?? '' }, csrf: false });
    assert.equal(wrong.statusCode, 403);
    assert.match(wrong.body, /role="alert">Wrong username or password/);
    assert.match(wrong.body, /name="user"[^>]* value="alice"/, 'the user name stays filled in');
    assert.ok(field(wrong.body, 'csrf_token'), 'with a fresh token to try again');
  });

  it('counts failed form logins against the client address like API logins (429 with Retry-After)', async () => {
    const browser = client();
    let last = 0;
    let retryAfter: unknown;
    for (let attempt = 0; attempt < 6 && last !== 429; attempt += 1) {
      const page = await browser.request('GET', '/login/');
      const answer = await browser.request('POST', '/login/', { form: { user: 'alice', pass: 'wrong', csrf_token: field(page.body, 'csrf_token') ?? '' }, csrf: false });
      last = answer.statusCode;
      retryAfter = answer.headers['retry-after'];
    }
    assert.equal(last, 429);
    assert.match(String(retryAfter), /^\d+$/);
  });

  it('accepts only local paths of this server as redirect targets', () => {
    assert.equal(localRedirect('/', ''), '/');
    assert.equal(localRedirect('/?tab=files#x', ''), '/?tab=files#x');
    assert.equal(localRedirect('/recovery/', ''), '/recovery/');
    assert.equal(localRedirect('/plugin/appkeys/auth/abc', ''), '/plugin/appkeys/auth/abc');
    assert.equal(localRedirect('/octo/', '/octo'), '/octo/');
    assert.equal(localRedirect('/', '/octo'), null, 'outside the script root');
    for (const bad of ['', 'relative', '//evil.example', '/\\evil', 'http://evil.example/', '/%0d%0aLocation:x', '/\r\n', '/api/files', '/./../etc', 42, null]) {
      assert.equal(localRedirect(bad, ''), null, String(bad));
    }
  });

  it("puts the form into the app's page for browsers without JavaScript, and escapes what it shows", () => {
    const model = { scriptRoot: '', csrfToken: 't"<', redirect: null, user: '<script>', error: null, cookieSuffix: '_P5000' };
    const page = withLoginForm('<html><body><div id="app"></div><noscript>needs JS</noscript></body></html>', model);
    assert.match(page, /<noscript>\n<form/);
    assert.doesNotMatch(page, /needs JS/);
    assert.doesNotMatch(page, /<script>/);
    assert.match(page, /value="t&quot;&lt;"/);
  });
});
