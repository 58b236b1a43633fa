// Catalogue section I (DOS): oversized and deeply nested bodies, slow clients, connection floods, huge headers,
// expensive logins, and archive uploads — bounded answers while a legitimate client keeps being served quickly.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertAlive, sleep } from './support/checks.js';
import { PASSWORDS } from './support/fixtures.js';
import { Browser, rawExchange, rawStatus, send } from './support/http-client.js';
import { probe } from './support/security-server.js';
import { useSeededServer } from './support/seeded-server.js';

const T = { timeout: 30_000 };

/** Opens `count` connections that send only part of a request head; returns them for cleanup. */
async function partialHeads(port: number, count: number, localAddress?: string): Promise<Socket[]> {
  const sockets = await Promise.all(
    Array.from({ length: count }, () => new Promise<Socket>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port, localAddress });
      socket.on('error', () => undefined);
      socket.resume(); // read (and drop) whatever the server answers, so its close is seen
      socket.on('connect', () => {
        socket.write('GET /api/currentuser HTTP/1.1\r\nHost: x\r\nX-Slow: a');
        resolve(socket);
      });
      socket.on('close', () => resolve(socket));
    })),
  );
  return sockets;
}

/** p95 of `count` sequential GET /api/currentuser latencies. */
async function p95(port: number, count: number, localAddress?: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = Date.now();
    const reply = await send(port, 'GET', '/api/currentuser', { localAddress, timeoutMs: 5000 });
    assert.equal(reply.status, 200);
    times.push(Date.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length * 0.95)] ?? 0;
}

