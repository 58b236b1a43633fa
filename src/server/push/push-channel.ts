// A push connection as the message pipeline sees it, whatever the transport (raw websocket, SockJS).
import type { OutgoingMessage } from './outgoing-message.js';

export type TransportName = 'websocket' | 'sockjs-websocket' | 'xhr-streaming' | 'xhr-polling';

export interface ChannelHandlers {
  /** One message text from the client; null for a frame that carries no text (a binary frame). */
  message(text: string | null): void;
  /** The connection is gone (called once). */
  closed(): void;
}

export interface PushChannel {
  readonly transport: TransportName;
  /** The client's address (after trusted proxies). */
  readonly remoteAddress: string;
  /** Bytes accepted for this client but not yet written to the network. */
  readonly bufferedBytes: number;
  send(message: OutgoingMessage): void;
  /** Ends the connection with a close code from 3000-4999 (SockJS) or a websocket code. */
  close(code: number, reason: string): void;
  /** Receives the client's messages and the close notice; set once, right after the connection opens. */
  attach(handlers: ChannelHandlers): void;
}

/** Close codes the server uses when it ends a connection itself. */
export const CLOSE_CODES = {
  normal: { code: 1000, reason: 'Normal closure' },
  shutdown: { code: 1001, reason: 'Server shutting down' },
  tooBig: { code: 1009, reason: 'Message too big' },
  authDeadline: { code: 4001, reason: 'Not authenticated in time' },
  tooManyMessages: { code: 4002, reason: 'Too many messages' },
  tooSlow: { code: 4003, reason: 'Client too slow to receive' },
  tooManyConnections: { code: 4004, reason: 'Too many connections' },
  protocolError: { code: 4005, reason: 'Broken framing' },
} as const;
