// Section 4 of the catalogue ("beyond OctoPrint"): each item with its check. Items covered by a catalogue case
// elsewhere are named there: 9 CSRF binding (csrf.test.ts), 10 cookie flags (sess.test.ts SESS-01), 11 trusted
// proxies (proxy.test.ts), 15 CORS (cors.test.ts), 17 uploads (file.test.ts), 18 G-code (gcode.test.ts),
// 19 websockets (ws.test.ts), 20 slow clients (dos.test.ts), 21 first run (AUTH-07), 22 re-authentication
// (AUTH-14, SESS-09, KEY-08, KEY-12).
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertNoSecrets, sleep } from './support/checks.js';
import { PASSWORDS, seedUsers } from './support/fixtures.js';
import type { Fixtures } from './support/fixtures.js';
import { Browser, send } from './support/http-client.js';
import { ROUTES } from './support/route-table.js';
import { startSecurityServer } from './support/security-server.js';
import type { SecurityServer } from './support/security-server.js';

const T = { timeout: 20_000 };

describe('hardening beyond OctoPrint', () => {
  let server: SecurityServer;
  let fixtures: Fixtures;
  let admin: Browser;
  const issued: string[] = [];

  before(async () => {
    server = await startSecurityServer();
    fixtures = await seedUsers(server);
    admin = new Browser(server.port);
    assert.equal((await admin.login('admin', PASSWORDS.admin, true)).status, 200);
  });
  after(() => server.close());

  it('item 1: API keys (user keys, generated and approved app keys) are never stored in plain text', T, async () => {
    const userKey = (await admin.request('POST', '/api/access/users/bob/apikey')).json<{ apikey: string }>().apikey;
    const generated = (await admin.request('POST', '/api/plugin/appkeys', { json: { command: 'generate', app: 'Hashed' } })).json<{ api_key: string }>().api_key;
    const requested = await send(server.port, 'POST', '/plugin/appkeys/request', { json: { app: 'Flow', user: 'admin' }, headers: { 'x-forwarded-for': '203.0.113.80' } });
    const token = Object.keys((await admin.request('GET', '/api/plugin/appkeys')).json<{ pending: Record<string, unknown> }>().pending)[0] ?? '';
    assert.equal((await admin.request('POST', `/plugin/appkeys/decision/${token}`, { json: { decision: true } })).status, 204);
    const approved = (await send(server.port, 'GET', `/plugin/appkeys/request/${requested.json<{ app_token: string }>().app_token}`)).json<{ api_key: string }>().api_key;
    issued.push(userKey, generated, approved);
    for (const key of [userKey, generated, approved]) {
      assert.match(key, /^[0-9A-Za-z_-]{16,}$/);
      assert.equal((await send(server.port, 'GET', '/api/currentuser', { headers: { 'x-api-key': key } })).json().name !== null, true);
    }
    await server.app.access.close();
    await sleep(100);
    const files = server.basedirFiles().filter((f) => !f.path.includes('/logs/'));
    assert.ok(files.some((f) => f.path.endsWith('users.yaml')) && files.some((f) => f.path.endsWith('keys.yaml')));
    for (const file of files) assertNoSecrets(file.text, [...issued, ...fixtures.secrets()], file.path);
  });

  it('item 12: ?apikey= still works but is flagged deprecated, and the key is kept out of every log', T, async () => {
    const reply = await send(server.port, 'GET', `/api/version?apikey=${fixtures.keys.ro}`);
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.deprecation, 'true');
    assert.match(String(reply.headers.warning), /^299 /);
    assert.equal((await send(server.port, 'GET', '/api/version', { headers: { 'x-api-key': fixtures.keys.ro } })).headers.deprecation, undefined);
    const page = await send(server.port, 'GET', '/', { headers: { accept: 'text/html' } });
    assert.match(String(page.headers['referrer-policy']), /no-referrer|same-origin|strict-origin/);
    assertNoSecrets(await server.allLogs(), [...issued, ...fixtures.secrets()], 'logs');
  });

  it('item 14: every answer has nosniff, a framing rule and a referrer policy; HTML gets a CSP; auth answers are not cached', T, async () => {
    const failures: string[] = [];
    for (const entry of ROUTES) {
      if (entry.last || entry.streaming || entry.template.includes('/xhr')) continue; // hijacked SockJS streams write their own headers
      const path = (entry.path ?? entry.template).replace('SESSION', 'headers');
      const reply = await admin.request(entry.method, path, entry.json === undefined ? {} : { json: entry.json });
      const h = reply.headers;
      const what = `${entry.method} ${path} (${reply.status})`;
      if (h['x-content-type-options'] !== 'nosniff') failures.push(`${what}: nosniff`);
      if (!h['x-frame-options'] && !/frame-ancestors/.test(String(h['content-security-policy']))) failures.push(`${what}: framing`);
      if (!h['referrer-policy']) failures.push(`${what}: Referrer-Policy`);
      if (String(h['content-type']).startsWith('text/html') && !/default-src/.test(String(h['content-security-policy']))) failures.push(`${what}: CSP`);
    }
    assert.deepEqual(failures, []);
    const browser = new Browser(server.port);
    const login = await browser.login('alice', PASSWORDS.alice);
    assert.match(String(login.headers['cache-control']), /no-store/, 'the login answer (with the socket session token) is not cached');
    const key = await admin.request('POST', '/api/access/users/ro/apikey');
    assert.match(String(key.headers['cache-control']), /no-store/, 'a new key is not cached');
  });

  it('item 16: JSON only on JSON routes, depth 32 at most, and __proto__/constructor keys are dropped', T, async () => {
    const alice = new Browser(server.port);
    await alice.login('alice', PASSWORDS.alice);
    assert.equal((await alice.request('PATCH', '/api/access/users/alice/settings', { body: '{"a":1}', headers: { 'content-type': 'text/plain' } })).status, 415);
    const nest = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    assert.equal((await alice.request('PATCH', '/api/access/users/alice/settings', { body: nest(31), headers: { 'content-type': 'application/json' } })).status, 200);
    assert.equal((await alice.request('PATCH', '/api/access/users/alice/settings', { body: nest(40), headers: { 'content-type': 'application/json' } })).status, 400);
    const polluting = '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted2": true}}, "ok": 1}';
    assert.equal((await alice.request('PATCH', '/api/access/users/alice/settings', { body: polluting, headers: { 'content-type': 'application/json' } })).status, 200);
    const stored = (await alice.request('GET', '/api/access/users/alice/settings')).text;
    assert.ok(!stored.includes('polluted') && stored.includes('"ok"'), stored);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).polluted2, undefined);
  });

  it('item 23: users, groups, keys, sessions, the secret, config.yaml and the audit log are private (0600); the basedir 0700', T, async () => {
    await admin.request('PATCH', '/api/access/users/bob/settings', { json: { saved: 'again' } });
    await admin.request('POST', '/api/settings', { json: { appearance: { name: 'modes' } } });
    await sleep(200);
    for (const relative of ['users.yaml', 'config.yaml', 'data/appkeys/keys.yaml', 'data/sessions.yaml', 'data/secret.key', 'logs/audit.log']) {
      const mode = statSync(join(server.basedir, relative)).mode & 0o777;
      assert.equal(mode, 0o600, `${relative} is ${mode.toString(8)}`);
    }
    assert.equal(statSync(server.basedir).mode & 0o077, 0, 'the basedir is private');
  });

  it('item 25: the URL check never fetches link-local or metadata addresses', T, async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[fe80::1]/', 'http://100.100.100.200/']) {
      const reply = await admin.request('POST', '/api/util/test', { json: { command: 'url', url } });
      assert.equal(reply.status, 400, `${url}: ${reply.text}`);
    }
  });
});

