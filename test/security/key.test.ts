// Catalogue section B (KEY): where keys are accepted, wrong and malformed keys, precedence, keys in logs, stale
// sessions and key material, revocation, deleted users, the app key workflow and its request limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertAlive, assertNoSecrets, assertRefused, sleep } from './support/checks.js';
import { PASSWORDS, seedUsers } from './support/fixtures.js';
import { Browser, send } from './support/http-client.js';
import { startSecurityServer } from './support/security-server.js';
import { useSeededServer } from './support/seeded-server.js';

const T = { timeout: 15_000 };

describe('KEY: API keys', () => {
  const suite = useSeededServer({ printer: true });
  const nameWith = async (headers: Record<string, string | string[]>, path = '/api/currentuser') =>
    (await send(suite.server.port, 'GET', path, { headers })).json<{ name: string | null }>().name;

  it('KEY-01: a valid key works as X-Api-Key, Bearer, ?apikey= and a form field on POST', T, async () => {
    const key = suite.fixtures.keys.alice;
    assert.equal((await send(suite.server.port, 'GET', '/api/version', { headers: { 'x-api-key': key } })).status, 200);
    assert.equal((await send(suite.server.port, 'GET', '/api/version', { headers: { authorization: `Bearer ${key}` } })).status, 200);
    assert.equal((await send(suite.server.port, 'GET', `/api/version?apikey=${key}`)).status, 200);
    const form = await send(suite.server.port, 'POST', '/api/login', { form: { apikey: key, passive: 'true' } });
    assert.equal(form.status, 200, form.text);
    assert.equal(form.json().name, 'alice');
  });

  it('KEY-02: a wrong key is the guest: 403, guest currentuser, and a command never reaches the printer', T, async () => {
    const headers = { 'x-api-key': 'wrong' };
    assert.equal((await send(suite.server.port, 'GET', '/api/version', { headers })).status, 403);
    assert.deepEqual((await send(suite.server.port, 'GET', '/api/currentuser', { headers })).json(), { name: null, permissions: [], groups: ['guests'] });
    suite.serial.clear();
    const command = await send(suite.server.port, 'POST', '/api/printer/command', { headers, json: { command: 'M117 key02' } });
    assertRefused(command, [400, 403], 'command with a wrong key');
    await sleep(300);
    assert.deepEqual(suite.serial.sent.filter((line) => line.includes('key02')), [], 'nothing reached the serial line');
  });

  it('KEY-03: empty, blank and malformed keys are no key; lower-case bearer and two spaces are not accepted', T, async () => {
    const key = suite.fixtures.keys.alice;
    const cases: Array<Record<string, string>> = [
      { 'x-api-key': '' },
      { 'x-api-key': '   ' },
      { authorization: 'Bearer ' },
      { authorization: 'Bearer' },
      { authorization: `bearer ${key}` },
      { authorization: `Bearer  ${key}` },
      { authorization: `Bearer ${key} extra` },
      { 'x-api-key': `${key}\u00a0`.replace('\u00a0', ' x') },
      { 'x-api-key': 'k'.repeat(8000) },
    ];
    for (const headers of cases) {
      const reply = await send(suite.server.port, 'GET', '/api/printer', { headers });
      assert.equal(reply.status, 403, JSON.stringify(headers).slice(0, 80));
      assert.equal(await nameWith(headers), null);
    }
    await assertAlive(suite.server);
  });

  it('KEY-05: conflicting keys: query beats header, the first query value wins, duplicates never pick another key', T, async () => {
    const alice = suite.fixtures.keys.alice;
    const bob = suite.fixtures.keys.bob;
    assert.equal((await send(suite.server.port, 'GET', '/api/version?apikey=invalid', { headers: { 'x-api-key': alice } })).status, 403);
    assert.equal(await nameWith({ 'x-api-key': alice }, '/api/currentuser?apikey=invalid'), null);
    assert.equal(await nameWith({}, `/api/currentuser?apikey=${alice}&apikey=${bob}`), 'alice');
    assert.equal(await nameWith({}, `/api/currentuser?apikey=invalid&apikey=${bob}`), null);
    assert.equal(await nameWith({ authorization: `Bearer ${bob}` }, `/api/currentuser?apikey=${alice}`), 'alice');
    assert.equal(await nameWith({ 'x-api-key': alice, authorization: `Bearer ${bob}` }), 'alice', 'X-Api-Key before Bearer');
    const doubled = await nameWith({ 'x-api-key': [alice, bob] });
    assert.ok(doubled === null || doubled === 'alice', `two X-Api-Key headers must not select bob (got ${doubled})`);
    assert.equal(await nameWith({ 'x-api-key': ['invalid', bob] }), null);
  });

  it('KEY-07: keys in URLs (404s and successes alike) never reach the log or the log files', T, async () => {
    const key = suite.fixtures.keys.bob;
    assert.equal((await send(suite.server.port, 'GET', `/api/doesnotexist?apikey=${key}`)).status, 404);
    assert.equal((await send(suite.server.port, 'GET', `/api/printer?apikey=${key}`)).status, 200);
    assert.equal((await send(suite.server.port, 'POST', `/api/printer/command?apikey=${key}`, { json: { command: 'M117 x\ny' } })).status, 400);
    assert.equal((await send(suite.server.port, 'GET', `/api/files/local/nothing.gcode?apikey=${key}`)).status, 404);
    await send(suite.server.port, 'POST', `/api/login?apikey=${key}`, { json: { user: 'bob', pass: 'wrong' }, headers: { 'x-forwarded-for': '198.51.100.77' } });
    assertNoSecrets(await suite.server.allLogs(), suite.fixtures.secrets(), 'the server log');
  });

  it('KEY-08: a stale admin session sees no key material and cannot make or drop keys', T, async () => {
    const admin = new Browser(suite.server.port);
    assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
    suite.server.advance(6 * 60_000);
    const user = await admin.request('GET', '/api/access/users/alice');
    assert.equal(user.status, 200);
    assert.equal(user.json().apikey, null);
    assert.equal((await admin.request('POST', '/api/access/users/alice/apikey')).status, 403);
    assert.equal((await admin.request('DELETE', '/api/access/users/alice/apikey')).status, 403);
    const settings = await admin.request('GET', '/api/settings');
    assert.equal(settings.status, 200);
    assert.equal(settings.json<{ api: { key: unknown } }>().api.key, null);
    assertNoSecrets(user.text + settings.text, suite.fixtures.secrets(), 'user record and settings');
    assert.equal(await nameWith({ 'x-api-key': suite.fixtures.keys.alice }), 'alice', 'the key still works');
  });

  it('KEY-10: a revoked user key and a revoked app key stop working at once; other keys are unaffected', T, async () => {
    const admin = new Browser(suite.server.port);
    assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
    assert.equal(await nameWith({ 'x-api-key': suite.fixtures.keys.bob }), 'bob');
    assert.equal((await admin.request('DELETE', '/api/access/users/bob/apikey')).status, 200);
    const started = Date.now();
    assert.equal((await send(suite.server.port, 'GET', '/api/version', { headers: { 'x-api-key': suite.fixtures.keys.bob } })).status, 403);
    assert.ok(Date.now() - started < 1000);
    assert.equal(await nameWith({ 'x-api-key': suite.fixtures.appKey }), 'alice');
    const alice = new Browser(suite.server.port);
    assert.equal((await alice.login('alice', PASSWORDS.alice)).status, 200);
    assert.equal((await alice.request('POST', '/api/plugin/appkeys', { json: { command: 'revoke', app: 'AppA' } })).status, 204);
    assert.equal((await send(suite.server.port, 'GET', '/api/version', { headers: { 'x-api-key': suite.fixtures.appKey } })).status, 403);
    assert.equal(await nameWith({ 'x-api-key': suite.fixtures.keys.alice }), 'alice', "alice's user key still works");
    assert.equal(await nameWith({ 'x-api-key': suite.fixtures.keys.ro }), 'ro');
  });

  it('KEY-11: once a user is deleted, their user key and app keys are anonymous', T, async () => {
    const second = (await suite.server.app.appKeys.generate('alice', 'AppC')).apiKey;
    assert.equal(await nameWith({ 'x-api-key': second }), 'alice');
    const admin = new Browser(suite.server.port);
    assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
    assert.equal((await admin.request('DELETE', '/api/access/users/alice')).status, 200);
    for (const key of [suite.fixtures.keys.alice, second]) {
      assert.equal((await send(suite.server.port, 'GET', '/api/version', { headers: { 'x-api-key': key } })).status, 403);
      assert.equal(await nameWith({ 'x-api-key': key }), null);
    }
  });
});

