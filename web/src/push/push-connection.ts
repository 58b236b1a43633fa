// The push socket: SockJS at /sockjs, authenticates with `user:session`, and reconnects by itself with backoff.
import SockJS from 'sockjs-client';
import { createStore } from '../lib/store.js';
import type { Store } from '../lib/store.js';

export type PushStatus = 'connecting' | 'online' | 'reconnecting' | 'closed';

export interface PushConnectionOptions {
  /** Absolute URL of the SockJS endpoint. */
  url: string;
  /** Fresh `user:session` credentials (a passive login), or null when the person is no longer logged in. */
  credentials(): Promise<string | null>;
  /** One call per message type in each frame, e.g. ('current', {...}). */
  onMessage(type: string, payload: unknown): void;
  /**
   * Called when the server says the login ended and a passive login cannot renew it; `afterReconnect` is true when
   * that was found on coming back after the connection was lost (the server restarted, for instance).
   */
  onLoggedOut(afterReconnect: boolean): void;
}

export interface PushConnection {
  readonly status: Store<PushStatus>;
  close(): void;
}

const MAX_DELAY_MS = 15_000;
/** The SockJS transports the server offers (no iframe, eventsource or JSONP ones). */
const TRANSPORTS = ['websocket', 'xhr-streaming', 'xhr-polling'];

export function createPushConnection(options: PushConnectionOptions): PushConnection {
  const status = createStore<PushStatus>('connecting');
  let socket: WebSocket | null = null;
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  /** Whether the socket was lost since the last successful authentication. */
  let lost = false;

  async function authenticate(target: WebSocket): Promise<void> {
    let auth: string | null = null;
    try {
      auth = await options.credentials();
    } catch {
      // The server cannot tell who we are right now (unreachable, or an error): close the socket, so that the
      // reconnect loop tries again, instead of staying open and unauthenticated for good.
      if (!closed && socket === target) target.close();
      return;
    }
    if (closed || socket !== target) return;
    if (auth === null) {
      options.onLoggedOut(lost);
      return;
    }
    target.send(JSON.stringify({ auth }));
    lost = false;
    status.set('online');
  }

  function deliver(data: unknown, target: WebSocket): void {
    let message = data;
    if (typeof message === 'string') {
      try {
        message = JSON.parse(message) as unknown;
      } catch {
        return;
      }
    }
    if (!message || typeof message !== 'object') return;
    for (const [type, payload] of Object.entries(message as Record<string, unknown>)) {
      if (type === 'reauthRequired') {
        void authenticate(target);
        continue;
      }
      options.onMessage(type, payload);
    }
  }

  function connect(): void {
    if (closed) return;
    status.set(attempts === 0 ? 'connecting' : 'reconnecting');
    const target = new SockJS(options.url, undefined, { transports: TRANSPORTS }) as unknown as WebSocket;
    socket = target;
    target.onopen = () => {
      attempts = 0;
      void authenticate(target);
    };
    target.onmessage = (event: MessageEvent) => deliver(event.data, target);
    target.onclose = () => {
      if (socket !== target) return;
      socket = null;
      if (closed) return;
      attempts += 1;
      lost = true;
      status.set('reconnecting');
      const delay = Math.min(MAX_DELAY_MS, 500 * 2 ** Math.min(attempts, 5)) * (0.75 + Math.random() * 0.5);
      timer = setTimeout(connect, delay);
    };
  }

  connect();
  return {
    status,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      status.set('closed');
      const target = socket;
      socket = null;
      target?.close();
    },
  };
}