describe('DOS: resource exhaustion', () => {
  const suite = useSeededServer();

  it('DOS-01: a 10 MB JSON body is refused (413) without the server keeping it', T, async () => {
    const payload = Buffer.alloc(10 * 1024 * 1024, 0x20);
    const head = (path: string) => Buffer.from(`POST ${path} HTTP/1.1\r\nHost: x\r\nX-Api-Key: ${suite.fixtures.keys.admin}\r\nContent-Type: application/json\r\nContent-Length: ${payload.length}\r\n\r\n`);
    global.gc?.();
    const before = process.memoryUsage().rss;
    for (const path of ['/api/printer/command', '/api/login', '/api/settings']) {
      const exchange = await rawExchange(suite.server.port, Buffer.concat([head(path), payload]), 5000);
      const status = rawStatus(exchange.response);
      assert.ok(status === 413 || (status === 0 && exchange.closed), `${path}: ${exchange.response.slice(0, 80)}`);
    }
    const chunked = await rawExchange(suite.server.port, `POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${'1000\r\n' + ' '.repeat(4096) + '\r\n'}`.repeat(1) + `${'1000\r\n' + ' '.repeat(4096) + '\r\n'}`.repeat(40), 3000);
    assert.ok([0, 400, 413].includes(rawStatus(chunked.response)), chunked.response.slice(0, 80));
    global.gc?.();
    const growth = (process.memoryUsage().rss - before) / 1024 / 1024;
    assert.ok(growth < 40, `RSS grew ${growth.toFixed(1)} MB (client buffers included)`);
    await assertAlive(suite.server);
  });

  it('DOS-02: 50 000 levels of nesting are 400 on every JSON route, no stack overflow', T, async () => {
    const admin = new Browser(suite.server.port);
    assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
    const arrays = '['.repeat(45_000) + ']'.repeat(45_000);
    const objects = '{"a":'.repeat(16_000) + '1' + '}'.repeat(16_000);
    for (const body of [arrays, objects, `{"user":"admin","pass":${arrays.slice(0, 60_000)}`]) {
      for (const [method, path] of [['POST', '/api/settings'], ['POST', '/api/login'], ['PATCH', '/api/access/users/bob/settings'], ['POST', '/api/printer/command']]) {
        const reply = await admin.request(method as string, path as string, { body, headers: { 'content-type': 'application/json' } });
        assert.ok([400, 413].includes(reply.status), `${method} ${path}: ${reply.status} ${reply.text.slice(0, 80)}`);
      }
    }
    const shallowEnough = JSON.stringify({ x: JSON.parse('['.repeat(20) + ']'.repeat(20)) });
    assert.equal((await admin.request('PATCH', '/api/access/users/admin/settings', { body: shallowEnough, headers: { 'content-type': 'application/json' } })).status, 200);
    await assertAlive(suite.server);
  });

  it('DOS-04 / item 20: 500 half-sent request heads do not slow others; heads must complete within 30 s; keep-alive 10 s', T, async () => {
    const http = suite.server.app.http.server;
    assert.ok(http.headersTimeout > 0 && http.headersTimeout <= 30_000, `headersTimeout ${http.headersTimeout}`);
    assert.ok(http.keepAliveTimeout > 0 && http.keepAliveTimeout <= 10_000, `keepAliveTimeout ${http.keepAliveTimeout}`);
    assert.ok(http.requestTimeout > 0, 'a request timeout is set');
    const sockets = await partialHeads(suite.server.port, 500);
    try {
      assert.ok((await p95(suite.server.port, 20)) < 3000, 'legitimate requests stay fast');
      // The same mechanism with a short limit: the half-sent heads are cut by the server's periodic check (5 s).
      http.headersTimeout = 1000;
      const started = Date.now();
      while (sockets.some((s) => !s.destroyed) && Date.now() - started < 12_000) await sleep(200);
      assert.equal(sockets.filter((s) => !s.destroyed).length, 0, 'every slow head was closed');
    } finally {
      http.headersTimeout = 30_000;
      for (const socket of sockets) socket.destroy();
    }
    await assertAlive(suite.server);
  });

  it('DOS-05: 50 trickling uploads hold no more than one temp file each, and none once they are gone', T, async () => {
    const temp = join(suite.server.basedir, 'data', 'tmp');
    const head = `POST /api/files/local HTTP/1.1\r\nHost: x\r\nX-Api-Key: ${suite.fixtures.keys.admin}\r\nContent-Type: multipart/form-data; boundary=B\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="slow.gcode"\r\n\r\nG`;
    const sockets: Socket[] = [];
    try {
      for (let i = 0; i < 50; i += 1) {
        const socket = connect({ host: '127.0.0.1', port: suite.server.port });
        socket.on('error', () => undefined);
        socket.write(head);
        sockets.push(socket);
      }
      await sleep(1000);
      for (const socket of sockets) socket.write('1');
      assert.ok(readdirSync(temp).length <= 50, `${readdirSync(temp).length} temp files`);
      assert.ok((await p95(suite.server.port, 10)) < 3000, 'legitimate requests stay fast');
    } finally {
      for (const socket of sockets) socket.destroy();
    }
    const started = Date.now();
    while (readdirSync(temp).length > 0 && Date.now() - started < 5000) await sleep(100);
    assert.deepEqual(readdirSync(temp), [], 'aborted uploads leave no temp file');
  });

  it('DOS-07: a 100 KB cookie, 10 000 header lines and an 8 KB URL are refused without harm', T, async () => {
    const cookie = await rawExchange(suite.server.port, `GET /api/currentuser HTTP/1.1\r\nHost: x\r\nCookie: a=${'b'.repeat(100 * 1024)}\r\n\r\n`, 3000);
    assert.ok([0, 400, 431].includes(rawStatus(cookie.response)), cookie.response.slice(0, 60));
    const lines = Array.from({ length: 10_000 }, (_, i) => `X-H${i}: v`).join('\r\n');
    const many = await rawExchange(suite.server.port, `GET /api/currentuser HTTP/1.1\r\nHost: x\r\n${lines}\r\n\r\n`, 3000);
    assert.ok([0, 400, 431].includes(rawStatus(many.response)), many.response.slice(0, 60));
    const url = await send(suite.server.port, 'GET', `/api/files/local/${'a'.repeat(8 * 1024)}.gcode`, { headers: { 'x-api-key': suite.fixtures.keys.admin } });
    assert.ok(url.status >= 400 && url.status < 500, String(url.status));
    await assertAlive(suite.server);
  });

  it('DOS-09: huge passwords are refused cheaply and parallel logins do not block the server', T, async () => {
    const client = new Browser(suite.server.port);
    await client.csrf();
    const huge = await client.request('POST', '/api/login', { json: { user: 'admin', pass: 'p'.repeat(100 * 1024) } });
    assert.ok([400, 403, 413].includes(huge.status), String(huge.status));
    const started = Date.now();
    const logins = Array.from({ length: 20 }, async (_, i) => {
      const browser = new Browser(suite.server.port, {}, `198.51.100.${100 + i}`);
      await browser.csrf();
      const t0 = Date.now();
      const reply = await browser.request('POST', '/api/login', { json: { user: `user${i}`, pass: 'p'.repeat(50 * 1024) } });
      return { status: reply.status, ms: Date.now() - t0 };
    });
    const [results, alive] = await Promise.all([Promise.all(logins), (async () => { await sleep(20); return probe(suite.server.port); })()]);
    for (const result of results) assert.ok([400, 403].includes(result.status), String(result.status));
    assert.ok(Date.now() - started < 10_000);
    assert.ok(alive.ms < 1000, `the server answered others in ${alive.ms} ms meanwhile`);
    const admin = new Browser(suite.server.port);
    await admin.login('admin', PASSWORDS.admin);
    const long = await admin.request('POST', '/api/access/users', { json: { name: 'longpass', password: 'p'.repeat(1025), active: true } });
    assert.equal(long.status, 400, 'passwords over 1024 bytes are refused, never truncated');
  });

  it('DOS-10: no endpoint takes archives (language packs, backups)', T, async () => {
    const headers = { 'x-api-key': suite.fixtures.keys.admin };
    for (const path of ['/api/languages', '/plugin/backup/restore', '/api/plugin/backup', '/plugin/pluginmanager/upload_file']) {
      const reply = await send(suite.server.port, 'POST', path, { headers, body: Buffer.from('PK\u0003\u0004'), });
      assert.ok([404, 405].includes(reply.status), `${path}: ${reply.status}`);
    }
  });
});