describe('item 13: the audit log', () => {
  let server: SecurityServer;
  before(async () => {
    server = await startSecurityServer();
    await seedUsers(server);
  });
  after(() => server.close());

  it('each security event gives exactly one JSON line with who, where, how, what and the result — and no secret', T, async () => {
    const file = join(server.basedir, 'logs', 'audit.log');
    const lines = (): Array<Record<string, unknown>> => {
      try {
        return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
      } catch {
        return [];
      }
    };
    const admin = new Browser(server.port, {}, '198.51.100.10');
    const alice = new Browser(server.port, {}, '198.51.100.11');
    const bob = new Browser(server.port, {}, '198.51.100.12');
    const secrets: string[] = [...Object.values(PASSWORDS), 'nora-password-1', 'nora-password-2'];
    const steps: Array<[string, string | null, () => Promise<unknown>]> = [
      ['login', 'success', () => admin.login('admin', PASSWORDS.admin)],
      ['login.failed', 'denied', () => alice.login('alice', 'wrong-password')],
      ['login', 'success', () => alice.login('alice', PASSWORDS.alice)],
      ['logout', 'success', () => alice.request('POST', '/api/logout')],
      ['user.create', 'success', () => admin.request('POST', '/api/access/users', { json: { name: 'nora', password: 'nora-password-1', active: true } })],
      ['user.update', 'success', () => admin.request('PUT', '/api/access/users/nora', { json: { groups: ['users', 'readonly'] } })],
      ['user.password', 'success', () => admin.request('PUT', '/api/access/users/nora/password', { json: { password: 'nora-password-2' } })],
      ['apikey.create', 'success', async () => secrets.push((await admin.request('POST', '/api/access/users/nora/apikey')).json<{ apikey: string }>().apikey)],
      ['apikey.revoke', 'success', () => admin.request('DELETE', '/api/access/users/nora/apikey')],
      ['group.create', 'success', () => admin.request('POST', '/api/access/groups', { json: { key: 'auditors', name: 'Auditors', permissions: ['STATUS'] } })],
      ['group.update', 'success', () => admin.request('PUT', '/api/access/groups/auditors', { json: { permissions: ['STATUS', 'FILES_LIST'] } })],
      ['group.delete', 'success', () => admin.request('DELETE', '/api/access/groups/auditors')],
      ['settings.update', 'success', () => admin.request('POST', '/api/settings', { json: { appearance: { name: 'audited' } } })],
      ['appkey.request', 'success', () => send(server.port, 'POST', '/plugin/appkeys/request', { json: { app: 'Auditor' }, headers: { 'x-forwarded-for': '198.51.100.13' } })],
      ['appkey.create', 'success', async () => secrets.push((await admin.request('POST', '/api/plugin/appkeys', { json: { command: 'generate', app: 'Audited' } })).json<{ api_key: string }>().api_key)],
      ['appkey.revoke', 'success', () => admin.request('POST', '/api/plugin/appkeys', { json: { command: 'revoke', app: 'Audited' } })],
      ['user.update', 'denied', async () => (await bob.login('bob', PASSWORDS.bob)) && bob.request('PUT', '/api/access/users/nora', { json: { groups: ['admins'] } })],
      ['denied', 'denied', () => bob.request('POST', '/api/printerprofiles', { json: { profile: { name: 'x' } } })],
      ['user.delete', 'success', () => admin.request('DELETE', '/api/access/users/nora')],
      ['system.command', null, () => admin.request('POST', '/api/system/commands/core/nothing')],
    ];
    for (const [action, result, step] of steps) {
      const before = lines().length;
      await step();
      const started = Date.now();
      let added = lines().slice(before);
      while (!added.some((l) => l.action === action) && Date.now() - started < 1000) {
        await sleep(25);
        added = lines().slice(before);
      }
      const matching = added.filter((l) => l.action === action);
      assert.equal(matching.length, 1, `${action}: ${JSON.stringify(added)}`);
      const entry = matching[0] ?? {};
      for (const field of ['ts', 'actor', 'ip', 'mechanism', 'action', 'target', 'result']) assert.ok(field in entry, `${action}: ${field}`);
      if (result) assert.equal(entry.result, result, `${action}: ${JSON.stringify(entry)}`);
      assert.match(String(entry.ip), /^198\.51\.100\.1[0-3]$/, `${action}: the client address`);
    }
    const all = lines();
    assert.equal(all.find((l) => l.action === 'login.failed')?.actor, 'alice');
    assert.equal(all.find((l) => l.action === 'user.create')?.actor, 'admin');
    assert.equal(all.find((l) => l.action === 'user.create')?.target, 'nora');
    assert.equal(all.find((l) => l.action === 'denied')?.actor, 'bob');
    assert.equal(all.find((l) => l.action === 'denied')?.target, 'POST /api/printerprofiles');
    assertNoSecrets(readFileSync(file, 'utf8'), secrets, 'the audit log');
  });
});
