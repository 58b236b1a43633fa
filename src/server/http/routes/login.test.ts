// POST /api/login, /api/logout, GET /api/currentuser in memory: statuses, bodies, cookie names and flags.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BrowserClient, addUser, setCookies } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

describe('login, logout and current user', () => {
  let t: TestApp;
  let ip = 0;
  /** A client with its own address (via the trusted local proxy), so failure counts never mix between tests. */
  const client = () => new BrowserClient(t.app.http, { 'x-forwarded-for': `198.51.100.${++ip}` });

  before(async () => {
    t = await createTestApp();
    await addUser(t.app, 'admin', 'admin-password', ['admins', 'users']);
    await addUser(t.app, 'alice', 'alice-password');
    await addUser(t.app, 'inactive', 'inactive-password', ['users'], false);
  });
  after(() => t.close());

  it('logs in with JSON: the user record with apikey null, session, and the exact cookies', async () => {
    const browser = client();
    const response = await browser.login(t.app, 'alice', 'alice-password');
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.name, 'alice');
    assert.equal(body.apikey, null);
    assert.equal(body.active, true);
    assert.deepEqual(body.groups, ['users']);
    assert.equal(body.admin, false);
    assert.equal(typeof body.session, 'string');
    assert.equal(body._is_external_client, true, '198.51.100.x is not a local network');
    assert.equal(body._login_mechanism, 'password');
    assert.match(body._credentials_seen, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const cookies = setCookies(response);
    const session = cookies.get('session_P5000');
    assert.ok(session, 'session_P5000 is set');
    assert.notEqual(session.value, body.session, 'the cookie is not the socket token');
    assert.ok(session.attributes.has('httponly'));
    assert.equal(session.attributes.get('samesite'), 'Lax');
    assert.equal(session.attributes.get('path'), '/');
    assert.ok(!session.attributes.has('secure'), 'plain http: not Secure');
    const csrf = cookies.get('csrf_token_P5000');
    assert.ok(csrf && !csrf.attributes.has('httponly'), 'the CSRF cookie is readable by scripts');
    assert.equal(cookies.has('remember_token_P5000'), false, 'no remember-me without remember');
    const me = await browser.request('GET', '/api/currentuser');
    assert.equal(me.json().name, 'alice');
    assert.ok(me.json().permissions.includes('PRINT'));
  });

  it('matches the log-in name case-insensitively and answers with the stored name', async () => {
    const browser = client();
    const response = await browser.login(t.app, 'ALICE', 'alice-password');
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().name, 'alice');
    const me = await browser.request('GET', '/api/currentuser');
    assert.equal(me.json().name, 'alice');
    const wrong = await client().login(t.app, 'Alice', 'not-her-password');
    assert.equal(wrong.statusCode, 403);
  });

  it('sets a server-side remember-me cookie only with remember, and it logs the browser back in (not fresh)', async () => {
    const browser = client();
    const response = await browser.login(t.app, 'alice', 'alice-password', true);
    const remember = setCookies(response).get('remember_token_P5000');
    assert.ok(remember);
    assert.ok(remember.attributes.has('httponly'));
    assert.equal(remember.attributes.get('max-age'), String(30 * 86400));
    for (const name of [...browser.cookies.keys()]) if (name.startsWith('session_')) browser.cookies.delete(name);
    const again = await browser.request('GET', '/api/currentuser');
    assert.equal(again.json().name, 'alice');
    assert.ok(setCookies(again).has('session_P5000'), 'a new session cookie');
    const passive = await browser.request('POST', '/api/login', { json: { passive: true } });
    assert.equal(passive.json()._login_mechanism, 'remember_me');
    assert.equal(passive.json()._credentials_seen, false);
    const key = await browser.request('POST', '/api/access/users/alice/apikey');
    assert.equal(key.statusCode, 403);
    assert.deepEqual(key.json(), { error: 'Please reauthenticate with your credentials' });
  });

  it('accepts form-encoded and query-string credentials', async () => {
    const form = client();
    form.seedCsrf(t.app);
    const byForm = await form.request('POST', '/api/login', { form: { user: 'alice', pass: 'alice-password', remember: 'yes' } });
    assert.equal(byForm.statusCode, 200);
    assert.ok(setCookies(byForm).has('remember_token_P5000'), '"yes" counts as true');
    const query = client();
    query.seedCsrf(t.app);
    const byQuery = await query.request('POST', '/api/login?user=alice&pass=alice-password');
    assert.equal(byQuery.statusCode, 200);
    assert.equal(byQuery.json().name, 'alice');
  });

  it('answers 403 with identical bodies for a wrong password, an unknown user and a deactivated account, with no session', async () => {
    const bodies: string[] = [];
    for (const [user, pass] of [['admin', 'wrong'], ['nosuch', 'wrong'], ['inactive', 'inactive-password']]) {
      const browser = client();
      const response = await browser.login(t.app, user as string, pass as string);
      assert.equal(response.statusCode, 403, user);
      assert.equal(setCookies(response).has('session_P5000'), false);
      bodies.push(response.body);
    }
    assert.equal(new Set(bodies).size, 1, bodies.join(' | '));
    assert.equal(typeof JSON.parse(bodies[0] ?? '{}').error, 'string');
  });

  it('answers 400 without user/pass or passive, for typed garbage, and 405 for GET', async () => {
    const browser = client();
    browser.seedCsrf(t.app);
    const neither = await browser.request('POST', '/api/login', { json: { foo: 1 } });
    assert.equal(neither.statusCode, 400);
    assert.deepEqual(neither.json(), { error: 'Neither user and pass attributes nor passive flag present' });
    for (const json of [{ user: ['admin'], pass: { $ne: 1 } }, { user: null }, 'user pass', ['user', 'pass']]) {
      const response = await browser.request('POST', '/api/login', { json });
      assert.equal(response.statusCode, 400, JSON.stringify(json));
    }
    const get = await browser.request('GET', '/api/login?passive=true');
    assert.equal(get.statusCode, 405);
  });

  it('answers 400 "CSRF validation failed" to a login without the CSRF pair', async () => {
    const browser = client();
    const response = await browser.request('POST', '/api/login', { json: { user: 'alice', pass: 'alice-password' } });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json(), { error: 'CSRF validation failed' });
    assert.equal(setCookies(response).has('session_P5000'), false);
  });

  it('rate-limits failed logins per address (3 a minute) with 429 and Retry-After, even for the right password', async () => {
    const browser = client();
    for (let i = 0; i < 3; i += 1) assert.equal((await browser.login(t.app, `nobody${i}`, 'wrong')).statusCode, 403);
    const limited = await browser.login(t.app, 'alice', 'alice-password');
    assert.equal(limited.statusCode, 429);
    assert.equal(typeof limited.json().error, 'string');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await client().login(t.app, 'alice', 'alice-password')).statusCode, 200, 'another address is fine');
  });

  it('never locks an account attacked from many addresses, and leaves a device token after a login', async () => {
    await addUser(t.app, 'target', 'target-password');
    for (let i = 0; i < 10; i += 1) assert.equal((await client().login(t.app, 'target', 'wrong')).statusCode, 403);
    const owner = await client().login(t.app, 'target', 'target-password');
    assert.equal(owner.statusCode, 200);
    assert.match(String(owner.headers['set-cookie']), /device_token_P5000=d1\./);
  });

  it('passive login: reuses the cookie session; with an API key gives a socket session and no cookie; guests get needs only', async () => {
    const browser = client();
    const login = (await browser.login(t.app, 'alice', 'alice-password')).json();
    const passive = await browser.request('POST', '/api/login', { json: { passive: true } });
    assert.equal(passive.statusCode, 200);
    assert.equal(passive.json().session, login.session);
    assert.equal(setCookies(passive).has('session_P5000'), false);
    const key = await t.app.access.accounts.generateApiKey('alice');
    for (const request of [
      { url: '/api/login?passive', payload: undefined, headers: { 'x-api-key': key } },
      { url: '/api/login?passive=true', payload: '{}', headers: { 'x-api-key': key, 'content-type': 'application/json' } },
      { url: `/api/login?apikey=${key}`, payload: 'passive=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    ]) {
      const response = await t.app.http.inject({ method: 'POST', ...request });
      assert.equal(response.statusCode, 200, request.url);
      assert.equal(response.json().name, 'alice');
      assert.equal(response.json()._login_mechanism, 'apikey');
      assert.equal(typeof response.json().session, 'string');
      assert.equal(response.headers['set-cookie'], undefined, 'API-key clients get no cookies');
      assert.ok(t.app.access.validateSocketSession('alice', response.json().session), 'the session authenticates the socket');
    }
    const guest = await t.app.http.inject({ method: 'POST', url: '/api/login?passive', headers: { 'x-api-key': 'not-a-key' } });
    assert.equal(guest.statusCode, 400, 'a wrong key is no key: the anonymous write needs CSRF');
    const anonymous = client();
    anonymous.seedCsrf(t.app);
    const guestBody = (await anonymous.request('POST', '/api/login', { json: { passive: true } })).json();
    assert.deepEqual(guestBody, { needs: { group: ['guests'] }, _is_external_client: true, _credentials_seen: false });
  });

  it('logout answers 204 with an empty body, turns the session cookie into a guest one, clears remember-me and revokes both', async () => {
    const browser = client();
    const login = (await browser.login(t.app, 'alice', 'alice-password', true)).json();
    const stolen = new Map(browser.cookies);
    const response = await browser.request('POST', '/api/logout');
    assert.equal(response.statusCode, 204);
    assert.equal(response.body, '');
    const cookies = setCookies(response);
    const guest = cookies.get('session_P5000')?.value ?? '';
    assert.match(guest, /^guest\./, "a guest's session cookie, as OctoPrint's Flask keeps one");
    assert.equal(cookies.get('remember_token_P5000')?.value, '');
    assert.equal(cookies.get('remember_token')?.value, '', 'also without the suffix, as OctoPrint clears it');
    assert.equal(cookies.get('active_logout_P5000')?.value, 'true');
    const afterwards = await browser.request('GET', '/api/currentuser');
    assert.equal(afterwards.json().name, null);
    assert.equal(setCookies(afterwards).get('session_P5000'), undefined, 'the guest cookie is left alone');
    assert.ok(cookies.get('csrf_token_P5000')?.value, 'a fresh token for the next login');
    const replay = new BrowserClient(t.app.http);
    for (const [name, value] of stolen) replay.cookies.set(name, value);
    assert.equal((await replay.request('GET', '/api/currentuser')).json().name, null, 'replayed cookies are anonymous');
    assert.equal(t.app.access.validateSocketSession('alice', login.session), null, 'the socket session ended too');
  });

  it('GET /api/currentuser for a guest', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '/api/currentuser' });
    assert.deepEqual(response.json(), { name: null, permissions: [], groups: ['guests'] });
  });

  it('issues a new session id at login instead of keeping one sent before', async () => {
    const browser = client();
    browser.cookies.set('session_P5000', 'chosen-by-an-attacker');
    const response = await browser.login(t.app, 'alice', 'alice-password');
    assert.notEqual(setCookies(response).get('session_P5000')?.value, 'chosen-by-an-attacker');
    assert.equal((await browser.request('GET', '/api/currentuser')).json().name, 'alice');
  });
});