describe('DOS-06: connection floods from one address', () => {
  // No trusted proxy: every peer is a client, and the per-address caps apply to the loopback address too.
  const suite = useSeededServer({ config: { server: { reverseProxy: { trustedProxies: [], trustLocalhostProxies: false } } } });

  it('2000 idle connections and 300 SockJS sessions from one address hit the caps; another client is served fast', T, async () => {
    const sockets: Socket[] = [];
    try {
      for (let batch = 0; batch < 10; batch += 1) sockets.push(...(await partialHeads(suite.server.port, 200, '127.0.0.1')));
      const waited = Date.now();
      while (sockets.filter((s) => !s.destroyed).length > 200 && Date.now() - waited < 5000) await sleep(100);
      const open = sockets.filter((s) => !s.destroyed).length;
      assert.ok(open <= 200, `${open} connections stayed open from one address`);
      for (const socket of sockets) socket.destroy();
      await sleep(300);
      const sessions = await Promise.all(Array.from({ length: 300 }, (_, i) => send(suite.server.port, 'POST', `/sockjs/000/flood${i}/xhr`, { localAddress: '127.0.0.1', timeoutMs: 10_000 }).catch(() => null)));
      const accepted = sessions.filter((r) => r?.status === 200).length;
      assert.ok(accepted <= 150, `${accepted} SockJS sessions from one address`);
      assert.ok(sessions.some((r) => r === null || r.status === 503), 'the rest are refused');
      assert.ok((await p95(suite.server.port, 20, '127.0.0.2')) < 3000, 'another address is served fast');
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
});

describe('DOS-11: slow clients are cut off by the server.slowClients settings', () => {
  const suite = useSeededServer({ config: { server: { slowClients: { headersTimeout: 0.5, uploadStallTimeout: 0.5, pushQueueBytes: 8192 } } } });

  it('a connection whose request head is not finished in time is closed, on its first request or a kept-alive one', T, async () => {
    assert.equal(suite.server.app.http.server.headersTimeout, 500, 'the setting reaches Node');
    const sockets = await partialHeads(suite.server.port, 5);
    const keptAlive = await new Promise<Socket>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: suite.server.port });
      socket.on('error', () => undefined);
      let answered = false;
      socket.on('data', () => {
        if (answered) return;
        answered = true;
        socket.write('GET /api/currentuser HTTP/1.1\r\nHost: x\r\nX-Slow: a');
        resolve(socket);
      });
      socket.on('connect', () => socket.write('GET /api/version HTTP/1.1\r\nHost: x\r\n\r\n'));
    });
    const all = [...sockets, keptAlive];
    try {
      const started = Date.now();
      while (all.some((s) => !s.destroyed) && Date.now() - started < 5000) await sleep(100);
      assert.equal(all.filter((s) => !s.destroyed).length, 0, 'every slow head was closed');
    } finally {
      for (const socket of all) socket.destroy();
    }
    await assertAlive(suite.server);
  });

  it('an upload body that stalls is aborted (408) and its temporary file removed', T, async () => {
    const temp = join(suite.server.basedir, 'data', 'tmp');
    const head = `POST /api/files/local HTTP/1.1\r\nHost: x\r\nX-Api-Key: ${suite.fixtures.keys.admin}\r\nContent-Type: multipart/form-data; boundary=B\r\nContent-Length: 100000\r\n\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="stall.gcode"\r\n\r\nG28\n`;
    const exchange = await rawExchange(suite.server.port, head, 4000);
    assert.equal(rawStatus(exchange.response), 408, exchange.response.slice(0, 200));
    const started = Date.now();
    while (readdirSync(temp).length > 0 && Date.now() - started < 3000) await sleep(100);
    assert.deepEqual(readdirSync(temp), [], 'the stalled upload left no temp file');
    assert.equal((await send(suite.server.port, 'GET', '/api/files/local/stall.gcode', { headers: { 'x-api-key': suite.fixtures.keys.admin } })).status, 404);
  });

  it('a SockJS session that does not poll is dropped once its queue passes the bound', T, async () => {
    const session = `dos11${Date.now()}`;
    const url = `/sockjs/000/${session}/xhr`;
    assert.equal((await send(suite.server.port, 'POST', url)).text, 'o\n');
    const login = await send(suite.server.port, 'POST', '/api/login', { headers: { 'x-api-key': suite.fixtures.keys.admin }, json: { passive: true } });
    const auth = JSON.stringify([JSON.stringify({ auth: `admin:${login.json<{ session: string }>().session}` })]);
    const sent = await send(suite.server.port, 'POST', `/sockjs/000/${session}/xhr_send`, { headers: { 'content-type': 'text/plain' }, body: auth });
    assert.equal(sent.status, 204);
    await sleep(100);
    for (let i = 0; i < 20; i += 1) suite.server.app.push.sendPluginMessage('dos11', 'x'.repeat(1024));
    const next = await send(suite.server.port, 'POST', url);
    assert.match(next.text, /^c\[4003,/, `the session was closed as too slow: ${next.text.slice(0, 80)}`);
  });

  it('a websocket that does not read is dropped once its buffer passes the bound', T, async () => {
    const { WebSocket } = await import('ws');
    const socket = new WebSocket(`ws://127.0.0.1:${suite.server.port}/sockjs/websocket`);
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('message', resolve));
    const login = await send(suite.server.port, 'POST', '/api/login', { headers: { 'x-api-key': suite.fixtures.keys.admin }, json: { passive: true } });
    const history = new Promise((resolve) => socket.on('message', (data: Buffer) => String(data).includes('"history"') && resolve(true)));
    socket.send(JSON.stringify({ auth: `admin:${login.json<{ session: string }>().session}` }));
    await history;
    const before = suite.server.app.push.connectionCount;
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const started = Date.now();
    while (suite.server.app.push.connectionCount >= before && Date.now() - started < 10_000) {
      for (let i = 0; i < 20; i += 1) suite.server.app.push.sendPluginMessage('dos11', 'x'.repeat(64 * 1024));
      await sleep(5);
    }
    assert.equal(suite.server.app.push.connectionCount, before - 1, 'the slow socket was dropped');
    socket.terminate();
    await closed;
    await assertAlive(suite.server);
  });
});
