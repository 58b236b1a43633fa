// Push-socket clients for end-to-end tests: raw websocket (ws), sockjs-client over websocket, xhr-streaming and
// xhr-polling, all collecting parsed messages in an inbox that tests wait on with timeouts.
import SockJS from 'sockjs-client';
import { WebSocket } from 'ws';
import { until } from '../support/until.js';

export type PushMessage = Record<string, unknown>;
export type PushTransport = 'raw' | 'websocket' | 'xhr-streaming' | 'xhr-polling';
export const ALL_TRANSPORTS: readonly PushTransport[] = ['raw', 'websocket', 'xhr-polling'];

export class Inbox {
  readonly messages: PushMessage[] = [];
  /** Set when the connection closed: the close code and reason. */
  closed: { code: number; reason: string } | null = null;
  /** Messages that arrived as strings instead of JSON objects inside SockJS frames (must stay empty). */
  readonly stringFrames: unknown[] = [];

  types(): string[] {
    return this.messages.map((m) => Object.keys(m)[0] ?? '');
  }

  /** Payloads of one message type, in order. */
  of<T = Record<string, unknown>>(type: string): T[] {
    return this.messages.filter((m) => type in m).map((m) => m[type] as T);
  }

  events(): Array<{ type: string; payload: unknown }> {
    return this.of<{ type: string; payload: unknown }>('event');
  }

  async waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
    await until(check, what, timeoutMs, 10).catch((error: Error) => {
      throw new Error(`${error.message}; received ${JSON.stringify(this.types())}`);
    });
  }


  waitForType(type: string, timeoutMs?: number): Promise<void> {
    return this.waitFor(type, () => this.types().includes(type), timeoutMs);
  }

  waitForEvent(name: string, timeoutMs?: number): Promise<void> {
    return this.waitFor(`event ${name}`, () => this.events().some((e) => e.type === name), timeoutMs);
  }

  waitForClose(timeoutMs?: number): Promise<void> {
    return this.waitFor('close', () => this.closed !== null, timeoutMs);
  }
}

export interface PushTestClient {
  readonly transport: PushTransport;
  readonly inbox: Inbox;
  send(message: unknown): void;
  /** Sends a text exactly as given (raw websocket: one frame; SockJS: one message). */
  sendText(text: string): void;
  close(): Promise<void>;
}

/** The client over an open socket of either kind: messages go out as JSON text, close waits for the close. */
function pushTestClient(transport: PushTransport, inbox: Inbox, socket: { send(text: string): void; close(): void }): PushTestClient {
  return {
    transport,
    inbox,
    send: (message) => socket.send(JSON.stringify(message)),
    sendText: (text) => socket.send(text),
    async close() {
      if (inbox.closed) return;
      socket.close();
      await inbox.waitForClose(5000);
    },
  };
}

/** Connects over one transport; `base` is `http://host:port`. Resolves once the connection is open. */
export async function connectPush(base: string, transport: PushTransport, headers: Record<string, string> = {}): Promise<PushTestClient> {
  return transport === 'raw' ? connectRaw(base, headers) : connectSockjs(base, transport);
}

async function connectRaw(base: string, headers: Record<string, string>): Promise<PushTestClient> {
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/sockjs/websocket`, { headers });
  const inbox = new Inbox();
  socket.on('message', (data) => inbox.messages.push(JSON.parse(String(data)) as PushMessage));
  socket.on('close', (code, reason) => {
    inbox.closed = { code, reason: String(reason) };
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
  });
  return pushTestClient('raw', inbox, socket);
}

/** The part of a sockjs-client socket the tests use, with the event shapes they read. */
export interface SockJsSocket {
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  send(text: string): void;
  close(): void;
}

async function connectSockjs(base: string, transport: PushTransport): Promise<PushTestClient> {
  const socket = new SockJS(`${base}/sockjs`, null, { transports: [transport], timeout: 10_000 }) as unknown as SockJsSocket;
  const inbox = new Inbox();
  socket.onmessage = (event) => {
    if (typeof event.data === 'object' && event.data !== null) inbox.messages.push(event.data as PushMessage);
    else inbox.stringFrames.push(event.data);
  };
  await new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onclose = (event) => {
      inbox.closed = { code: event.code, reason: event.reason };
      reject(new Error(`closed before open: ${event.code} ${event.reason}`));
    };
  });
  socket.onclose = (event) => {
    inbox.closed = { code: event.code, reason: event.reason };
  };
  return pushTestClient(transport, inbox, socket);
}

/** Passive login with an API key: the `name` and socket `session` to send as `{"auth": "name:session"}`. */
export async function passiveLogin(base: string, apiKey: string): Promise<{ name: string; session: string }> {
  const response = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'X-Api-Key': apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ passive: true }),
  });
  if (response.status !== 200) throw new Error(`passive login answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { name?: unknown; session?: unknown };
  if (typeof body.name !== 'string' || typeof body.session !== 'string') throw new Error(`no session in ${JSON.stringify(body)}`);
  return { name: body.name, session: body.session };
}
