// Tests of the transports over a real HTTP server: raw websocket, SockJS websocket/xhr-streaming/xhr-polling
// (with the official sockjs-client), /sockjs/info, xhr_send, the origin rule and the connection limits.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import SockJS from 'sockjs-client';
import { WebSocket } from 'ws';
import { guestIdentity } from '../../auth/index.js';
import type { Identity } from '../../auth/index.js';
import { ConfigStore } from '../../config/index.js';
import { EventBus } from '../../events/index.js';
import { toDisposable } from '../../shared/index.js';
import { registerPush } from './index.js';
import type { PushDataSource, PushLimits, PushServer } from './index.js';

const alice: Identity = {
  name: 'alice',
  permissions: new Set(['STATUS', 'MONITOR_TERMINAL']),
  groups: ['users'],
  mechanism: 'password',
  credentialsSeen: 0,
  sessionId: 'good',
  appKeyId: null,
};

/** A printer whose progress the test moves. */
function testData(): PushDataSource & { completion: number } {
  const none = () => toDisposable(() => undefined);
  const source = {
    completion: 0,
    snapshot: () => ({
      state: { text: 'Printing', flags: { printing: true }, error: null },
      job: { file: { name: 'a.gcode' } },
      progress: { completion: source.completion },
      currentZ: null,
      offsets: {},
      resends: { count: 0, transmitted: 0, ratio: 0 },
      busyFiles: [],
    }),
    temperatureHistory: async () => [],
    recentLogs: async () => [],
    onLog: none,
    onMessage: none,
    onTemperature: none,
  };
  return source;
}

interface Server {
  app: FastifyInstance;
  push: PushServer;
  events: EventBus;
  data: ReturnType<typeof testData>;
  base: string;
  ws: string;
  close(): Promise<void>;
}

