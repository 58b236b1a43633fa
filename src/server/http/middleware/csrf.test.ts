// CSRF and CORS in memory: the header must equal the session-bound cookie; keys are exempt; CORS never grants credentials.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BrowserClient, addUser, setCookies } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

const CSRF_FAILED = { error: 'CSRF validation failed' };

describe('CSRF protection', () => {
  let t: TestApp;
  let alice: BrowserClient;
  let key: string;

  before(async () => {
    t = await createTestApp();
    await addUser(t.app, 'alice', 'alice-password');
    await addUser(t.app, 'bob', 'bob-password');
    alice = new BrowserClient(t.app.http);
    assert.equal((await alice.login(t.app, 'alice', 'alice-password')).statusCode, 200);
    key = await t.app.access.accounts.generateApiKey('alice');
  });
  after(() => t.close());

  it('refuses cookie-authenticated writes without X-CSRF-Token with 400, and changes nothing', async () => {
    const writes: Array<[string, string, unknown]> = [
      ['PATCH', '/api/access/users/alice/settings', { evil: true }],
      ['DELETE', '/api/access/users/alice/apikey', undefined],
      ['PUT', '/api/access/users/alice/password', { password: 'changed-by-csrf', current: 'alice-password' }],
      ['POST', '/api/logout', undefined],
    ];
    for (const [method, url, json] of writes) {
      const response = await alice.request(method, url, { json, csrf: false });
      assert.equal(response.statusCode, 400, `${method} ${url}`);
      assert.deepEqual(response.json(), CSRF_FAILED);
    }
    const settings = await alice.request('GET', '/api/access/users/alice/settings');
    assert.equal(settings.json().evil, undefined);
    assert.equal((await t.app.http.inject({ method: 'GET', url: '/api/currentuser', headers: { 'x-api-key': key } })).json().name, 'alice', 'the key survived');
    assert.equal((await alice.request('GET', '/api/currentuser')).json().name, 'alice', 'still logged in');
  });

  it('refuses a token from another session, a garbage pair and a header without the cookie', async () => {
    const bob = new BrowserClient(t.app.http);
    await bob.login(t.app, 'bob', 'bob-password');
    const bobToken = bob.cookie('csrf_token') ?? '';
    const aliceToken = alice.cookie('csrf_token') ?? '';
    const tries: Array<[string | undefined, string]> = [
      [aliceToken, bobToken],
      [bobToken, bobToken],
      ['garbage', 'garbage'],
      [undefined, aliceToken],
    ];
    for (const [cookie, header] of tries) {
      const client = new BrowserClient(t.app.http);
      for (const [name, value] of alice.cookies) if (!name.startsWith('csrf_token')) client.cookies.set(name, value);
      if (cookie !== undefined) client.cookies.set('csrf_token_P5000', cookie);
      const response = await client.request('PATCH', '/api/access/users/alice/settings', { json: { a: 1 }, csrf: false, headers: { 'x-csrf-token': header } });
      assert.equal(response.statusCode, 400);
    }
    const unsuffixed = new BrowserClient(t.app.http);
    for (const [name, value] of alice.cookies) unsuffixed.cookies.set(name.startsWith('csrf_token') ? 'csrf_token' : name, value);
    const response = await unsuffixed.request('PATCH', '/api/access/users/alice/settings', { json: { a: 1 }, csrf: false, headers: { 'x-csrf-token': aliceToken } });
    assert.equal(response.statusCode, 400, 'only the suffixed cookie counts');
    assert.equal((await alice.request('PATCH', '/api/access/users/alice/settings', { json: { a: 1 } })).statusCode, 200, 'the right pair works');
  });

  it('exempts valid API keys; an invalid key with a session cookie still needs the token', async () => {
    const byKey = await t.app.http.inject({
      method: 'PATCH',
      url: '/api/access/users/alice/settings',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      payload: '{"fromKey": true}',
    });
    assert.equal(byKey.statusCode, 200);
    const riding = await alice.request('PATCH', '/api/access/users/alice/settings', { json: { ride: true }, csrf: false, headers: { 'x-api-key': 'wrong' } });
    assert.equal(riding.statusCode, 400, 'a wrong key neither bypasses CSRF nor lets the session ride along');
  });

  it('wants the token when a valid key comes with a session cookie (as OctoPrint does), bound to that session', async () => {
    const withKey = { 'x-api-key': key };
    const bare = await alice.request('PATCH', '/api/access/users/alice/settings', { json: { both: 1 }, csrf: false, headers: withKey });
    assert.equal(bare.statusCode, 400);
    assert.deepEqual(bare.json(), CSRF_FAILED);
    const withToken = await alice.request('PATCH', '/api/access/users/alice/settings', { json: { both: 2 }, headers: withKey });
    assert.equal(withToken.statusCode, 200);
    assert.equal((await alice.request('GET', '/api/access/users/alice/settings')).json().both, 2);
  });

  it('leaves GET alone, and unknown paths and wrong methods answer 404/405', async () => {
    assert.equal((await alice.request('GET', '/api/access/users/alice', { csrf: false })).statusCode, 200);
    assert.equal((await alice.request('POST', '/api/nothing-here', { csrf: false })).statusCode, 404);
    assert.equal((await alice.request('DELETE', '/api/currentuser', { csrf: false })).statusCode, 405);
  });

  it('re-issues the token at login, bound to the new session', async () => {
    const browser = new BrowserClient(t.app.http);
    browser.seedCsrf(t.app);
    const before = browser.cookie('csrf_token');
    const login = await browser.login(t.app, 'bob', 'bob-password');
    const after = setCookies(login).get('csrf_token_P5000')?.value;
    assert.ok(after && after !== before);
    const stale = new BrowserClient(t.app.http);
    for (const [name, value] of browser.cookies) stale.cookies.set(name, name.startsWith('csrf_token') ? (before ?? '') : value);
    assert.equal((await stale.request('PATCH', '/api/access/users/bob/settings', { json: { a: 1 } })).statusCode, 400, 'the pre-login token no longer works');
  });
});

