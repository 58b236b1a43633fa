// Issue 18, point 6: OctoPrint's reverse-proxy and single-sign-on settings (trustLocalhostProxies, Basic
// authentication, remote user and groups), each on and off; such headers count only from trusted proxies.
// An untrusted peer connects from 127.0.0.2 (Linux routes all of 127/8 to the loopback; only 127.0.0.1 and ::1
// are the "localhost proxies").
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ACCOUNT_FREE_FAILURES } from '../../src/auth/login-rate-limiter.js';
import { assertAlive } from './support/checks.js';
import { PASSWORDS, seedUsers } from './support/fixtures.js';
import { Browser, send } from './support/http-client.js';
import type { Reply } from './support/http-client.js';
import { startSecurityServer } from './support/security-server.js';
import type { SecurityServer } from './support/security-server.js';

const T = { timeout: 20_000 };
const UNTRUSTED_PEER = '127.0.0.2';

const basic = (text: string | Buffer): string => `Basic ${Buffer.from(text).toString('base64')}`;

describe('SSO: reverse-proxy sign-on settings', () => {
  let server: SecurityServer;

  before(async () => {
    server = await startSecurityServer();
    await seedUsers(server);
  });
  after(() => server.close());

  const settings = {
    'server.reverseProxy.trustLocalhostProxies': true,
    'accessControl.trustBasicAuthentication': false,
    'accessControl.checkBasicAuthenticationPassword': true,
    'accessControl.trustRemoteUser': false,
    'accessControl.remoteUserHeader': 'REMOTE_USER',
    'accessControl.addRemoteUsers': false,
    'accessControl.trustRemoteGroups': false,
    'accessControl.remoteGroupsHeader': 'REMOTE_GROUPS',
    'devel.enableRateLimiter': true,
  };
  const set = async (changes: Partial<Record<keyof typeof settings, unknown>>) => {
    for (const [path, value] of Object.entries(changes)) await server.app.config.set(path, value);
  };
  beforeEach(async () => {
    await set(settings);
    server.advance(2 * 60 * 60_000); // every address and account starts with a clean record
  });

  /** GET /api/currentuser with these headers, from the loopback proxy or from an untrusted peer. */
  const whoami = async (headers: Record<string, string>, peer?: string): Promise<{ name: string | null; groups: string[]; reply: Reply }> => {
    const reply = await send(server.port, 'GET', '/api/currentuser', { headers, localAddress: peer });
    assert.ok(reply.status < 500, `${reply.status} for ${JSON.stringify(headers).slice(0, 120)}`);
    const body = reply.status === 200 ? reply.json<{ name: string | null; groups: string[] }>() : { name: null, groups: [] };
    return { ...body, reply };
  };
  const isAdmin = async (headers: Record<string, string>, peer?: string): Promise<boolean> =>
    (await send(server.port, 'GET', '/api/access/users', { headers, localAddress: peer })).status === 200;

  it('trustLocalhostProxies on: X-Forwarded-For from the loopback proxy names the client; off: it is ignored and the peer is limited', T, async () => {
    const rotate = async (peer?: string): Promise<number[]> => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const browser = new Browser(server.port, {}, `203.0.113.${i + 1}`);
        browser.localAddress = peer;
        statuses.push((await browser.login('alice', 'wrong')).status);
      }
      return statuses;
    };
    assert.deepEqual(await rotate(), [403, 403, 403, 403, 403], 'each forwarded address has its own limit behind a trusted proxy');
    server.advance(2 * 60 * 60_000);
    assert.deepEqual((await rotate(UNTRUSTED_PEER)).slice(3), [429, 429], 'an untrusted peer rotating X-Forwarded-For stays one address');
    server.advance(2 * 60 * 60_000);
    await set({ 'server.reverseProxy.trustLocalhostProxies': false });
    assert.deepEqual((await rotate()).slice(3), [429, 429], 'with trustLocalhostProxies off, the loopback peer is not a proxy either');
  });

  it('trustBasicAuthentication off: a valid Basic header is ignored', T, async () => {
    assert.equal((await whoami({ authorization: basic(`alice:${PASSWORDS.alice}`) })).name, null);
  });

  it('trustBasicAuthentication on, password checked: the right password signs on, only through a trusted proxy', T, async () => {
    await set({ 'accessControl.trustBasicAuthentication': true });
    assert.equal((await whoami({ authorization: basic(`alice:${PASSWORDS.alice}`) })).name, 'alice');
    assert.equal((await whoami({ authorization: basic(`alice:${PASSWORDS.alice}`) })).name, 'alice', 'again (from the cache)');
    assert.equal((await whoami({ authorization: basic('alice:wrong') })).name, null);
    assert.equal((await whoami({ authorization: basic('nobody:wrong') })).name, null);
    assert.equal((await whoami({ authorization: basic(`inactive:${PASSWORDS.inactive}`) })).name, null, 'a deactivated user');
    assert.equal((await whoami({ authorization: basic(`alice:${PASSWORDS.alice}`) }, UNTRUSTED_PEER)).name, null, 'not from an untrusted peer');
  });

  it('trustBasicAuthentication on, password checked: wrong Basic passwords count towards the account pace; while paced the request is a guest', T, async () => {
    await set({ 'accessControl.trustBasicAuthentication': true });
    // One guess from each forwarded address, so no address limit is reached: only the account's pace can stop them.
    for (let i = 0; i <= ACCOUNT_FREE_FAILURES; i += 1) {
      assert.equal((await whoami({ authorization: basic(`alice:wrong${i}`), 'x-forwarded-for': `198.51.100.${i + 1}` })).name, null);
    }
    const paced = await whoami({ authorization: basic(`alice:${PASSWORDS.alice}`), 'x-forwarded-for': '198.51.100.200' });
    assert.equal(paced.name, null, 'while the account is paced, even the right password is not checked');
    server.advance(2 * 60 * 60_000);
    assert.equal((await whoami({ authorization: basic(`alice:${PASSWORDS.alice}`), 'x-forwarded-for': '198.51.100.201' })).name, 'alice', 'the pace passes');
  });

  it("a logged-in user changes their password while the account's queue is full, and gets a device token for the new one", T, async () => {
    const alice = new Browser(server.port);
    assert.equal((await alice.login('alice', PASSWORDS.alice)).status, 200);
    await set({ 'accessControl.trustBasicAuthentication': true });
    // Wrong Basic passwords from many addresses pace the account; the paced ones (never held) fill its queue.
    for (let i = 0; i < ACCOUNT_FREE_FAILURES + 20; i += 1) {
      await whoami({ authorization: basic(`alice:wrong${i}`), 'x-forwarded-for': `198.51.${i}.1` });
    }
    assert.equal((await new Browser(server.port).login('alice', PASSWORDS.alice)).status, 429, 'an unknown device waits in a full queue');
    const change = async (current: string, password: string) => alice.request('PUT', '/api/access/users/alice/password', { json: { current, password } });
    const changed = await change(PASSWORDS.alice, 'a-new-password-1');
    assert.equal(changed.status, 200, 'her session is a known device: never paced');
    const device = alice.cookie('device_token');
    assert.ok(device, 'the password change leaves a device token for the new stamp');
    const returning = new Browser(server.port);
    returning.setCookie('device_token', device);
    assert.equal((await returning.login('alice', 'a-new-password-1')).status, 200, 'the new token skips the queue');
    assert.equal((await change('a-new-password-1', PASSWORDS.alice)).status, 200);
  });

  it('trustBasicAuthentication on, password not checked: the name alone signs on, still only through a trusted proxy', T, async () => {
    await set({ 'accessControl.trustBasicAuthentication': true, 'accessControl.checkBasicAuthenticationPassword': false });
    assert.equal((await whoami({ authorization: basic('alice:anything') })).name, 'alice');
    assert.equal((await whoami({ authorization: basic('alice:anything') }, UNTRUSTED_PEER)).name, null);
    assert.equal((await whoami({ authorization: basic('nobody:anything') })).name, null, 'unknown users are not made up');
  });

  it('malformed Basic headers never answer 5xx and never sign on, whatever the settings', T, async () => {
    const malformed = [
      'Basic !!!notbase64!!!',
      'Basic YWxpY2U=', // "alice": no colon
      'Basic OmFsaWNl', // ":alice": no user
      `Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0x61]).toString('base64')}`, // not UTF-8
      `Basic ${'QUFB'.repeat(2000)}`, // 8 KB
      'Basic',
      'Basic ',
      `Basic  ${Buffer.from('alice:x').toString('base64')}`,
      `basic ${Buffer.from('alice:anything').toString('base64')}`,
      `Basic ${Buffer.from('alice:anything').toString('base64')}====`,
      'Basic YWxp Y2U6eA==',
      'Digest username="alice"',
    ];
    for (const check of [true, false]) {
      await set({ 'accessControl.trustBasicAuthentication': true, 'accessControl.checkBasicAuthenticationPassword': check });
      for (const authorization of malformed) {
        for (const peer of [undefined, UNTRUSTED_PEER]) {
          const { name, reply } = await whoami({ authorization }, peer);
          assert.equal(name, null, `${authorization.slice(0, 40)} (password check ${check})`);
          assert.ok(reply.status < 500);
        }
        const printer = await send(server.port, 'GET', '/api/printer', { headers: { authorization } });
        assert.ok([403, 409].includes(printer.status), `${printer.status} for ${authorization.slice(0, 40)}`);
      }
    }
    await assertAlive(server);
  });

  it('trustRemoteUser off: the remote user header is ignored', T, async () => {
    assert.equal((await whoami({ remote_user: 'alice' })).name, null);
    assert.equal((await whoami({ remote_user: 'admin' })).name, null);
  });

  it('trustRemoteUser on: the header names the user through a trusted proxy only; reserved names never sign on', T, async () => {
    await set({ 'accessControl.trustRemoteUser': true });
    assert.equal((await whoami({ remote_user: 'alice' })).name, 'alice');
    assert.equal((await whoami({ remote_user: 'alice' }, UNTRUSTED_PEER)).name, null, 'not from an untrusted peer');
    assert.equal((await whoami({ 'x-remote-user': 'alice' })).name, null, 'another header is not the configured one');
    assert.equal((await whoami({ remote_user: 'inactive' })).name, null, 'a deactivated user');
    assert.equal((await whoami({ remote_user: 'newbie' })).name, null, 'unknown users are not added while addRemoteUsers is off');
    for (const name of ['_api', '_API', 'guest', 'Guest', 'guests', 'anonymous', '_internal', 'admin:x', 'a:b', 'ad\tmin', '']) {
      const headers = { remote_user: name };
      assert.equal((await whoami(headers)).name, null, JSON.stringify(name));
      assert.equal(await isAdmin(headers), false, `${JSON.stringify(name)} gets no admin rights`);
    }
    await set({ 'accessControl.remoteUserHeader': 'X-Auth-User' });
    assert.equal((await whoami({ 'x-auth-user': 'bob' })).name, 'bob', 'the configured header counts');
    assert.equal((await whoami({ remote_user: 'bob' })).name, null, 'the default header no longer does');
  });

  it('a user the proxy signs on gets CSRF tokens bound to that user, not the anonymous binding', T, async () => {
    await set({ 'accessControl.trustRemoteUser': true });
    const write = (browser: Browser) => browser.request('PATCH', '/api/access/users/alice/settings', { json: { theme: 'dark' } });
    const alice = new Browser(server.port, { remote_user: 'alice' });
    await alice.csrf();
    assert.equal((await write(alice)).status, 200, 'her own token works');
    const guest = new Browser(server.port);
    const bob = new Browser(server.port, { remote_user: 'bob' });
    for (const other of [guest, bob]) {
      const forged = new Browser(server.port, { remote_user: 'alice' });
      forged.setCookie('csrf_token', await other.csrf());
      assert.equal((await write(forged)).status, 400, 'a token issued to someone else does not do');
    }
  });

  it('addRemoteUsers on: an unknown remote user is created in the default groups, never as an admin', T, async () => {
    await set({ 'accessControl.trustRemoteUser': true, 'accessControl.addRemoteUsers': true });
    const first = await whoami({ remote_user: 'newbie' });
    assert.equal(first.name, 'newbie');
    assert.deepEqual(first.groups, ['users']);
    assert.equal(await isAdmin({ remote_user: 'newbie' }), false);
    assert.ok(server.app.access.accounts.users().some((user) => user.name === 'newbie'), 'the user was added');
    assert.equal((await new Browser(server.port).login('newbie', '')).status, 403, 'a user a proxy created has no password');
    assert.equal((await whoami({ remote_user: '_api' })).name, null, 'reserved names are never added');
    assert.equal((await whoami({ remote_user: 'intruder' }, UNTRUSTED_PEER)).name, null);
    assert.ok(!server.app.access.accounts.users().some((user) => ['_api', 'intruder'].includes(user.name)));
  });

  it('trustRemoteGroups off: the groups header is ignored; on: it sets the groups, from a trusted proxy only', T, async () => {
    await set({ 'accessControl.trustRemoteUser': true });
    const claim = { remote_user: 'alice', remote_groups: 'admins,users' };
    assert.deepEqual((await whoami(claim)).groups, ['users']);
    assert.equal(await isAdmin(claim), false, 'groups count only when trusted');
    await set({ 'accessControl.trustRemoteGroups': true });
    assert.deepEqual((await whoami(claim)).groups, ['admins', 'users']);
    assert.equal(await isAdmin(claim), true);
    assert.equal(await isAdmin(claim, UNTRUSTED_PEER), false, 'not from an untrusted peer');
    assert.deepEqual((await whoami({ remote_user: 'alice', remote_groups: 'no-such-group' })).groups, [], 'unknown groups are dropped');
    assert.equal(await isAdmin({ remote_user: '_api', remote_groups: 'admins' }), false, 'a reserved name gets nothing, groups or not');
    await set({ 'accessControl.remoteGroupsHeader': 'X-Groups' });
    assert.equal(await isAdmin({ remote_user: 'alice', 'x-groups': 'admins' }), true);
    assert.equal(await isAdmin(claim), false);
  });
});
