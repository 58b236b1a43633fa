// Catalogue section H (PROXY): forwarded headers believed only from trusted proxies, X-Forwarded-For walked from
// the right, autologin never spoofable, `_is_external_client`, and one scheme decision for every layer.
// An untrusted peer is simulated by connecting from 127.0.0.2 (Linux routes all of 127/8 to the loopback).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sleep } from './support/checks.js';
import { PASSWORDS, seedUsers } from './support/fixtures.js';
import { Browser, send, upload } from './support/http-client.js';
import type { Fixtures } from './support/fixtures.js';
import { startSecurityServer } from './support/security-server.js';
import type { SecurityServer } from './support/security-server.js';

const T = { timeout: 15_000 };
const UNTRUSTED_PEER = '127.0.0.2';
/** The defaults, except that only 127.0.0.1 (not all of 127/8) is local, so 127.0.0.2 is an outside peer. */
const LOCAL_NETWORKS = ['127.0.0.1/32', '::1/128', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fe80::/10'];

describe('PROXY: reverse proxies, client addresses and autologin', () => {
  let server: SecurityServer;
  let fixtures: Fixtures;

  before(async () => {
    server = await startSecurityServer({
      config: {
        accessControl: { autologinLocal: true, autologinAs: 'admin', localNetworks: LOCAL_NETWORKS },
        server: { reverseProxy: { trustedProxies: ['127.0.0.1', '::1', '10.0.0.2'] } },
      },
    });
    fixtures = await seedUsers(server);
  });
  after(() => server.close());

  /** Passive login from a peer with the given headers; returns who the follow-up request is and the login body. */
  async function passive(localAddress: string | undefined, headers: Record<string, string>): Promise<{ name: unknown; printer: number; external: unknown }> {
    const browser = new Browser(server.port, headers);
    browser.localAddress = localAddress;
    await browser.csrf();
    const login = await browser.request('POST', '/api/login', { json: { passive: true }, headers });
    assert.equal(login.status, 200, login.text);
    const printer = await browser.request('GET', '/api/printer', { headers });
    return { name: login.json().name ?? null, printer: printer.status, external: login.json()._is_external_client };
  }

  it('the harness: a local client is logged in automatically, so the refusals below are real', T, async () => {
    const local = await passive(undefined, { 'x-forwarded-for': '127.0.0.1' });
    assert.equal(local.name, 'admin');
  });

  it('PROXY-01: an outside peer claiming a local address in any header is not logged in automatically', T, async () => {
    const spoofs: Array<Record<string, string>> = [
      { 'x-forwarded-for': '127.0.0.1' },
      { 'x-real-ip': '127.0.0.1' },
      { forwarded: 'for=127.0.0.1' },
      { 'x-forwarded-for': '::1' },
      { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1', forwarded: 'for=127.0.0.1', 'x-client-ip': '127.0.0.1' },
    ];
    for (const headers of spoofs) {
      const result = await passive(UNTRUSTED_PEER, headers);
      assert.equal(result.name, null, JSON.stringify(headers));
      assert.equal(result.printer, 403);
      assert.equal(result.external, true);
    }
  });

  it('PROXY-02: behind the trusted proxy the right-most untrusted address is the client', T, async () => {
    for (const chain of ['127.0.0.1, 203.0.113.9', '203.0.113.9, 127.0.0.1', '203.0.113.9, 10.0.0.2', '127.0.0.1, 203.0.113.9, 10.0.0.2']) {
      const result = await passive(undefined, { 'x-forwarded-for': chain });
      assert.equal(result.name, null, chain);
      assert.equal(result.external, true, chain);
    }
    const inside = await passive(undefined, { 'x-forwarded-for': '203.0.113.9, 10.0.0.3' });
    assert.equal(inside.name, 'admin', 'an untrusted hop inside the local network is that hop (10.0.0.3), which is local');
    const failed = new Browser(server.port, { 'x-forwarded-for': '127.0.0.1, 203.0.113.9' });
    await failed.csrf();
    assert.equal((await failed.request('POST', '/api/login', { json: { user: 'alice', pass: 'wrong' } })).status, 403);
    await sleep(100);
    const line = (await server.allLogs()).split('\n').find((l) => l.includes('Login failed') && l.includes('alice'));
    assert.ok(line?.includes('203.0.113.9'), `the auth log names the real client: ${line}`);
  });

  it('PROXY-04: _is_external_client for various client addresses (CGNAT 100.64/10 counts as external)', T, async () => {
    const cases: Array<[string, boolean]> = [
      ['203.0.113.9', true],
      ['192.168.1.10', false],
      ['::ffff:8.8.8.8', true],
      ['fe80::1%eth0', false],
      ['100.64.1.1', true],
    ];
    for (const [address, external] of cases) {
      const result = await passive(undefined, { 'x-forwarded-for': address });
      assert.equal(result.external, external, address);
    }
    const untrusted = await passive(UNTRUSTED_PEER, { 'x-forwarded-for': '192.168.1.5' });
    assert.equal(untrusted.external, true, 'an untrusted peer cannot claim a local address');
    await server.app.config.set('server.ipCheck.trustedSubnets', ['203.0.113.0/24']);
    try {
      const trusted = await passive(undefined, { 'x-forwarded-for': '203.0.113.9' });
      assert.equal(trusted.external, false, 'ipCheck.trustedSubnets counts as local');
      assert.equal(trusted.name, null, 'trusted subnets only affect the external flag, not autologin');
    } finally {
      await server.app.config.set('server.ipCheck.trustedSubnets', []);
    }
  });

  it('PROXY-06: a multi-valued X-Forwarded-Proto gets one decision (the first value) for cookies, CSRF and URLs', T, async () => {
    for (const [proto, secure] of [['https,http', true], ['http,https', false], ['https, http', true]] as const) {
      const headers = { 'x-forwarded-proto': proto, 'x-forwarded-host': 'printer.example', 'x-forwarded-for': '198.51.100.31' };
      const browser = new Browser(server.port, headers);
      browser.suffix = secure ? '_P443' : '_P80';
      await browser.csrf();
      const login = await browser.request('POST', '/api/login', { json: { user: 'bob', pass: PASSWORDS.bob } });
      assert.equal(login.status, 200, `${proto}: ${login.text}`);
      for (const [name, cookie] of login.cookies) {
        // OctoPrint's login also deletes an old unsuffixed active_logout; every cookie it sets has the suffix.
        if (cookie.value !== '') assert.ok(name.endsWith(browser.suffix), `${proto}: ${name}`);
        assert.equal(cookie.attributes.has('secure'), secure, `${proto}: ${name} Secure`);
      }
      assert.equal((await browser.request('PATCH', '/api/access/users/bob/settings', { json: { proxy: proto } })).status, 200, `${proto}: CSRF agrees`);
      const uploaded = await upload(server.port, `p06-${secure}.gcode`, 'G28\n', { ...headers, 'x-api-key': fixtures.keys.bob });
      assert.match(String(uploaded.headers.location), new RegExp(`^${secure ? 'https' : 'http'}://printer\\.example/`), `${proto}: Location`);
    }
  });

  it('item 11: from an untrusted peer no forwarded header changes the scheme, host, port, prefix or address', T, async () => {
    const headers = {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-port': '443',
      'x-forwarded-prefix': '/evil',
      'x-script-name': '/evil',
      'x-scheme': 'https',
      'x-forwarded-for': '10.0.0.5',
      'x-real-ip': '10.0.0.5',
    };
    const browser = new Browser(server.port, headers);
    browser.localAddress = UNTRUSTED_PEER;
    await browser.csrf();
    const login = await browser.request('POST', '/api/login', { json: { user: 'alice', pass: PASSWORDS.alice } });
    assert.equal(login.status, 200);
    assert.equal(login.json()._is_external_client, true);
    for (const [name, cookie] of login.cookies) {
      if (cookie.value !== '') assert.ok(name.endsWith(`_P${server.port}`), name);
      assert.equal(cookie.attributes.has('secure'), false);
      assert.equal(cookie.attributes.get('path'), '/');
    }
    const uploaded = await send(server.port, 'POST', '/plugin/appkeys/request', { json: { app: 'gating' }, headers, localAddress: UNTRUSTED_PEER });
    assert.equal(uploaded.status, 201);
    assert.match(String(uploaded.headers.location), new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/plugin/`));
  });
});