describe('CSRF switched off by devel.enableCsrfProtection', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: 'devel:\n  enableCsrfProtection: false\n' });
    await addUser(t.app, 'alice', 'alice-password');
  });
  after(() => t.close());

  it('lets a cookie-less login through without a token', async () => {
    const response = await t.app.http.inject({ method: 'POST', url: '/api/login', headers: { 'content-type': 'application/json' }, payload: '{"user":"alice","pass":"alice-password"}' });
    assert.equal(response.statusCode, 200);
  });
});

describe('CORS with authentication', () => {
  let t: TestApp;
  let key: string;
  before(async () => {
    t = await createTestApp({ config: 'api:\n  allowCrossOrigin: true\n' });
    await addUser(t.app, 'alice', 'alice-password');
    key = await t.app.access.accounts.generateApiKey('alice');
  });
  after(() => t.close());

  it('echoes the Origin on authenticated and refused answers, never with credentials, and grants nothing', async () => {
    const origin = 'https://dashboard.example';
    const ok = await t.app.http.inject({ method: 'GET', url: '/api/currentuser', headers: { origin, 'x-api-key': key } });
    assert.equal(ok.json().name, 'alice');
    const refused = await t.app.http.inject({ method: 'GET', url: '/api/access/users', headers: { origin } });
    assert.equal(refused.statusCode, 403);
    const write = await t.app.http.inject({ method: 'POST', url: '/api/login', headers: { origin, 'content-type': 'application/json' }, payload: '{"user":"alice","pass":"alice-password"}' });
    assert.equal(write.statusCode, 400, 'CORS never grants authority: a cross-origin login without CSRF fails');
    for (const response of [ok, refused, write]) {
      assert.equal(response.headers['access-control-allow-origin'], origin);
      assert.match(String(response.headers.vary), /Origin/);
      assert.equal(response.headers['access-control-allow-credentials'], undefined);
    }
    const preflight = await t.app.http.inject({
      method: 'OPTIONS',
      url: '/api/login',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'X-Api-Key, Content-Type' },
    });
    assert.equal(preflight.statusCode, 200);
    assert.equal(preflight.headers['access-control-allow-methods'], 'POST');
    assert.equal(preflight.headers.allow, 'OPTIONS, POST', "the path's methods, as OctoPrint's Allow");
    assert.equal(preflight.headers['access-control-allow-headers'], 'X-Api-Key, Content-Type');
    assert.equal(preflight.headers['access-control-allow-credentials'], undefined);
    const noOrigin = await t.app.http.inject({ method: 'OPTIONS', url: '/api/login' });
    assert.ok(noOrigin.statusCode < 500);
  });
});

describe('CORS off', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await addUser(t.app, 'alice', 'alice-password');
  });
  after(() => t.close());

  it('sends no CORS headers, even with a valid key', async () => {
    const key = await t.app.access.accounts.generateApiKey('alice');
    const response = await t.app.http.inject({ method: 'GET', url: '/api/currentuser', headers: { origin: 'https://evil.example', 'x-api-key': key } });
    assert.equal(response.json().name, 'alice');
    for (const name of Object.keys(response.headers)) assert.ok(!name.startsWith('access-control-'), name);
    const preflight = await t.app.http.inject({ method: 'OPTIONS', url: '/api/login', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    for (const name of Object.keys(preflight.headers)) assert.ok(!name.startsWith('access-control-'), name);
  });
});
