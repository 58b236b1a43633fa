// Catalogue section A (AUTH): login failures look alike, rate limits, deactivated users, garbage bodies, closed
// first-run setup, ignored identity headers, user-name rules, password changes and re-authentication.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertAlive, assertRefused, sleep } from './support/checks.js';
import { PASSWORDS } from './support/fixtures.js';
import { Browser, send } from './support/http-client.js';
import { useSeededServer } from './support/seeded-server.js';

const T = { timeout: 15_000 };

describe('AUTH: authentication', () => {
  const suite = useSeededServer();
  const browser = (): Browser => new Browser(suite.server.port);

  it('AUTH-01: wrong password, unknown user and deactivated user get the same 403, no cookie, no session', T, async () => {
    const attempts: Array<[string, string]> = [
      ['admin', 'wrong'],
      ['nosuch', 'wrong'],
      ['inactive', PASSWORDS.inactive],
    ];
    const bodies: string[] = [];
    for (const [user, pass] of attempts) {
      const client = browser();
      const reply = await client.login(user, pass);
      assert.equal(reply.status, 403, `${user}: ${reply.text}`);
      bodies.push(reply.text);
      assert.ok(![...reply.cookies.keys()].some((name) => name.startsWith('session') || name.startsWith('remember')), 'no identity cookie');
      const me = await client.request('GET', '/api/currentuser');
      assert.equal(me.json().name, null, 'no session was created');
    }
    assert.equal(new Set(bodies).size, 1, `byte-identical bodies: ${bodies.join(' | ')}`);
    await assertAlive(suite.server);
  });

  it('AUTH-05: a deactivated user cannot log in, and its key and an earlier session act as the guest', T, async () => {
    await suite.server.app.access.accounts.addUser({ name: 'dave', password: 'dave-password-1', active: true, groups: ['users'] });
    const daveKey = await suite.server.app.access.accounts.generateApiKey('dave');
    const dave = browser();
    assert.equal((await dave.login('dave', 'dave-password-1')).status, 200);
    const admin = browser();
    assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
    assert.equal((await admin.request('PUT', '/api/access/users/dave', { json: { active: false } })).status, 200);
    assert.equal((await browser().login('dave', 'dave-password-1')).status, 403);
    assert.equal((await send(suite.server.port, 'GET', '/api/printer', { headers: { 'x-api-key': daveKey } })).status, 403);
    assert.equal((await send(suite.server.port, 'GET', '/api/printer', { headers: { 'x-api-key': suite.fixtures.keys.inactive } })).status, 403);
    assert.equal((await dave.request('GET', '/api/printer')).status, 403, 'the old session cookie is anonymous');
    assert.equal((await dave.request('GET', '/api/currentuser')).json().name, null);
  });

  it('AUTH-06: typed garbage login bodies get 400/403/413, never 5xx or 200; a form login works', T, async () => {
    const client = browser();
    await client.csrf();
    const bodies: Array<[string, string]> = [
      ['json', JSON.stringify({ user: ['admin'], pass: { $ne: 1 } })],
      ['json', JSON.stringify({ user: null })],
      ['json', JSON.stringify({ user: null, pass: null })],
      ['json', JSON.stringify('user pass')],
      ['json', JSON.stringify(['user', 'pass'])],
      ['json', JSON.stringify({ user: 'admin', pass: 'p'.repeat(100 * 1024) })],
      ['json', JSON.stringify({ user: 'admin', pass: 'p'.repeat(50 * 1024) })],
      ['json', '{"user": "admin", "pass": '],
      ['json', 'null'],
      ['json', '12'],
      ['json', JSON.stringify({ user: { toString: 'admin' }, pass: [PASSWORDS.admin] })],
    ];
    for (const [, body] of bodies) {
      const reply = await client.request('POST', '/api/login', { body, headers: { 'content-type': 'application/json' } });
      assertRefused(reply, [400, 403, 413], `login body ${body.slice(0, 60)}`);
      assert.ok(!reply.cookies.has(`session_P${suite.server.port}`));
    }
    const form = browser();
    await form.csrf();
    const reply = await form.request('POST', '/api/login', { form: { user: 'alice', pass: PASSWORDS.alice } });
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.json().name, 'alice');
    await assertAlive(suite.server);
  });

  it('AUTH-07: with an admin present, first-run endpoints are closed and change nothing', T, async () => {
    // The first look after the admin appeared records suite.server.firstRun: false; compare from there.
    assert.deepEqual((await send(suite.server.port, 'GET', '/api/setup/admin')).json(), { required: false });
    await sleep(200);
    const usersBefore = readFileSync(join(suite.server.basedir, 'users.yaml'), 'utf8');
    const configBefore = readFileSync(join(suite.server.basedir, 'config.yaml'), 'utf8');
    const anonymous = browser();
    await anonymous.csrf();
    const tries: Array<[string, unknown]> = [
      ['/plugin/corewizard/acl', { user: 'admin', pass1: 'x', pass2: 'x' }],
      ['/api/setup/wizard', { handled: [] }],
      ['/api/setup/admin', { user: 'admin', pass: 'new-admin-password', setupCode: 'AAAA-BBBB-CCCC' }],
      ['/api/setup/admin', { user: 'mallory', pass: 'new-admin-password', setupCode: '' }],
    ];
    for (const [path, json] of tries) {
      assertRefused(await anonymous.request('POST', path, { json }), [403, 404], `anonymous POST ${path}`);
      assertRefused(await anonymous.request('POST', path, { json, csrf: false }), [400, 403, 404], `anonymous POST ${path} without csrf`);
    }
    assert.deepEqual((await anonymous.request('GET', '/api/setup/admin')).json(), { required: false });
    assert.equal(readFileSync(join(suite.server.basedir, 'users.yaml'), 'utf8'), usersBefore, 'users.yaml unchanged');
    assert.equal(readFileSync(join(suite.server.basedir, 'config.yaml'), 'utf8'), configBefore, 'config.yaml (suite.server.firstRun) unchanged');
    assert.equal(suite.server.app.config.config.server.firstRun, false);
    assert.equal((await browser().login('mallory', 'new-admin-password')).status, 403);
  });

  it('AUTH-09: Basic auth, REMOTE_USER and X-Remote-User headers are ignored (anonymous)', T, async () => {
    const headerSets = [{ authorization: 'Basic YWRtaW46YWRtaW4=' }, { remote_user: 'admin' }, { 'remote-user': 'admin' }, { 'x-remote-user': 'admin' }];
    for (const headers of headerSets) {
      assert.equal((await send(suite.server.port, 'GET', '/api/printer', { headers })).status, 403, JSON.stringify(headers));
      assert.equal((await send(suite.server.port, 'GET', '/api/currentuser', { headers })).json().name, null);
    }
  });

  it('AUTH-11: reserved, colon, control-character, padded, case-duplicate and HTML user names are refused with 400', T, async () => {
    const admin = browser();
    assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
    const names = ['_api', '_API', 'a:b', ' admin', 'admin ', 'ADMIN', 'Alice', '<img src=x onerror=alert(1)>', 'nul\u0000name', 'line\nbreak', 'tab\tname', '\u202eevil'];
    for (const name of names) {
      const reply = await admin.request('POST', '/api/access/users', { json: { name, password: 'good-password-1', active: true } });
      assert.equal(reply.status, 400, `${JSON.stringify(name)}: ${reply.status} ${reply.text}`);
      assert.equal(typeof reply.json().error, 'string');
    }
    const users = (await admin.request('GET', '/api/access/users')).json<{ users: Array<{ name: string }> }>().users.map((u) => u.name);
    assert.deepEqual(users.sort(), ['admin', 'alice', 'bob', 'dave', 'inactive', 'ro'].filter((n) => users.includes(n)).sort());
    assert.ok(!users.some((n) => n.includes('<') || n.includes(':') || n.toLowerCase() === '_api'));
  });

  it('AUTH-13: a password change needs the current password; afterwards other sessions and remember-me are dead', T, async () => {
    await suite.server.app.access.accounts.addUser({ name: 'erin', password: 'erin-password-1', active: true, groups: ['users'] });
    const other = browser();
    assert.equal((await other.login('erin', 'erin-password-1', true)).status, 200);
    const rememberOnly = new Browser(suite.server.port);
    rememberOnly.setCookie('remember_token', other.cookie('remember_token') ?? '');
    const passive = await new Browser(suite.server.port).request('POST', '/api/login', {
      json: { passive: true },
      headers: { 'x-api-key': await suite.server.app.access.accounts.generateApiKey('erin') },
    });
    const socketToken = passive.json<{ session: string }>().session;
    const erin = browser();
    assert.equal((await erin.login('erin', 'erin-password-1')).status, 200);
    const url = '/api/access/users/erin/password';
    assert.equal((await erin.request('PUT', url, { json: { password: 'n' } })).status, 400);
    assert.equal((await erin.request('PUT', url, { json: { password: 'erin-password-2', current: 'wrong' } })).status, 403);
    assert.equal((await erin.request('PUT', url, { json: { password: 'erin-password-2', current: 'erin-password-1' } })).status, 200);
    assert.equal((await erin.request('GET', '/api/currentuser')).json().name, 'erin', 'the changing session survives');
    assert.equal((await other.request('GET', '/api/currentuser')).json().name, null, 'other sessions end');
    assert.equal((await rememberOnly.request('GET', '/api/currentuser')).json().name, null, 'remember-me tokens end');
    assert.equal(suite.server.app.access.validateSocketSession('erin', socketToken), null, 'socket sessions end');
    assert.equal((await browser().login('erin', 'erin-password-1')).status, 403);
    assert.equal((await browser().login('erin', 'erin-password-2')).status, 200);
  });
});

