// The app keys workflow over HTTP: probe, request, polls, decision, single delivery, denial, expiry, rate limit, CSRF.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BrowserClient } from '../../../../test/support/auth-client.js';
import { useAppKeysApp } from '../../../../test/support/appkeys-app.js';
import { MESSAGES } from '../errors.js';

const MINUTE = 60_000;
const CONFIG = 'plugins:\n  discovery:\n    enabled: false\n  appkeys:\n    requestRateLimit: 3\n';

describe('app keys workflow over HTTP', () => {
  const harness = useAppKeysApp({ start: Date.UTC(2025, 2, 1, 12), subnet: '203.0.113', config: CONFIG, moreUsers: [['ro', ['readonly']]] });
  const { nextIp, loggedIn } = harness;

  const ask = (body: unknown, address = nextIp(), headers: Record<string, string> = {}) =>
    harness.app.http.inject({
      method: 'POST',
      url: '/plugin/appkeys/request',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers },
      payload: JSON.stringify(body),
    });
  const startRequest = async (body: Record<string, unknown>, address = nextIp()) => {
    const response = await ask(body, address);
    assert.equal(response.statusCode, 201, response.body);
    return response.json().app_token as string;
  };
  const poll = (appToken: string) => harness.app.http.inject({ method: 'GET', url: `/plugin/appkeys/request/${appToken}` });
  const userTokenFor = async (browser: BrowserClient, app: string) => {
    const listing = await browser.request('GET', '/api/plugin/appkeys');
    assert.equal(listing.statusCode, 200);
    const entry = Object.values(listing.json().pending as Record<string, { app_id: string; user_token: string }>).find((p) => p.app_id === app);
    assert.ok(entry, `a pending request of ${app}`);
    return entry.user_token;
  };

  it('probes with 204 and starts a request with 201, an absolute Location and the auth dialog URL', async () => {
    const probe = await harness.app.http.inject({ method: 'GET', url: '/plugin/appkeys/probe' });
    assert.equal(probe.statusCode, 204);
    const response = await ask({ app: 'Cura', user: 'alice' });
    assert.equal(response.statusCode, 201);
    const body = response.json();
    assert.match(body.app_token, /^[0-9A-F]{32}$/);
    assert.equal(response.headers.location, `http://localhost:80/plugin/appkeys/request/${body.app_token}`);
    assert.equal(body.auth_dialog, `http://localhost:80/plugin/appkeys/auth/${body.app_token}?user=alice`);
    const pending = await poll(body.app_token);
    assert.equal(pending.statusCode, 202);
    assert.deepEqual(pending.json(), { message: 'Awaiting decision' });
  });

  it('approves through the decision endpoint: the key comes exactly once, then 404, and works as its user', async () => {
    const address = nextIp();
    const appToken = await startRequest({ app: 'Slicer', user: 'alice' }, address);
    const alice = await loggedIn('alice');
    const listing = (await alice.request('GET', '/api/plugin/appkeys')).json();
    const userToken = await userTokenFor(alice, 'Slicer');
    assert.notEqual(userToken, appToken, 'the user token is not the app token');
    assert.ok(!JSON.stringify(listing).includes(appToken), 'the app token is never listed');
    assert.deepEqual(listing.pending[userToken], { app_id: 'Slicer', user_id: 'alice', user_token: userToken, remote_address: address, permissions: null });
    assert.equal((await poll(appToken)).statusCode, 202);
    const decided = await alice.request('POST', `/plugin/appkeys/decision/${userToken}`, { json: { decision: true } });
    assert.equal(decided.statusCode, 204, decided.body);
    const granted = await poll(appToken);
    assert.equal(granted.statusCode, 200);
    assert.equal(granted.headers['cache-control'], 'no-store');
    const apiKey = granted.json().api_key as string;
    assert.match(apiKey, /^[0-9A-F]{32}$/);
    assert.equal((await poll(appToken)).statusCode, 404, 'delivered once');
    assert.equal((await poll(appToken)).statusCode, 404);

    for (const headers of [{ 'x-api-key': apiKey }, { authorization: `Bearer ${apiKey}` }]) {
      const me = await harness.app.http.inject({ method: 'GET', url: '/api/currentuser', headers });
      assert.equal(me.json().name, 'alice');
      assert.ok(me.json().permissions.includes('PRINT'));
    }
    const byParam = await harness.app.http.inject({ method: 'GET', url: `/api/currentuser?apikey=${apiKey}` });
    assert.equal(byParam.json().name, 'alice');
    const keys = (await alice.request('GET', '/api/plugin/appkeys')).json().keys;
    assert.equal(keys.length, 1);
    assert.deepEqual(Object.keys(keys[0]).sort(), ['app_id', 'created', 'expires', 'last_used', 'permissions', 'prefix', 'user_id']);
    assert.equal(keys[0].prefix, apiKey.slice(0, 8));
    assert.equal(keys[0].last_used, Math.floor(harness.clock / 1000));
    assert.ok(!JSON.stringify(keys).includes(apiKey), 'never the whole key (D3)');
  });

  it('lets a request naming nobody be decided by whoever decides; the key is theirs', async () => {
    const appToken = await startRequest({ app: 'Phone' });
    const bob = await loggedIn('bob');
    assert.equal((await bob.request('POST', `/plugin/appkeys/decision/${await userTokenFor(bob, 'Phone')}`, { json: { decision: 'yes' } })).statusCode, 204);
    const apiKey = (await poll(appToken)).json().api_key as string;
    const me = await harness.app.http.inject({ method: 'GET', url: '/api/currentuser', headers: { 'x-api-key': apiKey } });
    assert.equal(me.json().name, 'bob');
  });

  it('refuses deciding for someone else (even as admin), without GRANT, without login, stale, or with an app key', async () => {
    const appToken = await startRequest({ app: 'Guarded', user: 'alice' });
    const alice = await loggedIn('alice');
    const userToken = await userTokenFor(alice, 'Guarded');
    const decide = (client: BrowserClient) => client.request('POST', `/plugin/appkeys/decision/${userToken}`, { json: { decision: true } });
    // For another user the request does not exist (OctoPrint's 404), for admins too.
    for (const other of ['bob', 'admin']) {
      const answer = await decide(await loggedIn(other));
      assert.deepEqual([answer.statusCode, answer.json()], [404, { error: MESSAGES.notFound }], other);
    }
    assert.equal((await decide(await loggedIn('ro'))).statusCode, 403, 'no PLUGIN_APPKEYS_GRANT');
    const guest = new BrowserClient(harness.app.http, { 'x-forwarded-for': nextIp() });
    guest.seedCsrf(harness.app);
    assert.equal((await decide(guest)).statusCode, 403, 'guest');
    const missing = await alice.request('POST', `/plugin/appkeys/decision/${userToken}`, { json: {} });
    assert.deepEqual([missing.statusCode, missing.json()], [400, { error: 'No decision provided' }]);
    assert.equal((await alice.request('POST', '/plugin/appkeys/decision/NOSUCHTOKEN', { json: { decision: true } })).statusCode, 404);
    const { apiKey } = await harness.app.appKeys.generate('alice', 'Helper');
    const byAppKey = await harness.app.http.inject({
      method: 'POST',
      url: `/plugin/appkeys/decision/${userToken}`,
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
      payload: '{"decision":true}',
    });
    assert.equal(byAppKey.statusCode, 403, 'an app key cannot grant keys');
    assert.equal((await poll(appToken)).statusCode, 202, 'still waiting');
    harness.clock += 4_000;
    assert.equal((await poll(appToken)).statusCode, 202);
    harness.clock += 6 * MINUTE;
    const stale = await decide(alice);
    assert.deepEqual([stale.statusCode, stale.json()], [403, { error: 'Please reauthenticate with your credentials' }]);
  });

  it('denies: the app gets 404 and the request is gone', async () => {
    const appToken = await startRequest({ app: 'Unwanted', user: 'alice' });
    const alice = await loggedIn('alice');
    const userToken = await userTokenFor(alice, 'Unwanted');
    assert.equal((await alice.request('POST', `/plugin/appkeys/decision/${userToken}`, { json: { decision: false } })).statusCode, 204);
    assert.equal((await poll(appToken)).statusCode, 404);
    assert.deepEqual((await alice.request('GET', '/api/plugin/appkeys')).json().pending, {});
  });

  it('expires a request not polled for 5 s', async () => {
    const appToken = await startRequest({ app: 'Sleepy', user: 'alice' });
    const alice = await loggedIn('alice');
    const userToken = await userTokenFor(alice, 'Sleepy');
    harness.clock += 5_001;
    assert.equal((await poll(appToken)).statusCode, 404);
    assert.equal((await alice.request('POST', `/plugin/appkeys/decision/${userToken}`, { json: { decision: true } })).statusCode, 404);
    assert.equal((await harness.app.http.inject({ method: 'GET', url: '/plugin/appkeys/request/NOSUCHTOKEN' })).statusCode, 404);
  });

  it('rate-limits requests per client address with 429 and an error body', async () => {
    const address = nextIp();
    for (let i = 0; i < 3; i += 1) assert.equal((await ask({ app: `Flood ${i}` }, address)).statusCode, 201);
    const limited = await ask({ app: 'Flood 3' }, address);
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error, 'You have made too many app key requests. Please try again later.');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await ask({ app: 'Elsewhere' }, nextIp())).statusCode, 201, 'other addresses are not limited');
    harness.clock += MINUTE;
    assert.equal((await ask({ app: 'Later' }, address)).statusCode, 201);
  });

  it('checks the request body: 400 without an app, 415 without JSON', async () => {
    const none = await ask({ user: 'alice' });
    assert.deepEqual([none.statusCode, none.json()], [400, { error: 'No app name provided' }]);
    assert.equal((await ask({ app: 'A', permissions: ['FLY'] })).statusCode, 400);
    const form = await harness.app.http.inject({ method: 'POST', url: '/plugin/appkeys/request', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': nextIp() }, payload: 'app=A' });
    assert.equal(form.statusCode, 415);
  });

  it('exempts only the request endpoint from CSRF', async () => {
    const alice = await loggedIn('alice');
    const cookie = [...alice.cookies].map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join('; ');
    const withSession = await ask({ app: 'Exempt', user: 'alice' }, nextIp(), { cookie });
    assert.equal(withSession.statusCode, 201, 'a session cookie without X-CSRF-Token still may ask');
    const userToken = await userTokenFor(alice, 'Exempt');
    const noCsrf = await alice.request('POST', `/plugin/appkeys/decision/${userToken}`, { json: { decision: true }, csrf: false });
    assert.deepEqual([noCsrf.statusCode, noCsrf.json()], [400, { error: 'CSRF validation failed' }]);
    const generate = await alice.request('POST', '/api/plugin/appkeys', { json: { command: 'generate', app: 'X' }, csrf: false });
    assert.equal(generate.statusCode, 400);
    const dialog = await alice.request('POST', `/plugin/appkeys/auth/${withSession.json().app_token}`, { json: { decision: true }, csrf: false });
    assert.equal(dialog.statusCode, 400);
    assert.equal((await alice.request('POST', `/plugin/appkeys/decision/${userToken}`, { json: { decision: true } })).statusCode, 204);
  });
});