describe('KEY-12: the app key workflow', () => {
  const suite = useSeededServer();

  async function request(app: string): Promise<string> {
    const reply = await send(suite.server.port, 'POST', '/plugin/appkeys/request', { json: { app, user: 'alice' }, headers: { 'x-forwarded-for': '198.51.100.200' } });
    assert.equal(reply.status, 201, reply.text);
    assert.match(String(reply.headers.location), /\/plugin\/appkeys\/request\/.+$/);
    return reply.json<{ app_token: string }>().app_token;
  }

  async function userToken(alice: Browser, app: string): Promise<string> {
    const list = await alice.request('GET', '/api/plugin/appkeys');
    const pending = list.json<{ pending: Record<string, { app_id: string }> }>().pending;
    const token = Object.entries(pending).find(([, record]) => record.app_id === app)?.[0];
    assert.ok(token, `a pending request for ${app}: ${list.text}`);
    return token;
  }

  it('201 + Location, 202 while pending, the key once after approval, then 404; decisions need login, CSRF and fresh credentials', T, async () => {
    const appToken = await request('T');
    const poll = () => send(suite.server.port, 'GET', `/plugin/appkeys/request/${appToken}`);
    assert.equal((await poll()).status, 202);
    const alice = new Browser(suite.server.port);
    assert.equal((await alice.login('alice', PASSWORDS.alice)).status, 200);
    const token = await userToken(alice, 'T');
    const url = `/plugin/appkeys/decision/${token}`;
    assert.equal((await alice.request('POST', url, { json: { decision: true }, csrf: false })).status, 400, 'without CSRF');
    assert.equal((await send(suite.server.port, 'POST', url, { json: { decision: true } })).status, 400, 'anonymous without CSRF');
    const anonymous = new Browser(suite.server.port);
    await anonymous.csrf();
    assert.equal((await anonymous.request('POST', url, { json: { decision: true } })).status, 403, 'without login');
    suite.server.advance(6 * 60_000);
    assert.equal((await alice.request('POST', url, { json: { decision: true } })).status, 403, 'with stale credentials');
    assert.equal((await alice.request('POST', '/api/login', { json: { user: 'alice', pass: PASSWORDS.alice } })).status, 200);
    const appToken2 = await request('T2');
    const token2 = await userToken(alice, 'T2');
    assert.equal((await alice.request('POST', `/plugin/appkeys/decision/${token2}`, { json: { decision: true } })).status, 204);
    const poll2 = () => send(suite.server.port, 'GET', `/plugin/appkeys/request/${appToken2}`);
    const granted = await poll2();
    assert.equal(granted.status, 200);
    const apiKey = granted.json<{ api_key: string }>().api_key;
    assert.match(String(granted.headers['cache-control']), /no-store/);
    assert.equal((await send(suite.server.port, 'GET', '/api/currentuser', { headers: { 'x-api-key': apiKey } })).json().name, 'alice');
    assert.equal((await poll2()).status, 404, 'the key is handed out once');
    assert.equal((await poll2()).status, 404);
  });

  it('a request nobody polls for more than 5 s expires (404)', T, async () => {
    const appToken = await request('Sleepy');
    assert.equal((await send(suite.server.port, 'GET', `/plugin/appkeys/request/${appToken}`)).status, 202);
    suite.server.advance(6000);
    assert.equal((await send(suite.server.port, 'GET', `/plugin/appkeys/request/${appToken}`)).status, 404);
  });
});

