// /api/access/users… in memory: ADMIN and own-or-admin rules, fresh credentials, names, passwords, keys, settings, 307.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BrowserClient, addUser } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

const MINUTE = 60_000;
const REAUTH = { error: 'Please reauthenticate with your credentials' };

describe('access API: users', () => {
  let t: TestApp;
  let clock = Date.UTC(2025, 0, 1);
  let ip = 0;
  const browser = () => new BrowserClient(t.app.http, { 'x-forwarded-for': `192.0.2.${++ip}` });
  const loggedIn = async (user: string, pass: string) => {
    const b = browser();
    assert.equal((await b.login(t.app, user, pass)).statusCode, 200);
    return b;
  };
  const withKey = (key: string) => ({ 'x-api-key': key });

  before(async () => {
    t = await createTestApp({ now: () => clock });
    await addUser(t.app, 'admin', 'admin-password', ['admins', 'users']);
    await addUser(t.app, 'bob', 'bob-password');
    await addUser(t.app, 'ro', 'ro-password', ['readonly']);
  });
  after(() => t.close());

  it('needs ADMIN to list users: guests, operators and read-only users get 403', async () => {
    assert.equal((await t.app.http.inject({ method: 'GET', url: '/api/access/users' })).statusCode, 403);
    for (const [user, pass] of [['bob', 'bob-password'], ['ro', 'ro-password']]) {
      const b = await loggedIn(user as string, pass as string);
      assert.equal((await b.request('GET', '/api/access/users')).statusCode, 403, user);
      assert.equal((await b.request('GET', '/api/access/groups')).statusCode, 403, user);
    }
    const admin = await loggedIn('admin', 'admin-password');
    const list = await admin.request('GET', '/api/access/users');
    assert.equal(list.statusCode, 200);
    const users = list.json().users as Array<Record<string, unknown>>;
    assert.deepEqual(users.map((u) => u.name), ['admin', 'bob', 'ro']);
    for (const user of users) {
      assert.equal(user.apikey, null);
      for (const field of ['active', 'permissions', 'groups', 'needs', 'settings', 'admin', 'user', 'roles', 'apikeyPrefix']) assert.ok(field in user, field);
    }
    assert.equal(users[0]?.admin, true);
    assert.deepEqual(users[0]?.roles, ['user', 'admin']);
  });

  it('creates users: 409 for a duplicate, 400 for reserved, malformed or case-clashing names and short passwords', async () => {
    const admin = await loggedIn('admin', 'admin-password');
    const create = (json: unknown) => admin.request('POST', '/api/access/users', { json });
    const created = await create({ name: 'carol', password: 'carol-password', active: true });
    assert.equal(created.statusCode, 200);
    const carol = (created.json().users as Array<{ name: string; groups: string[] }>).find((u) => u.name === 'carol');
    assert.deepEqual(carol?.groups, ['users'], 'new users get the default group');
    assert.equal((await create({ name: 'carol', password: 'carol-password', active: true })).statusCode, 409);
    for (const name of ['_api', 'a:b', 'Carol', 'new\nline', ' admin', '<img src=x onerror=alert(1)>']) {
      const response = await create({ name, password: 'long-enough-pw', active: true });
      assert.equal(response.statusCode, 400, JSON.stringify(name));
      assert.equal(typeof response.json().error, 'string');
    }
    assert.equal((await create({ name: 'dave', password: 'short', active: true })).statusCode, 400);
    assert.equal((await create({ name: 'dave', active: true })).statusCode, 400);
    assert.equal((await create({ name: 'dave', password: 'dave-password', active: true, groups: ['nope'] })).statusCode, 400);
    assert.equal((await create({ name: 'dave', password: 'dave-password', active: true, permissions: ['FLY'] })).statusCode, 400);
    const form = await admin.request('POST', '/api/access/users', { form: { name: 'x' } });
    assert.equal(form.statusCode, 415, 'JSON only');
  });

  it('needs fresh credentials from a session for changes, but not from an API key', async () => {
    const admin = await loggedIn('admin', 'admin-password');
    clock += 6 * MINUTE;
    const stale = [
      await admin.request('POST', '/api/access/users', { json: { name: 'erin', password: 'erin-password', active: true } }),
      await admin.request('PUT', '/api/access/users/bob', { json: { active: true } }),
      await admin.request('DELETE', '/api/access/users/ro'),
      await admin.request('PUT', '/api/access/users/bob/password', { json: { password: 'another-password' } }),
      await admin.request('POST', '/api/access/users/bob/apikey'),
      await admin.request('PUT', '/api/access/groups/users', { json: { description: 'x' } }),
    ];
    for (const response of stale) {
      assert.equal(response.statusCode, 403);
      assert.deepEqual(response.json(), REAUTH);
    }
    assert.equal((await admin.request('GET', '/api/access/users')).statusCode, 200, 'reading needs no fresh password');
    assert.equal((await admin.login(t.app, 'admin', 'admin-password')).statusCode, 200);
    assert.equal((await admin.request('PUT', '/api/access/users/bob', { json: { active: true } })).statusCode, 200);
    const key = await t.app.access.accounts.generateApiKey('admin');
    clock += 60 * MINUTE;
    const byKey = await t.app.http.inject({ method: 'PUT', url: '/api/access/users/bob', headers: { ...withKey(key), 'content-type': 'application/json' }, payload: '{"active": true}' });
    assert.equal(byKey.statusCode, 200, 'API keys always count as fresh');
  });

  it('lets a user read themself but not others; an admin reads anyone; 404 for an unknown user', async () => {
    const bob = await loggedIn('bob', 'bob-password');
    assert.equal((await bob.request('GET', '/api/access/users/bob')).json().name, 'bob');
    assert.equal((await bob.request('GET', '/api/access/users/admin')).statusCode, 403);
    assert.equal((await bob.request('GET', '/api/access/users/admin/settings')).statusCode, 403);
    const admin = await loggedIn('admin', 'admin-password');
    assert.equal((await admin.request('GET', '/api/access/users/bob')).statusCode, 200);
    assert.equal((await admin.request('GET', '/api/access/users/nobody')).statusCode, 404);
    assert.equal((await admin.request('DELETE', '/api/access/users/nobody')).statusCode, 404);
  });

  it('refuses self-escalation: PUT needs ADMIN and settings cannot carry permissions', async () => {
    const bob = await loggedIn('bob', 'bob-password');
    assert.equal((await bob.request('PUT', '/api/access/users/bob', { json: { groups: ['admins'] } })).statusCode, 403);
    const patch = await bob.request('PATCH', '/api/access/users/bob/settings', { json: { groups: ['admins'], permissions: ['ADMIN'], admin: true, interface: { color: 'red' } } });
    assert.equal(patch.statusCode, 200);
    assert.deepEqual(patch.json(), {});
    const me = (await bob.request('GET', '/api/currentuser')).json();
    assert.ok(!me.permissions.includes('ADMIN'));
    assert.deepEqual(me.groups, ['users']);
    await bob.request('PATCH', '/api/access/users/bob/settings', { json: { interface: { language: 'fr' } } });
    assert.deepEqual((await bob.request('GET', '/api/access/users/bob/settings')).json().interface, { color: 'red', language: 'fr' }, 'deep merge');
  });

  it('changes passwords: 400 without current, 403 for a wrong one, then 200; other sessions end, this one stays', async () => {
    await addUser(t.app, 'frank', 'frank-password');
    const frank = await loggedIn('frank', 'frank-password');
    const other = await loggedIn('frank', 'frank-password');
    const remembered = browser();
    await remembered.login(t.app, 'frank', 'frank-password', true);
    const socket = (await other.request('POST', '/api/login', { json: { passive: true } })).json().session as string;
    const change = (json: unknown) => frank.request('PUT', '/api/access/users/frank/password', { json });
    assert.equal((await change({ password: 'frank-new-password' })).statusCode, 400);
    const wrong = await change({ password: 'frank-new-password', current: 'nope' });
    assert.equal(wrong.statusCode, 403);
    const ok = await change({ password: 'frank-new-password', current: 'frank-password' });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json(), {});
    assert.equal((await frank.request('GET', '/api/currentuser')).json().name, 'frank', 'the changing session survives');
    assert.equal((await other.request('GET', '/api/currentuser')).json().name, null, 'other sessions end');
    for (const name of [...remembered.cookies.keys()]) if (name.startsWith('session_')) remembered.cookies.delete(name);
    assert.equal((await remembered.request('GET', '/api/currentuser')).json().name, null, 'remember-me tokens end');
    assert.equal(t.app.access.validateSocketSession('frank', socket), null, 'socket sessions end');
    assert.equal((await browser().login(t.app, 'frank', 'frank-password')).statusCode, 403);
    assert.equal((await browser().login(t.app, 'frank', 'frank-new-password')).statusCode, 200);
    const admin = await loggedIn('admin', 'admin-password');
    assert.equal((await admin.request('PUT', '/api/access/users/frank/password', { json: { password: 'set-by-admin' } })).statusCode, 200, 'an admin sets it without current');
    assert.equal((await frank.request('GET', '/api/currentuser')).json().name, null, "the admin's change ended frank's sessions");
    const bob = await loggedIn('bob', 'bob-password');
    assert.equal((await bob.request('PUT', '/api/access/users/admin/password', { json: { password: 'hijack-hijack', current: 'x' } })).statusCode, 403);
  });

  it('makes a user API key shown once, lists only its prefix, replaces and revokes it', async () => {
    await addUser(t.app, 'gina', 'gina-password');
    const gina = await loggedIn('gina', 'gina-password');
    const made = await gina.request('POST', '/api/access/users/gina/apikey');
    assert.equal(made.statusCode, 200);
    const key = made.json().apikey as string;
    assert.match(key, /^[0-9A-F]{32}$/);
    const record = (await gina.request('GET', '/api/access/users/gina')).json();
    assert.equal(record.apikey, null);
    assert.equal(record.apikeyPrefix, key.slice(0, 8));
    const asGina = await t.app.http.inject({ method: 'GET', url: '/api/currentuser', headers: withKey(key) });
    assert.equal(asGina.json().name, 'gina');
    const again = (await gina.request('POST', '/api/access/users/gina/apikey')).json().apikey as string;
    assert.notEqual(again, key);
    assert.equal((await t.app.http.inject({ method: 'GET', url: '/api/currentuser', headers: withKey(key) })).json().name, null, 'the old key is dead');
    assert.equal((await gina.request('POST', '/api/access/users/bob/apikey')).statusCode, 403, "not someone else's");
    const revoked = await gina.request('DELETE', '/api/access/users/gina/apikey');
    assert.equal(revoked.statusCode, 200);
    assert.deepEqual(revoked.json(), {});
    assert.equal((await t.app.http.inject({ method: 'GET', url: '/api/currentuser', headers: withKey(again) })).json().name, null);
    const admin = await loggedIn('admin', 'admin-password');
    assert.equal((await admin.request('POST', '/api/access/users/gina/apikey')).statusCode, 200, 'an admin manages anyone');
  });

  it('deactivating a user stops their key, sessions and remember-me tokens at once', async () => {
    await addUser(t.app, 'hank', 'hank-password');
    const key = await t.app.access.accounts.generateApiKey('hank');
    const hank = await loggedIn('hank', 'hank-password');
    const admin = await loggedIn('admin', 'admin-password');
    assert.equal((await admin.request('PUT', '/api/access/users/hank', { json: { active: false } })).statusCode, 200);
    assert.equal((await t.app.http.inject({ method: 'GET', url: '/api/version', headers: withKey(key) })).statusCode, 403);
    assert.equal((await hank.request('GET', '/api/currentuser')).json().name, null);
    assert.equal((await browser().login(t.app, 'hank', 'hank-password')).statusCode, 403);
    await admin.request('PUT', '/api/access/users/hank', { json: { active: true } });
    assert.equal((await hank.request('GET', '/api/currentuser')).json().name, null, 'old sessions stay dead after reactivation');
  });

  it('deletes users (not yourself, not the last admin); their keys become anonymous', async () => {
    await addUser(t.app, 'ivan', 'ivan-password');
    const key = await t.app.access.accounts.generateApiKey('ivan');
    const admin = await loggedIn('admin', 'admin-password');
    const self = await admin.request('DELETE', '/api/access/users/admin');
    assert.equal(self.statusCode, 400);
    assert.deepEqual(self.json(), { error: 'You cannot delete yourself' });
    const removed = await admin.request('DELETE', '/api/access/users/ivan');
    assert.equal(removed.statusCode, 200);
    assert.ok(!(removed.json().users as Array<{ name: string }>).some((u) => u.name === 'ivan'));
    assert.equal((await t.app.http.inject({ method: 'GET', url: '/api/currentuser', headers: withKey(key) })).json().name, null);
    const demote = await admin.request('PUT', '/api/access/users/admin', { json: { groups: ['users'] } });
    assert.equal(demote.statusCode, 400, 'the last active admin stays an admin');
  });

  it('redirects the old /api/users paths with 307, any method, keeping the rest and the query', async () => {
    for (const [method, path, location] of [
      ['GET', '/api/users', '/api/access/users'],
      ['POST', '/api/users', '/api/access/users'],
      ['PUT', '/api/users/bob/password', '/api/access/users/bob/password'],
      ['GET', '/api/users/bob/settings?x=1', '/api/access/users/bob/settings?x=1'],
      ['DELETE', '/api/users/bob/apikey', '/api/access/users/bob/apikey'],
    ]) {
      const response = await t.app.http.inject({ method: method as 'GET', url: path as string });
      assert.equal(response.statusCode, 307, `${method} ${path}`);
      assert.equal(response.headers.location, location);
    }
  });
});
