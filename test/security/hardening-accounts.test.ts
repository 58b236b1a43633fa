// Section 4 of the catalogue, account items: per-account login throttling (4), timing parity for unknown users (5),
// the password policy (6) and server-side, revocable sessions and remember-me tokens with absolute lifetimes (8).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PASSWORDS, seedUsers } from './support/fixtures.js';
import { Browser } from './support/http-client.js';
import { startSecurityServer } from './support/security-server.js';
import type { SecurityServer } from './support/security-server.js';

const T = { timeout: 30_000 };
let addresses = 0;
/** A browser from a fresh address, so that only the per-account limit can trigger. */
const fromNewAddress = (server: SecurityServer): Browser => new Browser(server.port, {}, `203.0.113.${(addresses += 1)}`);

describe('item 4: failed logins are limited per account too', () => {
  let server: SecurityServer;
  before(async () => {
    server = await startSecurityServer();
    await seedUsers(server);
  });
  after(() => server.close());

  it('5 failures from 5 addresses lock the account for a minute, then for twice as long; others are unaffected', T, async () => {
    for (let i = 0; i < 5; i += 1) assert.equal((await fromNewAddress(server).login('admin', 'wrong')).status, 403);
    const sixth = await fromNewAddress(server).login('admin', 'wrong');
    assert.equal(sixth.status, 429);
    assert.equal((await fromNewAddress(server).login('admin', PASSWORDS.admin)).status, 429, 'locked even with the right password');
    assert.equal((await fromNewAddress(server).login('ADMIN', PASSWORDS.admin)).status, 429, 'the account name is compared without case');
    assert.equal((await fromNewAddress(server).login('alice', PASSWORDS.alice)).status, 200, 'other accounts are unaffected');
    server.advance(61_000);
    assert.equal((await fromNewAddress(server).login('admin', 'wrong')).status, 403, 'a minute later it may try again');
    assert.equal((await fromNewAddress(server).login('admin', PASSWORDS.admin)).status, 429, 'the next lock lasts two minutes');
    server.advance(61_000);
    assert.equal((await fromNewAddress(server).login('admin', PASSWORDS.admin)).status, 429);
    server.advance(61_000);
    assert.equal((await fromNewAddress(server).login('admin', PASSWORDS.admin)).status, 200);
    assert.equal((await fromNewAddress(server).login('admin', 'wrong')).status, 403, 'a success clears the account');
  });

  it('wrong current passwords on a password change count against the account', T, async () => {
    const sessions: Browser[] = [];
    for (let i = 0; i < 6; i += 1) {
      const bob = fromNewAddress(server);
      assert.equal((await bob.login('bob', PASSWORDS.bob)).status, 200);
      sessions.push(bob);
    }
    const statuses: number[] = [];
    for (const bob of sessions) {
      statuses.push((await bob.request('PUT', '/api/access/users/bob/password', { json: { password: 'bob-password-2', current: 'guess' } })).status);
    }
    assert.deepEqual(statuses, [403, 403, 403, 403, 403, 429]);
  });
});

