// The SockJS sessions of the xhr transports, by session id (websocket sessions are not registered: one per socket).
import type { PushTimings } from './push-types.js';
import type { TransportName } from './push-channel.js';
import { SockjsSession } from './sockjs-session.js';

export class SockjsSessionRegistry {
  private readonly sessions = new Map<string, SockjsSession>();

  constructor(
    private readonly timings: PushTimings,
    /** Sessions kept at most, closed ones (still answering with their close frame) included. */
    private readonly capacity: number,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  get(id: string): SockjsSession | undefined {
    return this.sessions.get(id);
  }

  /** A new session, or null when the registry is full. */
  create(id: string, remoteAddress: string, transport: TransportName): SockjsSession | null {
    if (this.sessions.size >= this.capacity) return null;
    const session: SockjsSession = new SockjsSession(id, remoteAddress, transport, {
      heartbeatMs: this.timings.heartbeatMs,
      disconnectDelayMs: this.timings.disconnectDelayMs,
      onRemoved: () => {
        if (this.sessions.get(id) === session) this.sessions.delete(id);
      },
    });
    this.sessions.set(id, session);
    return session;
  }

  closeAll(): void {
    for (const session of [...this.sessions.values()]) session.dispose();
    this.sessions.clear();
  }
}
