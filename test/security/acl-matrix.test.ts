// Catalogue section F (ACL): the matrix of every live route × every kind of caller against the table in
// support/route-table.ts (a route missing from the table fails), then the ACL-01..11 cases.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { connectPush, passiveLogin } from '../e2e/push-clients.js';
import { sleep } from './support/checks.js';
import { PASSWORDS, connectPrinter } from './support/fixtures.js';
import { Browser, send, upload } from './support/http-client.js';
import type { Reply } from './support/http-client.js';
import { ROUTES, routeKey } from './support/route-table.js';
import type { RouteEntry } from './support/route-table.js';
import { useSeededServer } from './support/seeded-server.js';

interface Caller {
  kind: string;
  browser: Browser;
  /** Who the server says the caller is. */
  name: string | null;
  permissions: Set<string>;
  appKey: boolean;
}

function mayPass(entry: RouteEntry, caller: Caller): boolean {
  if (entry.closed) return false;
  if (entry.appKeysRefused && caller.appKey) return false;
  const admin = caller.permissions.has('ADMIN');
  if (entry.rule === 'none') return true;
  if (entry.rule === 'user') return caller.name !== null;
  if (entry.rule === 'self') return caller.name === 'alice' || admin;
  return admin || caller.permissions.has(entry.rule);
}

