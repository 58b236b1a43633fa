// Catalogue section E (CORS): no CORS headers when off; when on, the Origin echoed (never `null`), preflights
// answered, Vary: Origin, never Access-Control-Allow-Credentials, and CORS never grants authority.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sleep } from './support/checks.js';
import { send } from './support/http-client.js';
import type { Reply } from './support/http-client.js';
import { useSeededServer } from './support/seeded-server.js';

const T = { timeout: 15_000 };
const EVIL = 'https://evil.example';

function corsHeaderNames(reply: Reply): string[] {
  return Object.keys(reply.headers).filter((name) => name.startsWith('access-control-'));
}

describe('CORS-01: cross-origin access off (default)', () => {
  const suite = useSeededServer();

  it('sends no Access-Control-* header on requests or preflights, even with a valid key', T, async () => {
    const replies = [
      await send(suite.server.port, 'GET', '/api/version', { headers: { origin: EVIL, 'x-api-key': suite.fixtures.keys.alice } }),
      await send(suite.server.port, 'OPTIONS', '/api/version', { headers: { origin: EVIL, 'access-control-request-method': 'GET' } }),
      await send(suite.server.port, 'OPTIONS', '/api/printer/command', { headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'X-Api-Key, Content-Type' } }),
      await send(suite.server.port, 'POST', '/api/printer/command', { headers: { origin: EVIL }, json: { command: 'M105' } }),
      await send(suite.server.port, 'GET', '/plugin/appkeys/probe', { headers: { origin: EVIL } }),
    ];
    assert.equal(replies[0]?.status, 200);
    for (const reply of replies) assert.deepEqual(corsHeaderNames(reply), [], JSON.stringify(reply.headers));
  });
});

describe('CORS on (api.allowCrossOrigin: true)', () => {
  const suite = useSeededServer({ config: { api: { allowCrossOrigin: true } }, printer: true });

  it('CORS-02: the preflight echoes origin, method and headers with Max-Age 10; the real POST works with the key', T, async () => {
    const origin = 'https://dashboard.example';
    const preflight = await send(suite.server.port, 'OPTIONS', '/api/printer/command', {
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'X-Api-Key, Content-Type' },
    });
    assert.ok(preflight.status >= 200 && preflight.status < 300);
    assert.equal(preflight.headers['access-control-allow-origin'], origin);
    assert.equal(preflight.headers['access-control-allow-methods'], 'POST');
    assert.equal(preflight.headers['access-control-allow-headers'], 'X-Api-Key, Content-Type');
    assert.equal(preflight.headers['access-control-max-age'], '10');
    const post = await send(suite.server.port, 'POST', '/api/printer/command', { headers: { origin, 'x-api-key': suite.fixtures.keys.alice }, json: { command: 'M117 cors02' } });
    assert.equal(post.status, 204);
    assert.equal(post.headers['access-control-allow-origin'], origin);
  });

  it('CORS-02: Access-Control-Allow-Credentials is absent on every answer, 2xx or 4xx, /api or /plugin; Vary: Origin always', T, async () => {
    const origin = 'https://dashboard.example';
    const replies = [
      await send(suite.server.port, 'GET', '/api/version', { headers: { origin, 'x-api-key': suite.fixtures.keys.alice } }),
      await send(suite.server.port, 'GET', '/api/version', { headers: { origin } }),
      await send(suite.server.port, 'GET', '/api/nothing-here', { headers: { origin } }),
      await send(suite.server.port, 'POST', '/api/login', { headers: { origin }, json: { user: 'alice', pass: 'x' } }),
      await send(suite.server.port, 'POST', '/api/printer/command', { headers: { origin, 'x-api-key': suite.fixtures.keys.alice }, body: '{', }),
      await send(suite.server.port, 'GET', '/plugin/appkeys/probe', { headers: { origin } }),
      await send(suite.server.port, 'POST', '/plugin/appkeys/request', { headers: { origin }, json: { app: 'cors' } }),
      await send(suite.server.port, 'GET', '/api/version'),
    ];
    const statuses = replies.map((r) => r.status);
    assert.ok(statuses.some((s) => s < 300) && statuses.some((s) => s >= 400), statuses.join());
    for (const reply of replies) {
      assert.equal(reply.headers['access-control-allow-credentials'], undefined);
      assert.match(String(reply.headers.vary), /Origin/i);
    }
  });

  it('CORS-04: odd preflights never 5xx, and the `null` origin is never echoed', T, async () => {
    const tries = [
      await send(suite.server.port, 'OPTIONS', '/api/version', { headers: { origin: EVIL } }),
      await send(suite.server.port, 'OPTIONS', '/api/version'),
      await send(suite.server.port, 'OPTIONS', '/api/version', { headers: { origin: 'null', 'access-control-request-method': 'GET' } }),
      await send(suite.server.port, 'GET', '/api/version', { headers: { origin: 'null', 'x-api-key': suite.fixtures.keys.alice } }),
      await send(suite.server.port, 'OPTIONS', '/api/nothing', { headers: { origin: EVIL, 'access-control-request-method': 'DELETE' } }),
    ];
    for (const reply of tries) {
      assert.ok(reply.status < 500, String(reply.status));
      assert.notEqual(reply.headers['access-control-allow-origin'], 'null');
    }
    assert.equal(tries[2]?.headers['access-control-allow-origin'], undefined);
    assert.equal(tries[3]?.headers['access-control-allow-origin'], undefined);
  });

  it('CORS-06: a cross-origin command without a key is refused; CORS grants no authority', T, async () => {
    suite.serial.clear();
    const reply = await send(suite.server.port, 'POST', '/api/printer/command', { headers: { origin: EVIL }, json: { command: 'M117 cors06' } });
    assert.ok([400, 403].includes(reply.status), String(reply.status));
    const form = await send(suite.server.port, 'POST', '/api/printer/command', { headers: { origin: EVIL }, form: { command: 'M117 cors06' } });
    assert.ok([400, 403, 415].includes(form.status), String(form.status));
    await sleep(300);
    assert.deepEqual(suite.serial.sent.filter((line) => line.includes('cors06')), []);
  });
});