describe('AUTH-03: failed logins are limited per address', () => {
  const suite = useSeededServer();

  it('the 4th and 5th attempt within a minute get 429 (the right password too), the limit decays, successes do not count', T, async () => {
    const client = new Browser(suite.server.port);
    for (let i = 0; i < 3; i += 1) assert.equal((await client.login('bob', 'wrong')).status, 403);
    const fourth = await client.login('bob', 'wrong');
    assert.equal(fourth.status, 429);
    assert.ok(Number(fourth.headers['retry-after']) > 0, 'Retry-After names the wait');
    assert.equal((await client.login('bob', PASSWORDS.bob)).status, 429, 'the right password is refused while limited');
    assert.equal((await client.login('alice', PASSWORDS.alice)).status, 429, 'the limit is per address, whatever the account');
    assert.equal((await new Browser(suite.server.port).login('bob', PASSWORDS.bob)).status, 200, 'another address is not limited');
    suite.server.advance(61_000);
    assert.equal((await client.login('bob', PASSWORDS.bob)).status, 200, 'after a minute the address may try again');
    for (let i = 0; i < 3; i += 1) assert.equal((await client.login('alice', PASSWORDS.alice)).status, 200, 'successes are not counted');
    // Unknown account names from here on, so that only the address counts (accounts have their own limit).
    let n = 0;
    const fail = async () => (await client.login(`nobody-${(n += 1)}`, 'wrong')).status;
    assert.equal(await fail(), 403);
    assert.equal(await fail(), 403);
    assert.equal(await fail(), 429, 'after 5 failures in 10 minutes');
    suite.server.advance(10 * 60_000 + 1000);
    for (let i = 0; i < 3; i += 1) assert.equal(await fail(), 403);
    suite.server.advance(10 * 60_000 + 1000);
    for (let i = 0; i < 2; i += 1) assert.equal(await fail(), 403);
    assert.equal(await fail(), 429, 'after 10 failures in an hour');
    suite.server.advance(60 * 60_000);
    await client.csrf(); // the idle session went stale, and its CSRF token with it
    const last = await client.login('nobody-last', 'wrong');
    assert.equal(last.status, 403, `an hour later the address is free again: ${last.text} ${String(last.headers['retry-after'])}`);
    await assertAlive(suite.server);
  });
});

