// Catalogue section C (SESS): cookie flags and names, new session ids at login, logout, password changes, idle
// sessions, tampered cookies, stale credentials, key requests without cookies, and several sessions per user.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertAlive, assertRefused } from './support/checks.js';
import { PASSWORDS, seedUsers } from './support/fixtures.js';
import { Browser, send } from './support/http-client.js';
import type { Reply } from './support/http-client.js';
import { startSecurityServer } from './support/security-server.js';
import { useSeededServer } from './support/seeded-server.js';

const T = { timeout: 15_000 };

function cookieNamed(reply: Reply, prefix: string) {
  const entry = [...reply.cookies].find(([name]) => name.startsWith(prefix));
  assert.ok(entry, `a ${prefix} cookie in ${[...reply.cookies.keys()].join(', ')}`);
  return { name: entry[0], ...entry[1] };
}

describe('SESS: sessions and cookies', () => {
  const suite = useSeededServer();

  it('SESS-01: over http the session and remember cookies are HttpOnly, SameSite=Lax, Path=/; the CSRF cookie is readable', T, async () => {
    const client = new Browser(suite.server.port);
    const login = await client.login('alice', PASSWORDS.alice, true);
    assert.equal(login.status, 200);
    const session = cookieNamed(login, 'session_');
    const remember = cookieNamed(login, 'remember_token_');
    const csrf = cookieNamed(login, 'csrf_token_');
    for (const cookie of [session, remember, csrf]) {
      assert.equal(cookie.name.endsWith(`_P${suite.server.port}`), true, cookie.name);
      assert.equal(cookie.attributes.get('path'), '/');
      assert.equal(cookie.attributes.get('samesite')?.toLowerCase(), 'lax');
      assert.equal(cookie.attributes.has('secure'), false, 'no Secure over plain http');
    }
    assert.ok(session.attributes.has('httponly') && remember.attributes.has('httponly'));
    assert.equal(csrf.attributes.has('httponly'), false, 'the page script reads the CSRF cookie');
    const maxAge = Number(remember.attributes.get('max-age'));
    assert.equal(maxAge, suite.server.app.config.config.accessControl.rememberMeDays * 86_400);
    assert.ok(maxAge <= 90 * 86_400, 'remember-me lives at most 90 days');
    assert.equal(session.attributes.has('max-age'), false, 'the session cookie ends with the browser');
  });

  it('SESS-01: behind a trusted https proxy with a script root, every cookie is Secure with the root in name and path', T, async () => {
    const client = new Browser(suite.server.port, { 'x-forwarded-proto': 'https', 'x-script-name': '/octo', 'x-forwarded-host': 'printer.example' });
    client.suffix = '_P443_R|octo';
    await client.csrf();
    const login = await client.login('alice', PASSWORDS.alice, true);
    assert.equal(login.status, 200, login.text);
    for (const base of ['session', 'remember_token', 'csrf_token']) {
      const cookie = cookieNamed(login, `${base}_`);
      assert.equal(cookie.name, `${base}_P443_R|octo`);
      assert.ok(cookie.attributes.has('secure'), `${base} is Secure`);
      assert.equal(cookie.attributes.get('path'), '/octo/');
    }
  });

  it('SESS-02: cookies from before the login are anonymous and the login issues a new session id (no fixation)', T, async () => {
    const client = new Browser(suite.server.port);
    await client.request('GET', '/', { headers: { accept: 'text/html' } });
    await client.csrf();
    client.setCookie('session', 'attacker-chosen-session-id');
    const before = new Map(client.cookies);
    assert.equal((await client.request('GET', '/api/currentuser')).json().name, null);
    const login = await client.login('alice', PASSWORDS.alice);
    const issued = cookieNamed(login, 'session_').value;
    assert.notEqual(issued, 'attacker-chosen-session-id');
    const replay = new Browser(suite.server.port);
    for (const [name, value] of before) replay.cookies.set(name, value);
    assert.equal((await replay.request('GET', '/api/currentuser')).json().name, null, 'the pre-login cookies stay anonymous');
    const second = await client.login('alice', PASSWORDS.alice);
    assert.notEqual(cookieNamed(second, 'session_').value, issued, 'each login gets a new id');
    const old = new Browser(suite.server.port);
    old.setCookie('session', issued);
    assert.equal((await old.request('GET', '/api/currentuser')).json().name, null, 'logging in again ends the previous session');
  });

  it('SESS-03: after logout the captured session and remember cookies are anonymous', T, async () => {
    const client = new Browser(suite.server.port);
    assert.equal((await client.login('bob', PASSWORDS.bob, true)).status, 200);
    const captured = client.clone();
    assert.equal((await captured.request('GET', '/api/currentuser')).json().name, 'bob');
    assert.equal((await client.request('POST', '/api/logout')).status, 204);
    assert.equal((await captured.request('GET', '/api/printer')).status, 403);
    assert.equal((await captured.request('GET', '/api/currentuser')).json().name, null);
    const rememberOnly = new Browser(suite.server.port);
    rememberOnly.setCookie('remember_token', captured.cookie('remember_token') ?? 'x');
    assert.equal((await rememberOnly.request('GET', '/api/currentuser')).json().name, null, 'the remember token was revoked');
  });

  it('SESS-05: cookies and remember tokens from before a password change are anonymous after it', T, async () => {
    await suite.server.app.access.accounts.addUser({ name: 'gina', password: 'gina-password-1', active: true, groups: ['users'] });
    const gina = new Browser(suite.server.port);
    assert.equal((await gina.login('gina', 'gina-password-1', true)).status, 200);
    const rememberOnly = new Browser(suite.server.port);
    rememberOnly.setCookie('remember_token', gina.cookie('remember_token') ?? '');
    const admin = new Browser(suite.server.port);
    assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
    assert.equal((await admin.request('PUT', '/api/access/users/gina/password', { json: { password: 'gina-password-2' } })).status, 200);
    assert.equal((await gina.request('GET', '/api/currentuser')).json().name, null);
    assert.equal((await rememberOnly.request('GET', '/api/currentuser')).json().name, null);
  });

  it('SESS-08: tampered, swapped, truncated and oversized cookies are anonymous, never a 5xx', T, async () => {
    const alice = new Browser(suite.server.port);
    assert.equal((await alice.login('alice', PASSWORDS.alice, true)).status, 200);
    const admin = new Browser(suite.server.port);
    assert.equal((await admin.login('admin', PASSWORDS.admin, true)).status, 200);
    const session = alice.cookie('session') ?? '';
    const remember = alice.cookie('remember_token') ?? '';
    const adminRemember = admin.cookie('remember_token') ?? '';
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);
    const [aliceId = '', aliceSecret = ''] = remember.split('.');
    const [adminId = '', adminSecret = ''] = adminRemember.split('.');
    const tampered: Array<[string, string]> = [
      ['session', flip(session, session.length - 1)],
      ['session', flip(session, 0)],
      ['session', session.slice(0, -4)],
      ['session', ''],
      ['session', `${session}.${session}`],
      ['remember_token', `${aliceId}.${adminSecret}`],
      ['remember_token', `${adminId}.${aliceSecret}`],
      ['remember_token', `alice|${Date.now()}|${adminSecret}`],
      ['remember_token', remember.slice(0, -3)],
      ['remember_token', `${remember}.extra`],
      ['remember_token', flip(remember, remember.length - 1)],
    ];
    for (const [base, value] of tampered) {
      const client = new Browser(suite.server.port);
      client.setCookie(base, value);
      const reply = await client.request('GET', '/api/currentuser');
      assert.equal(reply.status, 200, `${base}=${value.slice(0, 20)}`);
      assert.equal(reply.json().name, null, `${base}=${value.slice(0, 20)} is anonymous`);
    }
    const huge = await send(suite.server.port, 'GET', '/api/currentuser', { headers: { cookie: `session_P${suite.server.port}=${'a'.repeat(20 * 1024)}` } });
    assertRefused(huge, [200, 400, 431], 'a 20 KB cookie');
    if (huge.status === 200) assert.equal(huge.json().name, null);
    await assertAlive(suite.server);
  });

  it('SESS-08: a remember token older than its lifetime is anonymous', T, async () => {
    const client = new Browser(suite.server.port);
    assert.equal((await client.login('ro', PASSWORDS.ro, true)).status, 200);
    const rememberOnly = new Browser(suite.server.port);
    rememberOnly.setCookie('remember_token', client.cookie('remember_token') ?? '');
    suite.server.advance((suite.server.app.config.config.accessControl.rememberMeDays + 1) * 86_400_000);
    assert.equal((await rememberOnly.request('GET', '/api/currentuser')).json().name, null);
  });

  it('SESS-09: a stale admin session may not run system commands or manage users', T, async () => {
    const admin = new Browser(suite.server.port);
    assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
    suite.server.advance(6 * 60_000);
    const calls: Array<[string, string, unknown]> = [
      ['POST', '/api/system/commands/core/shutdown', undefined],
      ['POST', '/api/system/commands/core/restart', undefined],
      ['POST', '/api/access/users', { name: 'henry', password: 'henry-password-1', active: true }],
      ['POST', '/api/access/users/alice/apikey', undefined],
    ];
    for (const [method, path, json] of calls) {
      const reply = await admin.request(method, path, json === undefined ? {} : { json });
      assert.equal(reply.status, 403, `${method} ${path}: ${reply.text}`);
      assert.match(reply.json<{ error: string }>().error, /reauthenticate/i);
    }
    assertRefused(await admin.request('POST', '/api/settings/apikey'), [403, 404, 405], 'POST /api/settings/apikey');
  });

  it('SESS-10: requests authenticated by X-Api-Key never get a session cookie', T, async () => {
    const headers = { 'x-api-key': suite.fixtures.keys.alice };
    const replies = [
      await send(suite.server.port, 'GET', '/api/currentuser', { headers }),
      await send(suite.server.port, 'GET', '/api/settings', { headers }),
      await send(suite.server.port, 'POST', '/api/login', { headers, json: { passive: true } }),
      await send(suite.server.port, 'GET', '/', { headers: { ...headers, accept: 'text/html' } }),
    ];
    for (const reply of replies) {
      assert.ok(![...reply.cookies.keys()].some((n) => n.startsWith('session') || n.startsWith('remember')), [...reply.cookies.keys()].join());
    }
    assert.equal(replies[2]?.json().name, 'alice');
  });

  it('SESS-12: two sessions of one user: logging out one keeps the other; a password change ends both', T, async () => {
    await suite.server.app.access.accounts.addUser({ name: 'ivy', password: 'ivy-password-1', active: true, groups: ['users'] });
    const first = new Browser(suite.server.port);
    const second = new Browser(suite.server.port);
    assert.equal((await first.login('ivy', 'ivy-password-1')).status, 200);
    assert.equal((await second.login('ivy', 'ivy-password-1')).status, 200);
    assert.equal((await first.request('POST', '/api/logout')).status, 204);
    assert.equal((await second.request('GET', '/api/currentuser')).json().name, 'ivy');
    const third = new Browser(suite.server.port);
    assert.equal((await third.login('ivy', 'ivy-password-1')).status, 200);
    const admin = new Browser(suite.server.port);
    assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
    assert.equal((await admin.request('PUT', '/api/access/users/ivy/password', { json: { password: 'ivy-password-2' } })).status, 200);
    assert.equal((await second.request('GET', '/api/currentuser')).json().name, null);
    assert.equal((await third.request('GET', '/api/currentuser')).json().name, null);
  });
});