/** Every SockJS HTTP route and its preflight, with this Origin (a fresh session id per call). */
async function sockjsReplies(port: number, origin: string): Promise<Array<{ what: string; reply: Reply }>> {
  const id = `cors${Math.random().toString(36).slice(2, 10)}`;
  const preflight = (path: string, method: string) =>
    send(port, 'OPTIONS', path, { headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'Content-Type' } });
  const list: Array<{ what: string; reply: Reply }> = [];
  list.push({ what: 'GET info', reply: await send(port, 'GET', '/sockjs/info', { headers: { origin } }) });
  list.push({ what: 'OPTIONS info', reply: await preflight('/sockjs/info', 'GET') });
  for (const transport of ['xhr', 'xhr_streaming', 'xhr_send']) {
    list.push({ what: `OPTIONS ${transport}`, reply: await preflight(`/sockjs/000/${id}/${transport}`, 'POST') });
  }
  list.push({ what: 'POST xhr', reply: await send(port, 'POST', `/sockjs/000/${id}/xhr`, { headers: { origin } }) });
  list.push({ what: 'POST xhr_send', reply: await send(port, 'POST', `/sockjs/000/${id}/xhr_send`, { headers: { origin, 'content-type': 'text/plain' }, body: '["{}"]' }) });
  return list;
}

describe('CORS-07: the SockJS routes follow the API rule (CORS off)', () => {
  const suite = useSeededServer();

  it('a foreign origin is refused on every SockJS route and preflight, with no Access-Control-* header', T, async () => {
    for (const { what, reply } of await sockjsReplies(suite.server.port, EVIL)) {
      assert.equal(reply.status, 403, `${what}: ${reply.status}`);
      assert.deepEqual(corsHeaderNames(reply), [], `${what}: ${JSON.stringify(reply.headers)}`);
    }
  });

  it('the page itself (its own origin) uses the socket without credentials headers', T, async () => {
    const own = `http://127.0.0.1:${suite.server.port}`;
    for (const { what, reply } of await sockjsReplies(suite.server.port, own)) {
      assert.ok(reply.status < 400, `${what}: ${reply.status}`);
      assert.equal(reply.headers['access-control-allow-credentials'], undefined, what);
    }
  });
});

describe('CORS-07: the SockJS routes follow the API rule (CORS on)', () => {
  const suite = useSeededServer({ config: { api: { allowCrossOrigin: true } } });

  it('a foreign origin is echoed on every SockJS route and preflight, never with Allow-Credentials', T, async () => {
    const origin = 'https://dashboard.example';
    for (const { what, reply } of await sockjsReplies(suite.server.port, origin)) {
      assert.ok(reply.status < 400, `${what}: ${reply.status}`);
      assert.equal(reply.headers['access-control-allow-origin'], origin, what);
      assert.equal(reply.headers['access-control-allow-credentials'], undefined, what);
    }
    const nullOrigin = await send(suite.server.port, 'GET', '/sockjs/info', { headers: { origin: 'null' } });
    assert.equal(nullOrigin.headers['access-control-allow-origin'], undefined);
  });
});
