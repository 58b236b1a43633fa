// POST /api/util/test over the real app: path checks, server/name/address checks, URL checks with the SSRF guard.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

describe('POST /api/util/test (access control off: admin)', () => {
  let t: TestApp;
  let dir: string;
  let web: Server;
  let webPort: number;
  before(async () => {
    t = await createTestApp({ config: 'accessControl:\n  enabled: false\nplugins:\n  discovery:\n    enabled: false\n' });
    dir = mkdtempSync(join(tmpdir(), 'argonaut-util-'));
    mkdirSync(join(dir, 'folder'));
    writeFileSync(join(dir, 'file.txt'), 'x');
    symlinkSync(join(dir, 'gone'), join(dir, 'dangling'));
    web = createServer((request, response) => {
      if (request.url === '/snapshot') response.writeHead(200, { 'content-type': 'image/jpeg' }).end('jpeg');
      else if (request.url === '/data') response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      else if (request.url === '/to-metadata') response.writeHead(302, { location: 'http://169.254.169.254/latest/' }).end();
      else if (request.url === '/moved') response.writeHead(301, { location: '/snapshot' }).end();
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    webPort = (web.address() as AddressInfo).port;
  });
  after(async () => {
    await t.close();
    await new Promise((resolve) => web.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const test = (body: Record<string, unknown>) =>
    t.app.http.inject({ method: 'POST', url: '/api/util/test', headers: { 'content-type': 'application/json', 'x-api-key': 'not-checked' }, payload: JSON.stringify(body) });

  it('checks existence, type and access of a path', async () => {
    const folder = (await test({ command: 'path', path: join(dir, 'folder'), check_type: 'dir', check_access: ['r', 'w'] })).json();
    assert.deepEqual(folder, { path: join(dir, 'folder'), exists: true, typeok: true, broken_symlink: false, access: true, result: true });
    const wrongType = (await test({ command: 'path', path: join(dir, 'file.txt'), check_type: 'dir' })).json();
    assert.equal(wrongType.exists, true);
    assert.equal(wrongType.typeok, false);
    assert.equal(wrongType.result, false);
    const missing = (await test({ command: 'path', path: join(dir, 'nothing'), check_type: 'file' })).json();
    assert.deepEqual(missing, { path: join(dir, 'nothing'), exists: false, typeok: false, broken_symlink: false, access: false, result: false });
    const dangling = (await test({ command: 'path', path: join(dir, 'dangling') })).json();
    assert.equal(dangling.broken_symlink, true);
    assert.equal(dangling.result, false);
    const empty = (await test({ command: 'path', path: '' })).json();
    assert.equal(empty.result, false);
  });

  it('creates a folder when asked and tests that it is writable', async () => {
    const target = join(dir, 'new', 'deeper');
    const created = (await test({ command: 'path', path: target, check_type: 'dir', allow_create_dir: true, check_writable_dir: true })).json();
    assert.equal(created.result, true);
    assert.equal(existsSync(target), true);
    assert.equal(existsSync(join(target, '.testballoon.txt')), false, 'the test file is removed again');
    if (process.getuid?.() !== 0) {
      chmodSync(target, 0o500);
      const readOnly = (await test({ command: 'path', path: target, check_type: 'dir', check_writable_dir: true })).json();
      chmodSync(target, 0o700);
      assert.equal(readOnly.access, false);
      assert.equal(readOnly.result, false);
    }
  });

  it('answers 400 for a missing command or parameter', async () => {
    const noCommand = await test({ path: dir });
    assert.equal(noCommand.statusCode, 400);
    assert.equal(noCommand.json().error, 'command is invalid');
    const noPath = await test({ command: 'path' });
    assert.equal(noPath.statusCode, 400);
    assert.equal(noPath.json().error, 'Mandatory parameters missing');
    assert.equal((await test({ command: 'server', host: '127.0.0.1', port: 'eighty' })).statusCode, 400);
    assert.equal((await test({ command: 'server', host: '127.0.0.1', port: 80, protocol: 'sctp' })).statusCode, 400);
  });

  it('tests whether a server accepts connections, a name resolves and an address is local', async () => {
    const listener = createTcpServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as AddressInfo).port;
    const open = (await test({ command: 'server', host: '127.0.0.1', port })).json();
    await new Promise((resolve) => listener.close(resolve));
    assert.deepEqual(open, { host: '127.0.0.1', port, protocol: 'tcp', result: true });
    const closed = (await test({ command: 'server', host: '127.0.0.1', port, timeout: 1 })).json();
    assert.equal(closed.result, false);

    assert.deepEqual((await test({ command: 'resolution', name: 'localhost' })).json(), { name: 'localhost', result: true });

    assert.deepEqual((await test({ command: 'address', address: '192.168.1.5' })).json(), { is_lan_address: true, address: '192.168.1.5', subnet: '192.168.0.0/16' });
    assert.deepEqual((await test({ command: 'address', address: '8.8.8.8' })).json(), { is_lan_address: false, address: '8.8.8.8' });
    assert.equal((await test({ command: 'address' })).json().is_lan_address, true, 'defaults to the caller, here loopback');
  });

  it('tests a URL, following redirects, with status and content type checks', async () => {
    const base = `http://127.0.0.1:${webPort}`;
    const ok = (await test({ command: 'url', url: `${base}/snapshot` })).json();
    assert.deepEqual(ok, { url: `${base}/snapshot`, status: 200, result: true, response: { assumed_content_type: 'image/jpeg' } });
    const moved = (await test({ command: 'url', url: `${base}/moved`, content_type_whitelist: ['image/*'] })).json();
    assert.equal(moved.status, 200);
    assert.equal(moved.result, true);
    const wrongType = (await test({ command: 'url', url: `${base}/snapshot`, content_type_blacklist: ['image/*'] })).json();
    assert.equal(wrongType.result, false);
    const notFound = (await test({ command: 'url', url: `${base}/nothing` })).json();
    assert.equal(notFound.status, 404);
    assert.equal(notFound.result, false);
    assert.equal((await test({ command: 'url', url: `${base}/nothing`, status: ['client_error'] })).json().result, true);
    const json = (await test({ command: 'url', url: `${base}/data`, method: 'GET', response: 'json' })).json();
    assert.deepEqual(json.response, { assumed_content_type: 'application/json', content: { ok: true } });
    const unreachable = (await test({ command: 'url', url: 'http://127.0.0.1:1/', timeout: 1 })).json();
    assert.deepEqual(unreachable, { url: 'http://127.0.0.1:1/', status: 0, result: false });
  });

  it('never fetches link-local or metadata addresses, not even through a redirect', async () => {
    for (const url of ['http://169.254.169.254/', 'http://[fe80::1]/', `http://127.0.0.1:${webPort}/to-metadata`]) {
      const response = await test({ command: 'url', url });
      assert.equal(response.statusCode, 400, url);
      assert.match(response.json().error, /never fetched/);
    }
    assert.equal((await test({ command: 'url', url: 'file:///etc/passwd' })).statusCode, 400);
    assert.equal((await test({ command: 'url', url: `http://127.0.0.1:${webPort}/`, method: 'DELETE' })).statusCode, 400);
  });
});

describe('POST /api/util/test (access control on, anonymous)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: 'plugins:\n  discovery:\n    enabled: false\n' });
  });
  after(() => t.close());

  it('refuses to test anything', async () => {
    const response = await t.app.http.inject({ method: 'POST', url: '/api/util/test', headers: { 'content-type': 'application/json' }, payload: '{"command":"path","path":"/"}' });
    assert.ok([400, 403].includes(response.statusCode), `status ${response.statusCode}`);
    assert.equal(response.json().path, undefined);
  });
});
