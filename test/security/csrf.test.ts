// Catalogue section D (CSRF): cookie-authenticated writes need the double-submit token bound to the session;
// API keys are exempt only when valid; login itself is protected; GET never changes state.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { buildMultipart, filePart } from '../../src/server/http/multipart/multipart-body-builder.js';
import { sleep } from './support/checks.js';
import { PASSWORDS } from './support/fixtures.js';
import { Browser, send } from './support/http-client.js';
import { useSeededServer } from './support/seeded-server.js';

const T = { timeout: 15_000 };

describe('CSRF', () => {
  const suite = useSeededServer({ printer: true });
  let alice: Browser;
  let admin: Browser;

  const sentContaining = (text: string) => suite.serial.sent.filter((line) => line.includes(text));

  before(async () => {
    alice = new Browser(suite.server.port);
    assert.equal((await alice.login('alice', PASSWORDS.alice)).status, 200);
    admin = new Browser(suite.server.port);
    assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
  });

  it('CSRF-01: a logged-in write without X-CSRF-Token is 400 and nothing reaches the printer', T, async () => {
    const reply = await alice.request('POST', '/api/printer/command', { json: { command: 'M117 csrf01' }, csrf: false });
    assert.equal(reply.status, 400);
    assert.equal(reply.json().error, 'CSRF validation failed');
    await sleep(300);
    assert.deepEqual(sentContaining('csrf01'), []);
    assert.equal((await alice.request('POST', '/api/printer/command', { json: { command: 'M117 csrf01ok' } })).status, 204, 'with the token it works');
  });

  it('CSRF-02: the header must be the cookie, not another valid token', T, async () => {
    const other = new Browser(suite.server.port);
    const foreign = await other.csrf();
    const reply = await alice.request('POST', '/api/printer/command', { json: { command: 'M117 csrf02' }, headers: { 'x-csrf-token': foreign } });
    assert.equal(reply.status, 400);
  });

  it('CSRF-03: header without cookie, a garbage pair and an unsuffixed cookie are refused', T, async () => {
    const token = alice.cookie('csrf_token') ?? '';
    const session = alice.cookie('session') ?? '';
    const cookieSets = [
      `session_P${suite.server.port}=${session}`,
      `session_P${suite.server.port}=${session}; csrf_token_P${suite.server.port}=garbage`,
      `session_P${suite.server.port}=${session}; csrf_token=${encodeURIComponent(token)}`,
    ];
    const headers = [token, 'garbage', token];
    for (let i = 0; i < cookieSets.length; i += 1) {
      const reply = await send(suite.server.port, 'POST', '/api/printer/command', {
        json: { command: 'M117 csrf03' },
        headers: { cookie: cookieSets[i], 'x-csrf-token': headers[i], 'x-forwarded-for': alice.address },
      });
      assert.equal(reply.status, 400, cookieSets[i]);
    }
    await sleep(200);
    assert.deepEqual(sentContaining('csrf03'), []);
  });

  it('CSRF-04: a cross-site multipart upload with the session cookie and no header is 400 and writes nothing', T, async () => {
    const uploads = join(suite.server.basedir, 'uploads');
    const temp = join(suite.server.basedir, 'data', 'tmp');
    const before = [readdirSync(uploads).sort(), readdirSync(temp).sort()];
    const body = buildMultipart([filePart('csrf04.gcode', 'G28\n')]);
    const reply = await send(suite.server.port, 'POST', '/api/files/local', {
      body: body.body,
      headers: { 'content-type': body.contentType, cookie: alice.cookieHeader(), origin: 'https://evil.example', 'x-forwarded-for': alice.address },
    });
    assert.equal(reply.status, 400);
    await sleep(100);
    assert.deepEqual([readdirSync(uploads).sort(), readdirSync(temp).sort()], before);
  });

  it('CSRF-05: a cookie-less login without the CSRF pair is refused (no login CSRF)', T, async () => {
    const reply = await send(suite.server.port, 'POST', '/api/login', { json: { user: 'alice', pass: PASSWORDS.alice }, headers: { 'x-forwarded-for': '198.51.100.240' } });
    assert.equal(reply.status, 400);
    assert.ok(![...reply.cookies.keys()].some((n) => n.startsWith('session')));
  });

  it('CSRF-06: a valid API key needs no token; an invalid key with the session cookie does not bypass CSRF', T, async () => {
    const byKey = await send(suite.server.port, 'POST', '/api/printer/command', { json: { command: 'M117 csrf06key' }, headers: { 'x-api-key': suite.fixtures.keys.alice } });
    assert.equal(byKey.status, 204);
    const riding = await alice.request('POST', '/api/printer/command', { json: { command: 'M117 csrf06ride' }, csrf: false, headers: { 'x-api-key': 'invalid' } });
    assert.equal(riding.status, 400);
    await sleep(300);
    assert.deepEqual(sentContaining('csrf06ride'), []);
    assert.equal(sentContaining('csrf06key').length, 1);
  });

  it('CSRF-08: cookie writes without the token are 400 everywhere; GET on a command endpoint is 405', T, async () => {
    const writes: Array<[string, string, unknown]> = [
      ['PUT', '/api/access/users/bob', { groups: ['admins', 'users'] }],
      ['PATCH', '/api/access/users/bob/settings', { x: 1 }],
      ['DELETE', '/api/files/local/x.gcode', undefined],
      ['DELETE', '/api/access/users/bob/apikey', undefined],
      ['POST', '/api/settings', { appearance: { name: 'csrf08' } }],
      ['POST', '/api/access/users/bob/apikey', undefined],
      ['POST', '/api/plugin/appkeys', { command: 'generate', app: 'csrf08' }],
      ['POST', '/api/logout', undefined],
    ];
    for (const [method, path, json] of writes) {
      const reply = await admin.request(method, path, { ...(json === undefined ? {} : { json }), csrf: false });
      assert.equal(reply.status, 400, `${method} ${path}: ${reply.status} ${reply.text}`);
    }
    assert.equal((await admin.request('GET', '/api/printer/command')).status, 405);
    assert.deepEqual(suite.server.app.access.accounts.user('bob').groups, ['users']);
    assert.notEqual(suite.server.app.config.config.appearance.name, 'csrf08');
    assert.equal((await admin.request('GET', '/api/currentuser')).json().name, 'admin', 'the logout without a token did nothing');
    assert.equal((await send(suite.server.port, 'GET', '/api/currentuser', { headers: { 'x-api-key': suite.fixtures.keys.bob } })).json().name, 'bob');
  });

  it('the token is bound to its session: reissued at login, and a token of session A fails in session B', T, async () => {
    const a = new Browser(suite.server.port);
    const anonymousToken = await a.csrf();
    await a.login('bob', PASSWORDS.bob);
    const tokenA = a.cookie('csrf_token') ?? '';
    assert.notEqual(tokenA, anonymousToken, 'a new token at login');
    const b = new Browser(suite.server.port);
    await b.login('bob', PASSWORDS.bob);
    const crossed = b.clone();
    crossed.setCookie('csrf_token', tokenA);
    assert.equal((await crossed.request('PATCH', '/api/access/users/bob/settings', { json: { y: 1 } })).status, 400);
    const stale = a.clone();
    stale.setCookie('csrf_token', anonymousToken);
    assert.equal((await stale.request('PATCH', '/api/access/users/bob/settings', { json: { y: 1 } })).status, 400, 'the pre-login token no longer works');
    assert.equal((await a.request('PATCH', '/api/access/users/bob/settings', { json: { y: 1 } })).status, 200);
  });
});