async function startServer(options: { limits?: Partial<PushLimits>; config?: string; heartbeatMs?: number } = {}): Promise<Server> {
  const app = Fastify();
  const events = new EventBus();
  const data = testData();
  const push = await registerPush(app, {
    config: ConfigStore.fromText(options.config ?? ''),
    events,
    logger: pino({ level: 'silent' }),
    authenticator: {
      validate: (user, token) => (user === 'alice' && token === 'good' ? alice : null),
      touch: () => undefined,
      guest: () => guestIdentity(),
    },
    data,
    limits: options.limits,
    timings: { currentIntervalMs: 50, heartbeatMs: options.heartbeatMs ?? 25_000, disconnectDelayMs: 3000 },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as { port: number }).port;
  return {
    app,
    push,
    events,
    data,
    base: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}`,
    close: () => app.close(),
  };
}

type Message = Record<string, unknown>;

/** Collects parsed messages from any client and waits for conditions, with a timeout. */
class Inbox {
  readonly messages: Message[] = [];
  closed: { code: number; reason: string } | null = null;
  push(message: Message): void {
    this.messages.push(message);
  }
  types(): string[] {
    return this.messages.map((m) => Object.keys(m)[0] ?? '');
  }
  async waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out; got ${JSON.stringify(this.types())}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

function rawClient(url: string, headers: Record<string, string> = {}): { socket: WebSocket; inbox: Inbox; opened: Promise<void> } {
  const socket = new WebSocket(url, { headers });
  const inbox = new Inbox();
  socket.on('message', (data) => inbox.push(JSON.parse(String(data)) as Message));
  socket.on('close', (code, reason) => {
    inbox.closed = { code, reason: String(reason) };
  });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
  });
  return { socket, inbox, opened };
}

function sockjsClient(base: string, transport: string): { socket: WebSocket & { send(text: string): void }; inbox: Inbox } {
  const socket = new SockJS(`${base}/sockjs`, null, { transports: [transport], timeout: 10_000 });
  const inbox = new Inbox();
  socket.onmessage = (event: { data: unknown }) => {
    assert.equal(typeof event.data, 'object', 'messages are JSON objects, not strings');
    inbox.push(event.data as Message);
  };
  socket.onclose = (event: { code: number; reason: string }) => {
    inbox.closed = { code: event.code, reason: event.reason };
  };
  return { socket: socket as unknown as WebSocket & { send(text: string): void }, inbox };
}

describe('push transports', () => {
  let server: Server;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it('raw websocket: one JSON object per frame; auth, history, then current', async () => {
    const { socket, inbox, opened } = rawClient(`${server.ws}/sockjs/websocket`);
    await opened;
    await inbox.waitFor(() => inbox.types().includes('connected'));
    socket.send(JSON.stringify({ auth: 'alice:good' }));
    await inbox.waitFor(() => inbox.types().includes('history'));
    server.data.completion = 42;
    await inbox.waitFor(() => inbox.messages.some((m) => (m.current as { progress?: { completion: number } })?.progress?.completion === 42));
    socket.close();
  });

  for (const transport of ['websocket', 'xhr-streaming', 'xhr-polling']) {
    it(`sockjs-client over ${transport}: objects in frames, auth and current`, async () => {
      const { socket, inbox } = sockjsClient(server.base, transport);
      await inbox.waitFor(() => inbox.types().includes('connected'));
      socket.send(JSON.stringify({ auth: 'alice:wrong' }));
      await inbox.waitFor(() => inbox.types().includes('reauthRequired'));
      socket.send(JSON.stringify({ auth: 'alice:good' }));
      await inbox.waitFor(() => inbox.types().includes('history'));
      server.data.completion += 1;
      await inbox.waitFor(() => inbox.types().includes('current'));
      server.events.emit('PrintDone', { name: 'a.gcode', path: 'a.gcode', origin: 'local', size: 1, owner: null, user: null, time: 9 });
      await inbox.waitFor(() => inbox.messages.some((m) => (m.event as { type?: string })?.type === 'PrintDone'));
      socket.close();
      await inbox.waitFor(() => inbox.closed !== null);
    });
  }

  it('GET /sockjs/info answers like SockJS, and the preflight allows GET', async () => {
    const response = await fetch(`${server.base}/sockjs/info`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('cache-control') ?? '', /no-store/);
    const info = (await response.json()) as Record<string, unknown>;
    assert.equal(info.websocket, true);
    assert.equal(info.cookie_needed, false);
    assert.deepEqual(info.origins, ['*:*']);
    assert.equal(typeof info.entropy, 'number');
    const preflight = await fetch(`${server.base}/sockjs/info`, { method: 'OPTIONS' });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'OPTIONS, GET');
  });

  it('a plain GET on a websocket path asks for an upgrade', async () => {
    for (const path of ['/sockjs/websocket', '/sockjs/000/abc/websocket']) {
      const response = await fetch(`${server.base}${path}`);
      assert.equal(response.status, 400);
      assert.match(await response.text(), /Upgrade/);
    }
  });

  it('xhr polling by hand: open frame, array frames, heartbeat-free wait, xhr_send errors', async () => {
    const url = `${server.base}/sockjs/123/handmade1`;
    const open = await fetch(`${url}/xhr`, { method: 'POST' });
    assert.equal(await open.text(), 'o\n');
    const first = await (await fetch(`${url}/xhr`, { method: 'POST' })).text();
    assert.match(first, /^a\[\{"connected":\{/);
    assert.equal((await fetch(`${url}/xhr_send`, { method: 'POST', body: '' })).status, 400);
    assert.equal((await fetch(`${url}/xhr_send`, { method: 'POST', body: '["x"' })).status, 400);
    assert.equal((await fetch(`${server.base}/sockjs/123/nosuchsession/xhr_send`, { method: 'POST', body: '["{}"]' })).status, 404);
    const sent = await fetch(`${url}/xhr_send`, { method: 'POST', body: JSON.stringify([JSON.stringify({ auth: 'alice:nope' })]) });
    assert.equal(sent.status, 204);
    const reply = await (await fetch(`${url}/xhr`, { method: 'POST' })).text();
    assert.equal(reply, 'a[{"reauthRequired":{"reason":"stale"}}]\n');
  });

  it('a second concurrent poll on one session gets "Another connection still open"', async () => {
    const url = `${server.base}/sockjs/123/handmade2`;
    await (await fetch(`${url}/xhr`, { method: 'POST' })).text();
    await (await fetch(`${url}/xhr`, { method: 'POST' })).text();
    const controller = new AbortController();
    const pending = fetch(`${url}/xhr`, { method: 'POST', signal: controller.signal }).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await (await fetch(`${url}/xhr`, { method: 'POST' })).text();
    assert.equal(second, 'c[2010,"Another connection still open"]\n');
    controller.abort();
    await pending;
  });

  it('refuses cross-origin websockets and xhr while CORS is off; same origin and no Origin pass', async () => {
    const evil = rawClient(`${server.ws}/sockjs/websocket`, { Origin: 'https://evil.example' });
    await assert.rejects(evil.opened, /HTTP 403/);
    const nullOrigin = rawClient(`${server.ws}/sockjs/websocket`, { Origin: 'null' });
    await assert.rejects(nullOrigin.opened, /HTTP 403/);
    const same = rawClient(`${server.ws}/sockjs/websocket`, { Origin: server.base });
    await same.opened;
    same.socket.close();
    const xhr = await fetch(`${server.base}/sockjs/1/evil1/xhr`, { method: 'POST', headers: { Origin: 'https://evil.example' } });
    assert.equal(xhr.status, 403);
    const info = await fetch(`${server.base}/sockjs/info`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(info.status, 403);
  });
});

describe('push transports with CORS on', () => {
  it('accepts any origin and echoes it on the SockJS HTTP transports', async () => {
    const server = await startServer({ config: 'api:\n  allowCrossOrigin: true\n' });
    try {
      const client = rawClient(`${server.ws}/sockjs/websocket`, { Origin: 'https://ui.example' });
      await client.opened;
      client.socket.close();
      const info = await fetch(`${server.base}/sockjs/info`, { headers: { Origin: 'https://ui.example' } });
      assert.equal(info.status, 200);
      assert.equal(info.headers.get('access-control-allow-origin'), 'https://ui.example');
    } finally {
      await server.close();
    }
  });
});

describe('push limits over the network', () => {
  it('refuses connections over the total and per-address caps with 503', async () => {
    const server = await startServer({ limits: { maxConnections: 3, maxConnectionsPerAddress: 2 } });
    try {
      const first = rawClient(`${server.ws}/sockjs/websocket`);
      const second = rawClient(`${server.ws}/sockjs/websocket`);
      await Promise.all([first.opened, second.opened]);
      const third = rawClient(`${server.ws}/sockjs/websocket`);
      await assert.rejects(third.opened, /HTTP 503/);
      const poll = await fetch(`${server.base}/sockjs/1/overcap/xhr`, { method: 'POST' });
      assert.equal(poll.status, 503);
      first.socket.close();
      await first.inbox.waitFor(() => first.inbox.closed !== null);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const again = rawClient(`${server.ws}/sockjs/websocket`);
      await again.opened;
      again.socket.close();
      second.socket.close();
    } finally {
      await server.close();
    }
  });

  it('closes a raw websocket that sends a frame over the size limit (1009)', async () => {
    const server = await startServer({ limits: { maxMessageBytes: 1024 } });
    try {
      const client = rawClient(`${server.ws}/sockjs/websocket`);
      await client.opened;
      client.socket.send(JSON.stringify({ auth: 'x'.repeat(5000) }));
      await client.inbox.waitFor(() => client.inbox.closed !== null);
      assert.equal(client.inbox.closed?.code, 1009);
    } finally {
      await server.close();
    }
  });

  it('answers an oversized xhr_send with 413 and closes the session', async () => {
    const server = await startServer({ limits: { maxMessageBytes: 1024 } });
    try {
      const url = `${server.base}/sockjs/1/bigsend/xhr`;
      await (await fetch(url, { method: 'POST' })).text();
      const send = await fetch(`${server.base}/sockjs/1/bigsend/xhr_send`, { method: 'POST', body: JSON.stringify(['x'.repeat(5000)]) });
      assert.equal(send.status, 413);
      const after = await (await fetch(url, { method: 'POST' })).text();
      assert.match(after, /c\[1009,"Message too big"\]/);
    } finally {
      await server.close();
    }
  });

  it('closes a flooding client: raw websocket with 4002, SockJS with the close frame', async () => {
    const server = await startServer({ limits: { messagesPerSecond: 5, messageBurst: 10 } });
    try {
      const raw = rawClient(`${server.ws}/sockjs/websocket`);
      await raw.opened;
      for (let i = 0; i < 200; i += 1) raw.socket.send('{"throttle":1}');
      await raw.inbox.waitFor(() => raw.inbox.closed !== null);
      assert.equal(raw.inbox.closed?.code, 4002);
      const framed = sockjsClient(server.base, 'websocket');
      await framed.inbox.waitFor(() => framed.inbox.types().includes('connected'));
      for (let i = 0; i < 200; i += 1) framed.socket.send('{"throttle":1}');
      await framed.inbox.waitFor(() => framed.inbox.closed !== null);
      assert.equal(framed.inbox.closed?.code, 4002);
      // The server keeps serving others.
      assert.equal((await fetch(`${server.base}/sockjs/info`)).status, 200);
    } finally {
      await server.close();
    }
  });

  it('drops a client that stops reading while data piles up, and keeps serving others', async () => {
    const server = await startServer({ limits: { maxBufferedBytes: 256 * 1024 } });
    try {
      const slow = rawClient(`${server.ws}/sockjs/websocket`);
      const healthy = rawClient(`${server.ws}/sockjs/websocket`);
      await Promise.all([slow.opened, healthy.opened]);
      slow.socket.send(JSON.stringify({ auth: 'alice:good' }));
      healthy.socket.send(JSON.stringify({ auth: 'alice:good' }));
      await slow.inbox.waitFor(() => slow.inbox.types().includes('history'));
      await healthy.inbox.waitFor(() => healthy.inbox.types().includes('history'));
      (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
      const chunk = 'x'.repeat(64 * 1024);
      const started = Date.now();
      while (server.push.connectionCount > 1 && Date.now() - started < 10_000) {
        for (let i = 0; i < 20; i += 1) server.push.sendPluginMessage('flood', chunk);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.equal(server.push.connectionCount, 1, 'the slow client was dropped');
      server.push.sendPluginMessage('after', 'still here');
      await healthy.inbox.waitFor(() => healthy.inbox.messages.some((m) => (m.plugin as { plugin?: string })?.plugin === 'after'));
      healthy.socket.close();
    } finally {
      await server.close();
    }
  });

  it('closes sockets that do not authenticate in time', async () => {
    const server = await startServer({ limits: { authDeadlineMs: 100 } });
    try {
      const client = rawClient(`${server.ws}/sockjs/websocket`);
      await client.inbox.waitFor(() => client.inbox.closed !== null);
      assert.equal(client.inbox.closed?.code, 4001);
    } finally {
      await server.close();
    }
  });

  it('sends SockJS heartbeats to an idle poller', async () => {
    const server = await startServer({ heartbeatMs: 100 });
    try {
      const url = `${server.base}/sockjs/1/beat/xhr`;
      await (await fetch(url, { method: 'POST' })).text();
      await (await fetch(url, { method: 'POST' })).text();
      assert.equal(await (await fetch(url, { method: 'POST' })).text(), 'h\n');
    } finally {
      await server.close();
    }
  });

  it('closes every socket when the server stops', async () => {
    const server = await startServer();
    const client = rawClient(`${server.ws}/sockjs/websocket`);
    await client.opened;
    await server.close();
    await client.inbox.waitFor(() => client.inbox.closed !== null);
    assert.equal(server.push.connectionCount, 0);
  });
});