describe('AUTH-14: sensitive changes need fresh credentials', () => {
  const suite = useSeededServer();

  const sensitive: Array<[string, string, unknown]> = [
    ['PUT', '/api/access/users/bob/password', { password: 'bob-password-9' }],
    ['POST', '/api/access/users', { name: 'frank', password: 'frank-password-1', active: true }],
    ['DELETE', '/api/access/users/bob', undefined],
    ['PUT', '/api/access/groups/users', { name: 'Operators', permissions: ['STATUS'] }],
  ];

  it('a session whose password is older than 5 minutes gets 403 "reauthenticate"; logging in again helps', T, async () => {
    const admin = new Browser(suite.server.port);
    assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
    suite.server.advance(6 * 60_000);
    for (const [method, path, json] of sensitive) {
      const reply = await admin.request(method, path, json === undefined ? {} : { json });
      assert.equal(reply.status, 403, `${method} ${path}: ${reply.text}`);
      assert.match(reply.json<{ error: string }>().error, /reauthenticate/i);
    }
    assert.equal((await admin.request('POST', '/api/login', { json: { user: 'admin', pass: PASSWORDS.admin } })).status, 200);
    const [method, path, json] = sensitive[1] ?? ['', '', undefined];
    assert.equal((await admin.request(method, path, { json })).status, 200, 'fresh again after the password');
  });

  it('a session resumed from remember-me is never fresh', T, async () => {
    const first = new Browser(suite.server.port);
    assert.equal((await first.login('admin', PASSWORDS.admin, true)).status, 200);
    const resumed = new Browser(suite.server.port);
    resumed.setCookie('remember_token', first.cookie('remember_token') ?? '');
    await resumed.csrf();
    assert.equal((await resumed.request('GET', '/api/currentuser')).json().name, 'admin');
    for (const [method, path, json] of sensitive) {
      const reply = await resumed.request(method, path, json === undefined ? {} : { json });
      assert.equal(reply.status, 403, `${method} ${path}: ${reply.text}`);
      assert.match(reply.json<{ error: string }>().error, /reauthenticate/i);
    }
  });
});