describe('item 5: an unknown user takes as long as a wrong password', () => {
  let server: SecurityServer;
  before(async () => {
    // A real (if moderate) argon2id cost, so a skipped verification would show; no rate limit to get in the way.
    server = await startSecurityServer({ argon2: { memoryCost: 8192, timeCost: 2, parallelism: 1 }, config: { devel: { enableRateLimiter: false } } });
    await seedUsers(server);
  });
  after(() => server.close());

  it('the median times of wrong password, unknown user and deactivated user are alike', { timeout: 60_000 }, async () => {
    const client = new Browser(server.port);
    await client.csrf();
    const samples: Record<string, number[]> = { known: [], unknown: [], inactive: [] };
    const attempts: Array<[string, string, string]> = [
      ['known', 'admin', 'wrong-password'],
      ['unknown', 'nobody-at-all', 'wrong-password'],
      ['inactive', 'inactive', PASSWORDS.inactive],
    ];
    for (let round = 0; round < 12; round += 1) {
      for (const [kind, user, pass] of attempts) {
        const started = process.hrtime.bigint();
        const reply = await client.request('POST', '/api/login', { json: { user, pass } });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        assert.equal(reply.status, 403);
        if (round > 1) samples[kind]?.push(ms);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const known = median(samples.known ?? []);
    for (const kind of ['unknown', 'inactive']) {
      const other = median(samples[kind] ?? []);
      // Generous: a loaded machine is noisy, but skipping the hash would make it several times faster.
      assert.ok(other > known * 0.5 && other < known * 2 + 20, `${kind}: median ${other.toFixed(1)} ms vs wrong password ${known.toFixed(1)} ms`);
    }
  });
});

describe('item 6: password policy', () => {
  let server: SecurityServer;
  let admin: Browser;
  before(async () => {
    server = await startSecurityServer();
    await seedUsers(server);
    admin = new Browser(server.port);
    assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
  });
  after(() => server.close());

  const create = (name: string, password: string) => admin.request('POST', '/api/access/users', { json: { name, password, active: true } });

  it('at least 8 characters (configurable), 64 and more accepted, over 1024 bytes refused — each with a reason', T, async () => {
    for (const [name, password] of [['short', 'seven77'], ['empty', ''], ['huge', 'x'.repeat(1025)], ['multibyte', 'ü'.repeat(600)]]) {
      const reply = await create(name as string, password as string);
      assert.equal(reply.status, 400, name);
      assert.match(reply.json<{ error: string }>().error, /password/i);
    }
    assert.equal((await create('long', 'L'.repeat(64))).status, 200);
    assert.equal((await create('longest', 'L'.repeat(1024))).status, 200);
    await server.app.config.set('accessControl.minimumPasswordLength', 12);
    assert.equal((await create('eleven', 'elevenchars')).status, 400);
    assert.equal((await create('twelve', 'twelve-chars')).status, 200);
  });

  it('passwords are never truncated', T, async () => {
    const password = `${'p'.repeat(999)}!`;
    assert.equal((await create('trunc', password)).status, 200);
    assert.equal((await new Browser(server.port).login('trunc', password.slice(0, -1))).status, 403);
    assert.equal((await new Browser(server.port).login('trunc', password)).status, 200);
  });

  it('reserved, colon and control-character names and case-insensitive duplicates are refused (see AUTH-11)', T, async () => {
    for (const name of ['_api', 'a:b', 'x\u0007y', 'Alice']) assert.equal((await create(name, 'good-password-1')).status, 400, name);
  });
});

describe('item 8: sessions and remember-me live on the server', () => {
  let server: SecurityServer;
  before(async () => {
    server = await startSecurityServer({ config: { accessControl: { rememberMeDays: 30 } } });
    await seedUsers(server);
  });
  after(() => server.close());

  it('the remember-me token is random, stored only as a hash, and deleted on logout', T, async () => {
    const alice = new Browser(server.port);
    assert.equal((await alice.login('alice', PASSWORDS.alice, true)).status, 200);
    const cookie = alice.cookie('remember_token') ?? '';
    const [id = '', secret = ''] = cookie.split('.');
    assert.ok(Buffer.from(secret, 'base64url').length >= 16, 'at least 128 random bits');
    const stored = readFileSync(join(server.basedir, 'data', 'sessions.yaml'), 'utf8');
    assert.ok(stored.includes(id) && !stored.includes(secret), 'only a hash of the secret is kept');
    assert.equal((await alice.request('POST', '/api/logout')).status, 204);
    await server.app.access.close();
    assert.ok(!readFileSync(join(server.basedir, 'data', 'sessions.yaml'), 'utf8').includes(id), 'logout deletes it');
  });

  it('a remember-me token ends at its absolute lifetime even when used every day', T, async () => {
    const bob = new Browser(server.port);
    assert.equal((await bob.login('bob', PASSWORDS.bob, true)).status, 200);
    const remember = bob.cookie('remember_token') ?? '';
    let last: string | null = 'bob';
    for (let day = 1; day <= 31; day += 1) {
      server.advance(86_400_000);
      const browser = new Browser(server.port);
      browser.setCookie('remember_token', remember);
      last = (await browser.request('GET', '/api/currentuser')).json<{ name: string | null }>().name;
      if (day < 30) assert.equal(last, 'bob', `day ${day}`);
    }
    assert.equal(last, null, 'gone after 30 days');
  });

  it('a password change ends every session and remember-me token of the user at once', T, async () => {
    const carol = async () => {
      const browser = new Browser(server.port);
      assert.equal((await browser.login('ro', PASSWORDS.ro, true)).status, 200);
      return browser;
    };
    const [first, second] = [await carol(), await carol()];
    const admin = new Browser(server.port);
    assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
    assert.equal((await admin.request('PUT', '/api/access/users/ro/password', { json: { password: 'ro-password-2' } })).status, 200);
    for (const browser of [first, second]) {
      assert.equal((await browser.request('GET', '/api/currentuser')).json().name, null);
      const remembered = new Browser(server.port);
      remembered.setCookie('remember_token', browser.cookie('remember_token') ?? 'x');
      assert.equal((await remembered.request('GET', '/api/currentuser')).json().name, null);
    }
  });
});