describe('SESS-06: idle sessions go stale', () => {
  it('with sessionStaleAfter: 1, a session idle for 70 s is anonymous', T, async () => {
    const server = await startSecurityServer({ config: { accessControl: { sessionStaleAfter: 1 } } });
    try {
      await seedUsers(server);
      const client = new Browser(server.port);
      assert.equal((await client.login('alice', PASSWORDS.alice)).status, 200);
      server.advance(30_000);
      assert.equal((await client.request('GET', '/api/currentuser')).json().name, 'alice', 'use keeps it alive');
      server.advance(70_000);
      assert.equal((await client.request('GET', '/api/printer')).status, 403);
      assert.equal((await client.request('GET', '/api/currentuser')).json().name, null);
    } finally {
      await server.close();
    }
  });

  it('a session in use still ends at its absolute lifetime', T, async () => {
    const server = await startSecurityServer({ config: { accessControl: { sessionStaleAfter: 60, sessionLifetime: 120 } } });
    try {
      await seedUsers(server);
      const client = new Browser(server.port);
      assert.equal((await client.login('alice', PASSWORDS.alice)).status, 200);
      for (let minutes = 0; minutes < 110; minutes += 30) {
        server.advance(30 * 60_000);
        assert.equal((await client.request('GET', '/api/currentuser')).json().name, minutes + 30 <= 119 ? 'alice' : null);
      }
      server.advance(15 * 60_000);
      assert.equal((await client.request('GET', '/api/currentuser')).json().name, null, 'gone after 135 minutes of use');
    } finally {
      await server.close();
    }
  });
});