describe('cookies behind a trusted reverse proxy with https and a script root', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await addUser(t.app, 'alice', 'alice-password');
  });
  after(() => t.close());

  it('are Secure, suffixed _P443_R|octo and scoped to /octo/', async () => {
    const proxy = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'printer.example', 'x-script-name': '/octo', 'x-forwarded-for': '192.168.1.20' };
    const browser = new BrowserClient(t.app.http, proxy);
    browser.seedCsrf(t.app, '_P443_R|octo');
    const response = await browser.request('POST', '/api/login', { json: { user: 'alice', pass: 'alice-password', remember: true } });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json()._is_external_client, false, '192.168.1.20 is local');
    const cookies = setCookies(response);
    for (const name of ['session_P443_R|octo', 'remember_token_P443_R|octo', 'csrf_token_P443_R|octo']) {
      const cookie = cookies.get(name);
      assert.ok(cookie, name);
      assert.ok(cookie.attributes.has('secure'), `${name} is Secure`);
      assert.equal(cookie.attributes.get('path'), '/octo/');
    }
    assert.equal((await browser.request('GET', '/api/currentuser')).json().name, 'alice');
  });

  it('ignores forwarded headers from an untrusted peer', async () => {
    const response = await t.app.http.inject({
      method: 'POST',
      url: '/api/login',
      remoteAddress: '203.0.113.9',
      headers: { 'x-forwarded-for': '192.168.1.5', 'x-forwarded-proto': 'https', 'content-type': 'application/json', 'x-api-key': 'x' },
      payload: '{"passive": true}',
    });
    assert.equal(response.statusCode, 400, 'still needs CSRF: the peer is anonymous');
  });
});