describe('ACL matrix: every route × every kind of caller', () => {
  const suite = useSeededServer();
  const callers: Caller[] = [];

  before(async () => {
    await connectPrinter(suite.server);
    // The stale session first: the clock moves on, every other caller logs in afterwards.
    const stale = new Browser(suite.server.port);
    assert.equal((await stale.login('bob', PASSWORDS.bob)).status, 200);
    const staleCookie = stale.cookie('session') ?? '';
    suite.server.advance(16 * 60_000);
    const revokedKey = await suite.server.app.access.accounts.generateApiKey('bob');
    await suite.server.app.access.accounts.revokeApiKey('bob');
    const scoped = (await suite.server.app.appKeys.generate('alice', 'Scoped', { permissions: ['STATUS', 'FILES_LIST'] })).apiKey;
    const make = async (kind: string, setup: (browser: Browser) => Promise<void>, headers: Record<string, string> = {}, appKey = false) => {
      const browser = new Browser(suite.server.port, headers);
      await setup(browser);
      const me = (await browser.request('GET', '/api/currentuser')).json<{ name: string | null; permissions: string[] }>();
      callers.push({ kind, browser, name: me.name, permissions: new Set(me.permissions), appKey });
    };
    const anonymous = async (browser: Browser) => void (await browser.csrf());
    const login = (user: 'ro' | 'alice' | 'admin') => async (browser: Browser) => void assert.equal((await browser.login(user, PASSWORDS[user])).status, 200);
    await make('guest', anonymous);
    await make('readonly', login('ro'));
    await make('user', login('alice'));
    await make('admin', login('admin'));
    await make('app key (unscoped)', anonymous, { 'x-api-key': suite.fixtures.appKey }, true);
    await make('app key (scoped STATUS, FILES_LIST)', anonymous, { 'x-api-key': scoped }, true);
    await make('revoked key', anonymous, { 'x-api-key': revokedKey });
    await make('stale session', async (browser) => {
      browser.pinned.set(`session_P${suite.server.port}`, staleCookie);
      await browser.csrf();
    });
    assert.equal((await upload(suite.server.port, 'matrix.gcode', 'G28\n', { 'x-api-key': suite.fixtures.keys.admin })).status, 201);
  });

  it('the callers are who they should be', { timeout: 10_000 }, () => {
    const byKind = new Map(callers.map((c) => [c.kind, c]));
    for (const kind of ['guest', 'revoked key', 'stale session']) {
      assert.equal(byKind.get(kind)?.name, null, kind);
      assert.deepEqual([...(byKind.get(kind)?.permissions ?? [])], [], `${kind} has the guest's (no) permissions`);
    }
    assert.equal(byKind.get('admin')?.permissions.has('ADMIN'), true);
    assert.deepEqual([...(byKind.get('app key (scoped STATUS, FILES_LIST)')?.permissions ?? [])].sort(), ['FILES_LIST', 'STATUS']);
    assert.equal(byKind.get('readonly')?.permissions.has('CONTROL'), false);
  });

  it('the table lists exactly the live routes, with the permission each declares', { timeout: 10_000 }, async () => {
    const document = (await send(suite.server.port, 'GET', '/api/openapi.json')).json<{ paths: Record<string, Record<string, { 'x-permission'?: string }>> }>();
    const live = new Map<string, string>();
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) live.set(routeKey(method, path), operation['x-permission'] ?? 'unspecified');
    }
    const table = new Map(ROUTES.map((entry) => [routeKey(entry.method, entry.template), entry]));
    const missing = [...live.keys()].filter((key) => !table.has(key));
    const gone = [...table.keys()].filter((key) => !live.has(key));
    assert.deepEqual(missing, [], 'routes without an entry in the ACL table (add them to test/security/support/route-table.ts)');
    assert.deepEqual(gone, [], 'table entries for routes that no longer exist');
    for (const [key, entry] of table) {
      const expected = entry.declared ?? (entry.rule === 'self' || entry.rule === 'user' ? 'own-or-admin' : entry.rule);
      assert.equal(live.get(key), expected, `${key} declares its permission`);
    }
  });

  it('each caller gets 403 exactly where the table says it lacks the permission, and never a 5xx', { timeout: 60_000 }, async () => {
    const failures: string[] = [];
    let session = 0;
    const ordered = [...ROUTES.filter((e) => !e.last), ...ROUTES.filter((e) => e.last)];
    for (const entry of ordered) {
      const results = await Promise.all(
        callers.map(async (caller): Promise<[Caller, Reply]> => {
          const path = (entry.path ?? entry.template).replace('SESSION', `matrix${(session += 1)}`);
          const options = { ...(entry.json === undefined ? {} : { json: entry.json }), ...(entry.streaming ? { headersOnly: true } : {}) };
          return [caller, await caller.browser.request(entry.method, path, options)];
        }),
      );
      for (const [caller, reply] of results) {
        const expected = mayPass(entry, caller);
        const what = `${entry.method} ${entry.template} as ${caller.kind}: ${reply.status} ${reply.text.slice(0, 100)}`;
        if (reply.status >= 500) failures.push(`5xx: ${what}`);
        else if (expected && reply.status === 403) failures.push(`refused but allowed by the table: ${what}`);
        else if (!expected && reply.status !== 403) failures.push(`not refused (403 expected): ${what}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});

describe('ACL cases', () => {
  const suite = useSeededServer();
  before(async () => {
    await connectPrinter(suite.server);
    assert.equal((await upload(suite.server.port, 'acl.gcode', 'G28\n', { 'x-api-key': suite.fixtures.keys.admin })).status, 201);
  });
  const T = { timeout: 15_000 };

  it('ACL-01: anonymous callers get 403 on every protected read; currentuser is the guest and the probe answers 204', T, async () => {
    const paths = ['/api/version', '/api/server', '/api/printer', '/api/job', '/api/connection', '/api/files', '/api/settings', '/api/access/users', '/api/access/groups', '/api/system/commands', '/api/timelapse', '/api/printerprofiles', '/api/slicing'];
    for (const path of paths) assert.equal((await send(suite.server.port, 'GET', path)).status, 403, path);
    assert.equal((await send(suite.server.port, 'GET', '/api/slicing/any/profiles')).status, 404, 'no slicer exists');
    assert.deepEqual((await send(suite.server.port, 'GET', '/api/currentuser')).json(), { name: null, permissions: [], groups: ['guests'] });
    assert.equal((await send(suite.server.port, 'GET', '/plugin/appkeys/probe')).status, 204);
  });

  it('ACL-02: readonly reads status, jobs, files and settings, and is refused every change', T, async () => {
    const ro = { 'x-api-key': suite.fixtures.keys.ro };
    for (const path of ['/api/printer', '/api/job', '/api/files', '/downloads/files/local/acl.gcode', '/api/settings']) {
      const reply = await send(suite.server.port, 'GET', path, { headers: ro });
      assert.ok(reply.status >= 200 && reply.status < 300, `${path}: ${reply.status}`);
    }
    const denied: Array<[string, string, unknown]> = [
      ['POST', '/api/printer/command', { command: 'M117 ro' }],
      ['POST', '/api/printer/tool', { command: 'target', targets: { tool0: 200 } }],
      ['POST', '/api/job', { command: 'start' }],
      ['POST', '/api/connection', { command: 'disconnect' }],
      ['DELETE', '/api/files/local/acl.gcode', undefined],
      ['POST', '/api/settings', { appearance: { name: 'ro' } }],
      ['POST', '/api/system/commands/core/restart', undefined],
    ];
    for (const [method, path, json] of denied) {
      assert.equal((await send(suite.server.port, method, path, { headers: ro, ...(json === undefined ? {} : { json }) })).status, 403, `${method} ${path}`);
    }
    assert.equal((await upload(suite.server.port, 'ro.gcode', 'G28\n', ro)).status, 403);
    assert.equal((await send(suite.server.port, 'GET', '/api/files/local/acl.gcode', { headers: ro })).status, 200, 'the file is still there');
    assert.equal((await send(suite.server.port, 'GET', '/api/files/local/ro.gcode', { headers: ro })).status, 404);
    assert.equal(suite.server.app.printer.driver.isOperational, true, 'still connected');
    assert.notEqual(suite.server.app.config.config.appearance.name, 'ro');
  });

  it('ACL-03: a plain user cannot manage users, groups, settings, util or system info', T, async () => {
    const bob = { 'x-api-key': suite.fixtures.keys.bob };
    const calls: Array<[string, string, unknown]> = [
      ['GET', '/api/access/users', undefined],
      ['POST', '/api/access/users', { name: 'x', password: 'x-password-1', active: true }],
      ['GET', '/api/access/groups', undefined],
      ['POST', '/api/access/groups', { key: 'x', name: 'x', permissions: [] }],
      ['POST', '/api/settings', { appearance: { name: 'bob' } }],
      ['POST', '/api/util/test', { command: 'path', path: '/' }],
      ['GET', '/api/system/info', undefined],
    ];
    for (const [method, path, json] of calls) {
      assert.equal((await send(suite.server.port, method, path, { headers: bob, ...(json === undefined ? {} : { json }) })).status, 403, `${method} ${path}`);
    }
    assert.ok([403, 405].includes((await send(suite.server.port, 'POST', '/api/languages', { headers: bob, json: {} })).status));
  });

  it('ACL-05: bob cannot make himself an admin, and settings keys named like permissions grant nothing', T, async () => {
    const bob = new Browser(suite.server.port);
    assert.equal((await bob.login('bob', PASSWORDS.bob)).status, 200);
    const before = (await bob.request('GET', '/api/currentuser')).json<{ permissions: string[] }>().permissions;
    assert.equal((await bob.request('PUT', '/api/access/users/bob', { json: { groups: ['admins'] } })).status, 403);
    const patch = await bob.request('PATCH', '/api/access/users/bob/settings', { json: { groups: ['admins'], permissions: ['ADMIN'], admin: true } });
    assert.equal(patch.status, 200);
    const after = (await bob.request('GET', '/api/currentuser')).json<{ permissions: string[]; groups: string[] }>();
    assert.deepEqual(after.permissions, before);
    assert.deepEqual(after.groups, ['users']);
    assert.equal((await bob.request('GET', '/api/access/users')).status, 403);
  });

  it('ACL-06: non-admins and stale admins never see key material or server secrets in the settings', T, async () => {
    const admin = new Browser(suite.server.port);
    assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
    suite.server.advance(6 * 60_000);
    const secretFile = (await import('node:fs')).readFileSync(`${suite.server.basedir}/data/secret.key`, 'utf8').trim();
    for (const reply of [await send(suite.server.port, 'GET', '/api/settings', { headers: { 'x-api-key': suite.fixtures.keys.bob } }), await admin.request('GET', '/api/settings')]) {
      assert.equal(reply.status, 200);
      const settings = reply.json<{ api: { key: unknown }; server?: Record<string, unknown>; accessControl?: Record<string, unknown> }>();
      assert.equal(settings.api.key, null);
      assert.ok(!/"secretKey"|"salt"|"secret"/.test(reply.text), 'no secretKey/salt/secret fields');
      assert.ok(!reply.text.includes(secretFile));
    }
  });

  it('ACL-08: upload rights without print/select rights: the upload lands, but nothing is selected or printed; no overwrite without delete rights', T, async () => {
    await suite.server.app.access.accounts.addGroup({ key: 'uploaders', name: 'Uploaders', permissions: ['FILES_UPLOAD', 'FILES_LIST'], subgroups: [], default: false, description: '' });
    await suite.server.app.access.accounts.addUser({ name: 'uma', password: 'uma-password-1', active: true, groups: ['uploaders'] });
    const key = await suite.server.app.access.accounts.generateApiKey('uma');
    const first = await upload(suite.server.port, 'uma.gcode', 'G28\n', { 'x-api-key': key }, { print: 'true', select: 'true' });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json().effectivePrint, false);
    assert.equal(first.json().effectiveSelect, false);
    await sleep(200);
    assert.equal(suite.server.app.printer.driver.isPrinting, false, 'no job started');
    assert.equal((await upload(suite.server.port, 'uma.gcode', 'G1 X1\n', { 'x-api-key': key })).status, 403);
  });

  it('ACL-09: a user removed from their group loses API access and their socket is told to re-authenticate', T, async () => {
    const base = `http://127.0.0.1:${suite.server.port}`;
    await suite.server.app.access.accounts.addUser({ name: 'kim', password: 'kim-password-1', active: true, groups: ['users'] });
    const kimKey = await suite.server.app.access.accounts.generateApiKey('kim');
    const kim = new Browser(suite.server.port);
    assert.equal((await kim.login('kim', 'kim-password-1')).status, 200);
    const socket = await connectPush(base, 'raw');
    try {
      const login = await passiveLogin(base, kimKey);
      socket.send({ auth: `${login.name}:${login.session}` });
      await socket.inbox.waitFor('the history after auth', () => socket.inbox.types().includes('history'), 5000);
      const admin = new Browser(suite.server.port);
      assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
      assert.equal((await admin.request('PUT', '/api/access/users/kim', { json: { groups: [] } })).status, 200);
      assert.equal((await kim.request('GET', '/api/printer')).status, 403);
      assert.equal((await send(suite.server.port, 'GET', '/api/printer', { headers: { 'x-api-key': kimKey } })).status, 403);
      await socket.inbox.waitForType('reauthRequired', 5000);
      const seen = socket.inbox.messages.length;
      await sleep(1200);
      const later = socket.inbox.messages.slice(seen).map((m) => Object.keys(m)[0]);
      assert.ok(!later.includes('current') && !later.includes('event'), `no data after reauthRequired: ${later.join()}`);
    } finally {
      await socket.close();
    }
  });

  it('ACL-11: unknown views, the app auth dialog and spoofing headers reveal nothing protected to anonymous callers', T, async () => {
    // Anonymous callers get the login page's shell (`/` sends them there, as OctoPrint does).
    const shell = await send(suite.server.port, 'GET', '/login/', { headers: { accept: 'text/html' } });
    // The proxy test page shows only how the request was seen, escaped.
    const proxyPage = await send(suite.server.port, 'GET', '/reverse_proxy_test/', { headers: { 'x-forwarded-host': 'printer.example', 'x-forwarded-prefix': '/<script>x' } });
    assert.equal(proxyPage.status, 200);
    assert.match(proxyPage.text, /Reverse proxy test/);
    assert.ok(!proxyPage.text.includes('<script>'), 'escaped');
    for (const path of ['/recovery/']) {
      const reply = await send(suite.server.port, 'GET', path, { headers: { accept: 'text/html' } });
      assert.ok([200, 302, 404].includes(reply.status), `${path}: ${reply.status}`);
      if (reply.status === 200) assert.equal(reply.text, shell.text, `${path} is only the public UI shell`);
    }
    const root = await send(suite.server.port, 'GET', '/', { headers: { accept: 'text/html' } });
    const spoofed = await send(suite.server.port, 'GET', '/', { headers: { accept: 'text/html', 'x-preemptive-recording': 'yes', 'x-force-view': '_default' } });
    assert.equal(spoofed.status, root.status);
    assert.equal(spoofed.text, root.text, 'the headers change nothing');
    const requested = await send(suite.server.port, 'POST', '/plugin/appkeys/request', { json: { app: 'Dialog', user: 'alice' }, headers: { 'x-forwarded-for': '203.0.113.70' } });
    const appToken = requested.json<{ app_token: string }>().app_token;
    const alice = new Browser(suite.server.port);
    assert.equal((await alice.login('alice', PASSWORDS.alice)).status, 200);
    const pending = (await alice.request('GET', '/api/plugin/appkeys')).json<{ pending: Record<string, unknown> }>().pending;
    const userToken = Object.keys(pending)[0] ?? 'none';
    const dialog = await send(suite.server.port, 'GET', `/plugin/appkeys/auth/${appToken}`);
    assert.ok(!dialog.text.includes(userToken), 'the decision token is not in the anonymous page');
    assert.ok(!/data-permission|name="permission/.test(dialog.text), 'no decision controls for an anonymous viewer');
    assert.match(dialog.text, /log in/i);
  });
});
