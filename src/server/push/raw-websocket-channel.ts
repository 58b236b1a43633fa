// The raw websocket at /sockjs/websocket (FDM Monster, OctoApp): one JSON message per text frame, no SockJS framing.
import { WebSocket } from 'ws';
import type { RawData } from 'ws';
import type { OutgoingMessage } from './outgoing-message.js';
import { CLOSE_CODES } from './push-channel.js';
import type { ChannelHandlers, PushChannel } from './push-channel.js';
import { keepWebSocketAlive, webSocketText, writeFrame } from './websocket-support.js';
import type { SocketOutput } from './websocket-support.js';

export class RawWebSocketChannel implements PushChannel {
  readonly transport = 'websocket' as const;
  private handlers: ChannelHandlers | null = null;
  private ended = false;

  constructor(
    private readonly socket: WebSocket,
    readonly remoteAddress: string,
    heartbeatMs: number,
    private readonly output: SocketOutput,
  ) {
    const keepAlive = keepWebSocketAlive(socket, heartbeatMs);
    socket.on('message', (data: RawData, isBinary: boolean) => {
      this.handlers?.message(isBinary ? null : webSocketText(data));
    });
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      keepAlive.dispose();
      output.coalescer.release(output.stream);
      this.finish();
    });
  }

  get bufferedBytes(): number {
    return this.socket.bufferedAmount;
  }

  attach(handlers: ChannelHandlers): void {
    this.handlers = handlers;
    if (this.ended) handlers.closed();
  }

  send(message: OutgoingMessage): void {
    writeFrame(this.socket, this.output, message.rawWebSocketFrame);
  }

  close(code: number, reason: string): void {
    this.output.coalescer.release(this.output.stream);
    // A client too slow to read would not read the close frame either: cut it off and free its buffers now.
    if (this.socket.readyState === WebSocket.OPEN && code !== CLOSE_CODES.tooSlow.code) {
      this.socket.close(code, reason);
      // A peer that does not answer the close handshake is cut off soon after.
      setTimeout(() => this.socket.terminate(), 2_000).unref();
    } else {
      this.socket.terminate();
    }
    this.finish();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.handlers?.closed();
  }
}
