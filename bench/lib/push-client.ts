// A raw WebSocket client of the push socket (/sockjs/websocket) for the benchmarks: authenticates, counts messages, waits for events.
import { WebSocket } from 'ws';

export interface PushEvent {
  type: string;
  payload: Record<string, unknown>;
  /** performance.now() when it arrived. */
  at: number;
}

export class PushClient {
  /** Messages received, by their top-level key (`current`, `event`, `history`, `connected`, ...). */
  readonly counts = new Map<string, number>();
  private readonly eventWaiters = new Set<(event: PushEvent) => void>();
  private readonly socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = Array.isArray(data) ? Buffer.concat(data).toString() : Buffer.from(data as ArrayBuffer).toString();
      const message = JSON.parse(text) as Record<string, unknown>;
      for (const key of Object.keys(message)) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      const event = message.event as { type?: string; payload?: Record<string, unknown> } | undefined;
      if (event?.type) {
        const received: PushEvent = { type: event.type, payload: event.payload ?? {}, at: performance.now() };
        for (const waiter of [...this.eventWaiters]) waiter(received);
      }
    });
  }

  /** Opens the socket and sends `{"auth": "user:session"}` once it is open. */
  static async open(baseUrl: string, auth: { name: string; session: string }, timeoutMs = 20_000): Promise<PushClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/sockjs/websocket`);
    const client = new PushClient(socket);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('push socket did not open')), timeoutMs);
      socket.once('open', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    socket.send(JSON.stringify({ auth: `${auth.name}:${auth.session}` }));
    return client;
  }

  count(kind: string): number {
    return this.counts.get(kind) ?? 0;
  }

  /** Resolves with the next event of one of the given types (e.g. PrintDone); rejects after the timeout. */
  nextEvent(types: readonly string[], timeoutMs: number): Promise<PushEvent> {
    return new Promise((resolve, reject) => {
      const waiter = (event: PushEvent) => {
        if (!types.includes(event.type)) return;
        this.eventWaiters.delete(waiter);
        clearTimeout(timer);
        resolve(event);
      };
      const timer = setTimeout(() => {
        this.eventWaiters.delete(waiter);
        reject(new Error(`no ${types.join('/')} event within ${timeoutMs} ms`));
      }, timeoutMs);
      this.eventWaiters.add(waiter);
    });
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.terminate();
    });
  }
}