describe('KEY-14: app key requests are limited per address', () => {
  it('with a limit of 3 a minute, the 4th request within 60 s gets 429; another address is not affected', T, async () => {
    const server = await startSecurityServer({ config: { plugins: { appkeys: { requestRateLimit: 3 } } } });
    try {
      await seedUsers(server);
      const ask = (address: string) => send(server.port, 'POST', '/plugin/appkeys/request', { json: { app: 'Flood' }, headers: { 'x-forwarded-for': address } });
      for (let i = 0; i < 3; i += 1) assert.equal((await ask('203.0.113.50')).status, 201);
      const fourth = await ask('203.0.113.50');
      assert.equal(fourth.status, 429);
      assert.ok(Number(fourth.headers['retry-after']) > 0);
      assert.equal((await ask('203.0.113.51')).status, 201);
    } finally {
      await server.close();
    }
  });

  it('by default, 20 a minute', T, async () => {
    const server = await startSecurityServer();
    try {
      await seedUsers(server);
      const ask = () => send(server.port, 'POST', '/plugin/appkeys/request', { json: { app: 'Flood' }, headers: { 'x-forwarded-for': '203.0.113.60' } });
      for (let i = 0; i < 20; i += 1) assert.equal((await ask()).status, 201);
      assert.equal((await ask()).status, 429);
      await assertAlive(server);
    } finally {
      await server.close();
    }
  });
});
