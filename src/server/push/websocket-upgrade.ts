// HTTP upgrades to the push socket on the shared port: the raw socket at /sockjs/websocket and SockJS's
// /sockjs/<server>/<session>/websocket; origin rule and connection caps before the handshake.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ConfigStore } from '../../config/index.js';
import type { ConnectionLimiter } from './connection-limits.js';
import type { PushHub } from './push-hub.js';
import type { PushLimits, PushTimings } from './push-types.js';
import { RawWebSocketChannel } from './raw-websocket-channel.js';
import { pushRequestInfo } from './request-address.js';
import { originAllowed } from './sockjs-origin.js';
import { openSockjsWebSocket } from './sockjs-websocket.js';
import { WriteCoalescer } from './write-coalescer.js';

export type PushSocketPath = 'raw' | 'sockjs';

/** Which push websocket a request path names, or null when it is not one. */
export function pushSocketPath(url: string): PushSocketPath | null {
  const path = (url.split('?')[0] ?? '').replace(/\/{2,}/g, '/');
  if (path === '/sockjs/websocket' || path === '/sockjs/websocket/') return 'raw';
  if (/^\/sockjs\/[^./]{1,64}\/[^./]{1,64}\/websocket\/?$/.test(path)) return 'sockjs';
  return null;
}

export interface UpgradeOptions {
  config: ConfigStore;
  hub: PushHub;
  limiter: ConnectionLimiter;
  limits: PushLimits;
  timings: PushTimings;
  serverPort(): number;
}

function refuse(socket: Duplex, status: number, text: string, body: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  socket.destroy();
}

export class PushUpgradeHandler {
  private readonly server: WebSocketServer;
  private readonly coalescer: WriteCoalescer;

  constructor(private readonly options: UpgradeOptions) {
    this.server = new WebSocketServer({
      noServer: true,
      maxPayload: options.limits.maxMessageBytes,
      perMessageDeflate: false,
      clientTracking: false,
    });
    this.coalescer = new WriteCoalescer(options.timings.coalesceMs);
  }

  /** Handles an upgrade request if it is for the push socket; returns false when the path is someone else's. */
  handle(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const kind = pushSocketPath(request.url ?? '/');
    if (!kind) return false;
    const { config, hub, limiter, timings } = this.options;
    const facts = pushRequestInfo(request, config.config.server.reverseProxy, this.options.serverPort());
    if (!originAllowed(facts.origin, facts.hosts, config.config.api.allowCrossOrigin)) {
      refuse(socket, 403, 'Forbidden', 'Cross-origin websocket connections are not allowed.');
      return true;
    }
    const lease = limiter.acquire(facts.clientIp);
    if (!lease) {
      refuse(socket, 503, 'Service Unavailable', 'Too many push connections.');
      return true;
    }
    // The lease is released when the socket goes, whether or not the handshake succeeded (dispose is idempotent).
    socket.once('close', () => lease.dispose());
    socket.on('error', () => socket.destroy());
    const output = { stream: socket, coalescer: this.coalescer };
    this.server.handleUpgrade(request, socket, head, (webSocket) => {
      const channel =
        kind === 'raw'
          ? new RawWebSocketChannel(webSocket, facts.clientIp, timings.heartbeatMs, output)
          : openSockjsWebSocket(webSocket, facts.clientIp, timings, output);
      hub.open(channel, lease);
    });
    return true;
  }

  close(): void {
    this.coalescer.flush();
    this.server.close();
  }
}

/** Refuses an upgrade nobody handles (a plain 404), so the socket does not hang. */
export function refuseUnknownUpgrade(socket: Duplex): void {
  refuse(socket, 404, 'Not Found', 'Not found.');
}
