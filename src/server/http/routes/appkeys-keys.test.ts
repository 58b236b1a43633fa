// App keys in use over HTTP: scopes (403 outside, never more than the user has now), expiry, revocation, generate,
// listings (prefix only), admin views, and what deactivating or removing the user does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addUser } from '../../../../test/support/auth-client.js';
import type { BrowserClient } from '../../../../test/support/auth-client.js';
import { useAppKeysApp } from '../../../../test/support/appkeys-app.js';

const MINUTE = 60_000;

describe('app keys in use over HTTP', () => {
  const harness = useAppKeysApp({ start: Date.UTC(2025, 3, 1, 8), subnet: '198.51.100' });
  const { nextIp, loggedIn } = harness;

  const withKey = (apiKey: string, method: string, url: string) => harness.app.http.inject({ method: method as 'GET', url, headers: { 'x-api-key': apiKey } });
  const whoIs = async (apiKey: string) => (await withKey(apiKey, 'GET', '/api/currentuser')).json() as { name: string | null; permissions: string[] };

  /** The whole workflow as an app and its user would run it; returns the key. */
  const obtainKey = async (browser: BrowserClient, request: Record<string, unknown>, decision: Record<string, unknown> = {}) => {
    const asked = await harness.app.http.inject({
      method: 'POST',
      url: '/plugin/appkeys/request',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() },
      payload: JSON.stringify(request),
    });
    assert.equal(asked.statusCode, 201, asked.body);
    const pending = (await browser.request('GET', '/api/plugin/appkeys')).json().pending as Record<string, { app_id: string; permissions: string[] | null }>;
    const [userToken, entry] = Object.entries(pending).find(([, p]) => p.app_id === request.app) ?? [];
    assert.ok(userToken && entry);
    assert.deepEqual(entry.permissions, request.permissions ?? null);
    const decided = await browser.request('POST', `/plugin/appkeys/decision/${userToken}`, { json: { decision: true, ...decision } });
    assert.equal(decided.statusCode, 204, decided.body);
    const granted = await harness.app.http.inject({ method: 'GET', url: `/plugin/appkeys/request/${asked.json().app_token}` });
    assert.equal(granted.statusCode, 200);
    return granted.json().api_key as string;
  };

  it('refuses a scoped key outside its scope with 403, and never gives more than the user has', async () => {
    const alice = await loggedIn('alice');
    const apiKey = await obtainKey(alice, { app: 'Dashboard', user: 'alice', permissions: ['STATUS', 'FILES_LIST', 'SYSTEM'] }, { permissions: ['STATUS', 'SYSTEM'] });
    const me = await whoIs(apiKey);
    assert.equal(me.name, 'alice');
    assert.deepEqual(me.permissions, ['STATUS'], 'SYSTEM is not alice’s, FILES_LIST was narrowed away');
    assert.equal((await withKey(apiKey, 'GET', '/api/version')).statusCode, 200);
    assert.equal((await withKey(apiKey, 'GET', '/api/files')).statusCode, 403);
    assert.equal((await withKey(apiKey, 'GET', '/api/settings')).statusCode, 403);
    const listed = (await alice.request('GET', '/api/plugin/appkeys')).json().keys.find((k: { app_id: string }) => k.app_id === 'Dashboard');
    assert.deepEqual(listed.permissions, ['STATUS', 'SYSTEM']);
    const narrowedWrongly = await harness.app.http.inject({
      method: 'POST',
      url: '/plugin/appkeys/request',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() },
      payload: JSON.stringify({ app: 'Greedy', user: 'alice', permissions: ['STATUS'] }),
    });
    const token = Object.keys((await alice.request('GET', '/api/plugin/appkeys')).json().pending)[0] as string;
    const widened = await alice.request('POST', `/plugin/appkeys/decision/${token}`, { json: { decision: true, permissions: ['STATUS', 'PRINT'] } });
    assert.equal(widened.statusCode, 400, 'an approver narrows, never widens');
    assert.equal(narrowedWrongly.statusCode, 201);
  });

  it('follows the user’s permissions now: a full key loses what the user loses, and a deactivated user’s key is anonymous', async () => {
    const bob = await loggedIn('bob');
    const apiKey = await obtainKey(bob, { app: 'Follows', user: 'bob' });
    assert.ok((await whoIs(apiKey)).permissions.includes('PRINT'));
    await harness.app.access.accounts.updateUser('bob', { groups: ['readonly'] });
    const reduced = await whoIs(apiKey);
    assert.equal(reduced.name, 'bob');
    assert.ok(!reduced.permissions.includes('PRINT'));
    await harness.app.access.accounts.updateUser('bob', { groups: ['users'], active: false });
    assert.equal((await whoIs(apiKey)).name, null);
    assert.equal((await withKey(apiKey, 'GET', '/api/version')).statusCode, 403);
    await harness.app.access.accounts.updateUser('bob', { active: true });
    assert.equal((await whoIs(apiKey)).name, 'bob');
  });

  it('expires a key given a lifetime', async () => {
    const alice = await loggedIn('alice');
    const apiKey = await obtainKey(alice, { app: 'Short', user: 'alice', expires_in: 3600 }, { expires_in: 60 });
    const listed = (await alice.request('GET', '/api/plugin/appkeys')).json().keys.find((k: { app_id: string }) => k.app_id === 'Short');
    assert.equal(listed.expires, Math.floor((harness.clock + MINUTE) / 1000), 'the shorter lifetime wins');
    assert.equal((await whoIs(apiKey)).name, 'alice');
    harness.clock += MINUTE + 1;
    assert.equal((await whoIs(apiKey)).name, null);
  });

  it('revokes: the key is anonymous at once; revoking needs fresh credentials and one’s own key or PLUGIN_APPKEYS_ADMIN', async () => {
    const alice = await loggedIn('alice');
    const apiKey = await obtainKey(alice, { app: 'Revocable', user: 'alice' });
    const other = await obtainKey(alice, { app: 'Stays', user: 'alice' });
    const bob = await loggedIn('bob');
    const foreign = await bob.request('POST', '/api/plugin/appkeys', { json: { command: 'revoke', app: 'Revocable', user: 'alice' } });
    assert.equal(foreign.statusCode, 403);
    const byKeyForeign = await bob.request('POST', '/api/plugin/appkeys', { json: { command: 'revoke', key: apiKey } });
    assert.equal(byKeyForeign.statusCode, 403);
    harness.clock += 6 * MINUTE;
    const stale = await alice.request('POST', '/api/plugin/appkeys', { json: { command: 'revoke', app: 'revocable' } });
    assert.equal(stale.statusCode, 403);
    assert.equal((await whoIs(apiKey)).name, 'alice');
    const fresh = await loggedIn('alice');
    assert.equal((await fresh.request('POST', '/api/plugin/appkeys', { json: { command: 'revoke', app: 'revocable' } })).statusCode, 204);
    assert.equal((await whoIs(apiKey)).name, null, 'anonymous at once');
    assert.equal((await whoIs(other)).name, 'alice', 'other keys unaffected');
    const again = await fresh.request('POST', '/api/plugin/appkeys', { json: { command: 'revoke', app: 'Revocable' } });
    assert.deepEqual([again.statusCode, again.json()], [400, { error: 'Need either app or key' }]);
    const admin = await loggedIn('admin');
    assert.equal((await admin.request('POST', '/api/plugin/appkeys', { json: { command: 'revoke', key: other } })).statusCode, 204);
    assert.equal((await whoIs(other)).name, null);
  });

  it('approving an app that already has a key issues a new key and retires the old one', async () => {
    const alice = await loggedIn('alice');
    const first = await obtainKey(alice, { app: 'Twice', user: 'alice' });
    const second = await obtainKey(alice, { app: 'twice', user: 'alice' });
    assert.notEqual(second, first);
    assert.equal((await whoIs(first)).name, null);
    assert.equal((await whoIs(second)).name, 'alice');
    const listed = (await alice.request('GET', '/api/plugin/appkeys')).json().keys.filter((k: { app_id: string }) => k.app_id.toLowerCase() === 'twice');
    assert.equal(listed.length, 1);
  });

  it('generates a key shown once; a second one for the same app replaces it; listings show prefixes only', async () => {
    const alice = await loggedIn('alice');
    const first = await alice.request('POST', '/api/plugin/appkeys', { json: { command: 'generate', app: 'Manual' } });
    assert.equal(first.statusCode, 200);
    const body = first.json();
    assert.equal(body.app_id, 'Manual');
    assert.equal(body.user_id, 'alice');
    assert.equal(body.prefix, (body.api_key as string).slice(0, 8));
    const second = (await alice.request('POST', '/api/plugin/appkeys', { json: { command: 'generate', app: 'MANUAL' } })).json();
    assert.notEqual(second.api_key, body.api_key, 'never the existing key');
    assert.equal((await whoIs(body.api_key)).name, null, 'the old key is replaced');
    assert.equal((await whoIs(second.api_key)).name, 'alice');
    const one = await alice.request('GET', '/api/plugin/appkeys?app=manual');
    assert.equal(one.json().key.prefix, (second.api_key as string).slice(0, 8));
    assert.equal('api_key' in one.json().key, false);
    assert.equal((await alice.request('GET', '/api/plugin/appkeys?app=nothing')).statusCode, 404);
    assert.equal((await alice.request('GET', '/api/plugin/appkeys?app=manual&user=admin')).statusCode, 403);
    assert.equal((await alice.request('POST', '/api/plugin/appkeys', { json: { command: 'generate' } })).statusCode, 400);
    assert.equal((await alice.request('POST', '/api/plugin/appkeys', { json: { command: 'generate', app: 'X', user: 'bob' } })).statusCode, 403);
    const byAppKey = await harness.app.http.inject({
      method: 'POST',
      url: '/api/plugin/appkeys',
      headers: { 'x-api-key': second.api_key, 'content-type': 'application/json' },
      payload: '{"command":"generate","app":"Spawned"}',
    });
    assert.equal(byAppKey.statusCode, 403, 'an app key cannot make keys');
  });

  it('lists everyone’s keys only for PLUGIN_APPKEYS_ADMIN with ?all=true; guests get 403', async () => {
    assert.equal((await harness.app.http.inject({ method: 'GET', url: '/api/plugin/appkeys' })).statusCode, 403);
    const admin = await loggedIn('admin');
    const made = await admin.request('POST', '/api/plugin/appkeys', { json: { command: 'generate', app: 'ForBob', user: 'bob' } });
    assert.equal(made.statusCode, 200);
    assert.equal(made.json().user_id, 'bob');
    assert.equal((await admin.request('POST', '/api/plugin/appkeys', { json: { command: 'generate', app: 'X', user: 'nobody' } })).statusCode, 404);
    const all = (await admin.request('GET', '/api/plugin/appkeys?all=true')).json().keys as Array<{ user_id: string }>;
    assert.ok(all.some((k) => k.user_id === 'alice') && all.some((k) => k.user_id === 'bob'));
    const alice = await loggedIn('alice');
    const own = (await alice.request('GET', '/api/plugin/appkeys?all=true')).json().keys as Array<{ user_id: string }>;
    assert.ok(own.length > 0 && own.every((k) => k.user_id === 'alice'));
    assert.equal((await admin.request('GET', '/api/plugin/appkeys?app=forbob&user=bob')).json().key.user_id, 'bob');
  });

  it('forgets the keys of a removed user, so a new user of that name does not inherit them', async () => {
    await addUser(harness.app, 'carol', 'carol-password');
    const carol = await loggedIn('carol');
    const apiKey = await obtainKey(carol, { app: 'Temp', user: 'carol' });
    await harness.app.access.accounts.removeUser('carol', 'admin');
    await addUser(harness.app, 'carol', 'carol-password');
    assert.equal((await whoIs(apiKey)).name, null);
    assert.deepEqual(harness.app.appKeys.keysOf('carol'), []);
  });
});
