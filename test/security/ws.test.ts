// Catalogue section K (WS): what an unauthenticated socket sees, bad auth messages, sessions ending, the origin
// rule, what non-admins receive, frame size, message rate, throttle values and the per-address socket cap.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { connectPush, passiveLogin } from '../e2e/push-clients.js';
import type { PushTestClient } from '../e2e/push-clients.js';
import { DEFAULT_LIMITS } from '../../src/server/push/index.js';
import { assertAlive, sleep } from './support/checks.js';
import { PASSWORDS, connectPrinter, seedUsers } from './support/fixtures.js';
import type { Fixtures } from './support/fixtures.js';
import { Browser, send, upload } from './support/http-client.js';
import { startSecurityServer } from './support/security-server.js';
import type { SecurityServer } from './support/security-server.js';

const T = { timeout: 20_000 };

/** A raw websocket to /sockjs/websocket for frames the test clients cannot send (binary, oversized). */
function rawSocket(port: number, headers: Record<string, string> = {}): Promise<{ socket: WebSocket; closed: Promise<number> }> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/sockjs/websocket`, { headers });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  socket.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, closed }));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
  });
}

describe('WS: the push socket', () => {
  let server: SecurityServer;
  let fixtures: Fixtures;
  let base: string;
  const sockets: PushTestClient[] = [];
  const open = async (transport: 'raw' | 'xhr-polling' = 'raw', headers: Record<string, string> = {}) => {
    const client = await connectPush(base, transport, headers);
    sockets.push(client);
    await client.inbox.waitForType('connected', 5000);
    return client;
  };

  before(async () => {
    server = await startSecurityServer();
    fixtures = await seedUsers(server);
    base = `http://127.0.0.1:${server.port}`;
    await connectPrinter(server);
  });
  after(async () => {
    await Promise.all(sockets.map((s) => s.close().catch(() => undefined)));
    await server.close();
  });

  it('WS-01: without auth a socket gets only `connected`, however busy the printer is', T, async () => {
    const guests = [await open('raw'), await open('xhr-polling')];
    for (let i = 0; i < 5; i += 1) await send(server.port, 'POST', '/api/printer/command', { headers: { 'x-api-key': fixtures.keys.admin }, json: { command: `M117 ws01-${i}` } });
    await upload(server.port, 'ws01.gcode', 'G28\n', { 'x-api-key': fixtures.keys.admin });
    await sleep(1500);
    for (const guest of guests) assert.deepEqual(guest.inbox.types(), ['connected'], guest.transport);
  });

  it('WS-02: wrong, malformed and binary auth attempts leave the socket unauthenticated and open', T, async () => {
    const client = await open('raw');
    client.send({ auth: 'admin:wrong' });
    await client.inbox.waitForType('reauthRequired', 5000);
    assert.deepEqual(client.inbox.of('reauthRequired')[0], { reason: 'stale' });
    for (const text of ['{"auth":"admin"}', '{"auth":"a:b:c"}', '{"auth":123}', '{"auth":null}', '{"auth":["admin","x"]}', '{broken', '[]', '"auth"']) client.sendText(text);
    const raw = await rawSocket(server.port);
    raw.socket.send(Buffer.from([0x7b, 0x00, 0xff, 0xfe]), { binary: true });
    raw.socket.send('{"auth":"admin:wrong"}');
    await sleep(500);
    assert.deepEqual(client.inbox.types(), ['connected', 'reauthRequired']);
    assert.equal(client.inbox.closed, null);
    const logLines = server.logText().split('\n').filter((line) => /push|socket/i.test(line)).length;
    assert.ok(logLines < 20, `no log storm (${logLines} lines)`);
    raw.socket.close();
    await assertAlive(server);
  });

  it('WS-04: logout, a password change and deleting the user each end the socket session at once', T, async () => {
    const cases: Array<['logout' | 'password' | 'delete', string[]]> = [
      ['logout', ['logout']],
      ['password', ['modified', 'stale']],
      ['delete', ['removed']],
    ];
    for (const [change, reasons] of cases) {
      const name = `ws04${change}`;
      await server.app.access.accounts.addUser({ name, password: `${name}-password`, active: true, groups: ['users'] });
      const browser = new Browser(server.port);
      const login = await browser.login(name, `${name}-password`);
      assert.equal(login.status, 200);
      const client = await open('raw');
      client.send({ auth: `${name}:${login.json<{ session: string }>().session}` });
      await client.inbox.waitForType('history', 5000);
      if (change === 'logout') assert.equal((await browser.request('POST', '/api/logout')).status, 204);
      else {
        const admin = new Browser(server.port);
        assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
        const reply =
          change === 'password'
            ? await admin.request('PUT', `/api/access/users/${name}/password`, { json: { password: 'another-password-1' } })
            : await admin.request('DELETE', `/api/access/users/${name}`);
        assert.equal(reply.status, 200);
      }
      await client.inbox.waitForType('reauthRequired', 5000);
      const reason = client.inbox.of<{ reason: string }>('reauthRequired')[0]?.reason ?? '';
      assert.ok(reasons.includes(reason), `${change}: ${reason}`);
      const seen = client.inbox.messages.length;
      await send(server.port, 'POST', '/api/printer/command', { headers: { 'x-api-key': fixtures.keys.admin }, json: { command: 'M117 after' } });
      await sleep(1200);
      const later = client.inbox.messages.slice(seen).map((m) => Object.keys(m)[0]);
      assert.ok(!later.includes('current') && !later.includes('event'), `${change}: data stopped (${later.join()})`);
    }
  });

  it('WS-05: with CORS off, foreign and null origins are refused (403); same origin and no origin connect', T, async () => {
    await assert.rejects(rawSocket(server.port, { origin: 'https://evil.example' }), /HTTP 403/);
    await assert.rejects(rawSocket(server.port, { origin: 'null' }), /HTTP 403/);
    await assert.rejects(rawSocket(server.port, { origin: `http://127.0.0.1:${server.port}.evil.example` }), /HTTP 403/);
    for (const headers of [{ origin: base }, {}] as Array<Record<string, string>>) {
      const { socket } = await rawSocket(server.port, headers);
      socket.close();
    }
    const poll = await send(server.port, 'POST', '/sockjs/000/evilsession/xhr', { headers: { origin: 'https://evil.example' } });
    assert.equal(poll.status, 403);
  });

  it('WS-06: without MONITOR_TERMINAL no logs; non-admins never get UserLoggedIn and see ClientOpened blank', T, async () => {
    await server.app.access.accounts.addGroup({ key: 'watchers', name: 'Watchers', permissions: ['STATUS'], subgroups: [], default: false, description: '' });
    await server.app.access.accounts.addUser({ name: 'wendy', password: 'wendy-password', active: true, groups: ['watchers'] });
    const wendyKey = await server.app.access.accounts.generateApiKey('wendy');
    const watcher = await open('raw');
    const login = await passiveLogin(base, wendyKey);
    watcher.send({ auth: `${login.name}:${login.session}` });
    const adminSocket = await open('raw');
    const adminLogin = await passiveLogin(base, fixtures.keys.admin);
    adminSocket.send({ auth: `${adminLogin.name}:${adminLogin.session}` });
    await watcher.inbox.waitForType('history', 5000);
    await adminSocket.inbox.waitForType('history', 5000);
    await send(server.port, 'POST', '/api/printer/command', { headers: { 'x-api-key': fixtures.keys.admin }, json: { command: 'M117 ws06' } });
    await new Browser(server.port).login('bob', PASSWORDS.bob);
    await open('raw');
    await adminSocket.inbox.waitForEvent('UserLoggedIn', 5000);
    await watcher.inbox.waitFor('a current message', () => watcher.inbox.of('current').length > 1, 5000);
    const logs = [...watcher.inbox.of<{ logs: string[] }>('current'), ...watcher.inbox.of<{ logs: string[] }>('history')].flatMap((m) => m.logs);
    assert.deepEqual(logs, [], 'no terminal lines without MONITOR_TERMINAL');
    assert.ok(!watcher.inbox.events().some((e) => e.type === 'UserLoggedIn'));
    for (const event of watcher.inbox.events().filter((e) => e.type === 'ClientOpened')) assert.deepEqual(event.payload, {});
  });

  it('WS-08: oversized frames close the socket; floods are cut; invalid throttle values are ignored', T, async () => {
    assert.ok(DEFAULT_LIMITS.maxMessageBytes <= 1024 * 1024);
    const big = await rawSocket(server.port);
    big.socket.send('x'.repeat(2 * 1024 * 1024));
    assert.ok((await big.closed) >= 1000);
    const flood = await rawSocket(server.port);
    for (let i = 0; i < 500; i += 1) flood.socket.send('{"throttle": 2}');
    assert.ok((await flood.closed) >= 1000, 'a flood of messages closes the socket');
    const client = await open('raw');
    for (const throttle of [-1, 0, 1e9, 'x', null, 2.5]) client.send({ throttle });
    const login = await passiveLogin(base, fixtures.keys.alice);
    client.send({ auth: `${login.name}:${login.session}` });
    await client.inbox.waitForType('history', 5000);
    const before = client.inbox.of('current').length;
    for (let i = 0; i < 4; i += 1) {
      await send(server.port, 'POST', '/api/printer/command', { headers: { 'x-api-key': fixtures.keys.admin }, json: { command: `M117 ws08-${i}` } });
      await sleep(500);
    }
    assert.ok(client.inbox.of('current').length - before >= 2, 'the default rate still applies (invalid throttles were ignored)');
    assert.equal(client.inbox.closed, null);
    await assertAlive(server);
  });

  it('item 19: at most a fixed number of sockets per client address', T, async () => {
    const address = { 'x-forwarded-for': '203.0.113.90' };
    const opened: WebSocket[] = [];
    try {
      for (let i = 0; i < DEFAULT_LIMITS.maxConnectionsPerAddress; i += 1) opened.push((await rawSocket(server.port, address)).socket);
      await assert.rejects(rawSocket(server.port, address), /HTTP 503/);
      const other = await rawSocket(server.port, { 'x-forwarded-for': '203.0.113.91' });
      other.socket.close();
    } finally {
      for (const socket of opened) socket.close();
    }
    await assertAlive(server);
  });
});