describe('AUTH-15: nobody can lock the owner out', () => {
  const suite = useSeededServer();
  const LONG = { timeout: 60_000 };

  it('after 50 failures from 50 addresses within a minute, the right password from a fresh address logs in at once', LONG, async () => {
    for (let i = 0; i < 50; i += 1) {
      const attacker = new Browser(suite.server.port);
      assert.equal((await attacker.login('admin', `guess-${i}`)).status, 403, `guess ${i}`);
      suite.server.advance(1200);
    }
    const owner = new Browser(suite.server.port);
    const reply = await owner.login('admin', PASSWORDS.admin);
    assert.equal(reply.status, 200, reply.text);
    assert.ok(owner.cookie('device_token'), 'a successful login leaves a device token');
    await assertAlive(suite.server);
  });

  it('guessing over many addresses is paced, without refusing the owner; a known device skips the queue', LONG, async () => {
    const known = new Browser(suite.server.port);
    assert.equal((await known.login('alice', PASSWORDS.alice)).status, 200);
    const device = known.cookie('device_token') ?? '';
    for (let i = 0; i < 12; i += 1) assert.equal((await new Browser(suite.server.port).login('alice', `guess-${i}`)).status, 403);
    const finished: string[] = [];
    const prepared = async (device?: string): Promise<Browser> => {
      const browser = new Browser(suite.server.port);
      if (device) browser.setCookie('device_token', device);
      await browser.csrf();
      return browser;
    };
    const attempt = async (name: string, browser: Browser, pass: string): Promise<number> => {
      const reply = await browser.request('POST', '/api/login', { json: { user: 'alice', pass } });
      finished.push(name);
      return reply.status;
    };
    const [first, second, third, stranger, returning] = [await prepared(), await prepared(), await prepared(), await prepared(), await prepared(device)];
    // Started one after another, so that they queue in this order.
    const guesses: Array<Promise<number>> = [];
    for (const [i, browser] of [first, second, third].entries()) {
      guesses.push(attempt(`guess-${i}`, browser as Browser, 'still-wrong'));
      await sleep(100);
    }
    const ownerOnNewDevice = attempt('owner-new-device', stranger as Browser, PASSWORDS.alice);
    await sleep(100);
    const ownerKnownDevice = attempt('owner-known-device', returning as Browser, PASSWORDS.alice);
    assert.deepEqual(await Promise.all(guesses), [403, 403, 403]);
    assert.equal(await ownerOnNewDevice, 200, 'an unknown device with the right password waits its turn but is let in');
    assert.equal(await ownerKnownDevice, 200);
    assert.ok(finished.indexOf('owner-known-device') < finished.indexOf('guess-2'), `the known device did not wait: ${finished.join(', ')}`);
    assert.equal(finished.at(-1), 'owner-new-device', `unknown devices take turns: ${finished.join(', ')}`);
    const forged = new Browser(suite.server.port);
    forged.setCookie('device_token', `${device.slice(0, -4)}AAAA`);
    assert.equal((await forged.login('alice', 'wrong-again')).status, 403);
  });

  it('a wrong password for a known user and any password for an unknown user look and take alike', LONG, async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    const bodies = new Set<string>();
    for (let i = 0; i < 24; i += 1) {
      suite.server.advance(5000); // no account is paced: only the password check is timed
      const [user, times] = i % 2 === 0 ? ['bob', known] : [`nobody-${i}`, unknown];
      const browser = new Browser(suite.server.port);
      await browser.csrf();
      const started = process.hrtime.bigint();
      const reply = await browser.request('POST', '/api/login', { json: { user, pass: `wrong-password-${i}` } });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      assert.equal(reply.status, 403);
      bodies.add(reply.text);
    }
    assert.equal(bodies.size, 1, [...bodies].join(' | '));
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const [a, b] = [median(known), median(unknown)];
    assert.ok(Math.abs(a - b) < Math.max(10, 0.1 * Math.max(a, b)), `medians ${a.toFixed(2)} ms and ${b.toFixed(2)} ms`);
  });
});
