// One SockJS session: queues messages, hands them to whichever receiver (websocket, xhr request) is attached,
// sends heartbeats, and ends when the client leaves or no receiver comes back within the disconnect delay.
import type { OutgoingMessage } from './outgoing-message.js';
import type { ChannelHandlers, PushChannel, TransportName } from './push-channel.js';
import { arrayFrame, closeFrame, CLOSE_ANOTHER_CONNECTION, HEARTBEAT_FRAME, OPEN_FRAME } from './sockjs-frames.js';

/** Where a session's frames go: a websocket, an xhr-streaming response or one xhr-polling response. */
export interface SockjsReceiver {
  /** Polling receivers take one batch of frames and end; streaming ones keep going. */
  readonly streaming: boolean;
  /** Bytes written but not yet flushed to the network. */
  readonly bufferedBytes: number;
  /** Writes one frame; returns false when the receiver is done afterwards (and must be detached). */
  write(frame: string): boolean;
  /** Writes one single-message array frame (lets websockets reuse a shared buffer); same return as write. */
  writeMessage?(message: OutgoingMessage): boolean;
  /** Ends the receiver (closes the response or the websocket). */
  end(): void;
}

export interface SockjsSessionOptions {
  heartbeatMs: number;
  disconnectDelayMs: number;
  /** Called once the session is gone for good (after the close frame had a chance to be read). */
  onRemoved?: () => void;
}

export class SockjsSession implements PushChannel {
  private readonly queue: string[] = [];
  private queuedBytes = 0;
  private receiver: SockjsReceiver | null = null;
  private handlers: ChannelHandlers | null = null;
  private opened = false;
  private closing: string | null = null;
  private readonly heartbeat: NodeJS.Timeout;
  private disconnectTimer: NodeJS.Timeout | null = null;
  private flushScheduled = false;
  transport: TransportName;

  constructor(
    readonly id: string,
    readonly remoteAddress: string,
    transport: TransportName,
    private readonly options: SockjsSessionOptions,
  ) {
    this.transport = transport;
    this.heartbeat = setInterval(() => {
      if (this.receiver) this.writeToReceiver(HEARTBEAT_FRAME);
    }, options.heartbeatMs);
    this.heartbeat.unref();
    this.armDisconnectTimer();
  }

  get closed(): boolean {
    return this.closing !== null;
  }

  get bufferedBytes(): number {
    return this.queuedBytes + (this.receiver?.bufferedBytes ?? 0);
  }

  attach(handlers: ChannelHandlers): void {
    this.handlers = handlers;
    if (this.closing !== null) handlers.closed();
  }

  /**
   * Attaches a receiving request or websocket. The first one gets the open frame; a second one while
   * another is attached gets "Another connection still open"; after close, the close frame.
   */
  attachReceiver(receiver: SockjsReceiver, transport: TransportName): void {
    if (this.closing !== null) {
      receiver.write(this.closing);
      receiver.end();
      return;
    }
    if (this.receiver) {
      receiver.write(closeFrame(CLOSE_ANOTHER_CONNECTION.code, CLOSE_ANOTHER_CONNECTION.reason));
      receiver.end();
      return;
    }
    this.transport = transport;
    this.clearDisconnectTimer();
    this.receiver = receiver;
    if (!this.opened) {
      this.opened = true;
      this.writeToReceiver(OPEN_FRAME);
    }
    this.flush();
  }

  /** The receiving request went away (client aborted, or the response ended). */
  detachReceiver(receiver: SockjsReceiver): void {
    if (this.receiver !== receiver) return;
    this.receiver = null;
    this.armDisconnectTimer();
  }

  /** Messages the client sent (already decoded from the SockJS frame). */
  deliver(texts: readonly string[]): void {
    if (this.closing !== null) return;
    // An empty batch still counts against the client's message rate.
    if (texts.length === 0) this.handlers?.message(null);
    for (const text of texts) this.handlers?.message(text);
  }

  send(message: OutgoingMessage): void {
    if (this.closing !== null) return;
    const receiver = this.receiver;
    if (receiver?.writeMessage && this.opened && this.queue.length === 0) {
      if (!receiver.writeMessage(message)) this.detachReceiver(receiver);
      return;
    }
    const text = message.sockjsJson;
    this.queue.push(text);
    this.queuedBytes += text.length;
    if (!this.flushScheduled && this.receiver) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  /** Sends the close frame (to the receiver now, or to the next request), then ends the session. */
  close(code: number, reason: string): void {
    if (this.closing !== null) return;
    this.closing = closeFrame(code, reason);
    this.queue.length = 0;
    this.queuedBytes = 0;
    clearInterval(this.heartbeat);
    const receiver = this.receiver;
    if (receiver) {
      this.receiver = null;
      receiver.write(this.closing);
      receiver.end();
    }
    this.handlers?.closed();
    // Keep answering with the close frame for a while, then forget the session.
    this.clearDisconnectTimer();
    this.disconnectTimer = setTimeout(() => this.options.onRemoved?.(), this.options.disconnectDelayMs);
    this.disconnectTimer.unref();
  }

  /** Ends the session at once, without waiting (server shutdown). */
  dispose(): void {
    this.close(3000, 'Go away!');
    this.clearDisconnectTimer();
    this.options.onRemoved?.();
  }

  private flush(): void {
    if (!this.receiver || this.queue.length === 0 || this.closing !== null) return;
    const frame = arrayFrame(this.queue);
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.writeToReceiver(frame);
  }

  private writeToReceiver(frame: string): void {
    const receiver = this.receiver;
    if (!receiver) return;
    if (!receiver.write(frame) || !receiver.streaming) {
      this.receiver = null;
      receiver.end();
      this.armDisconnectTimer();
    }
  }

  private armDisconnectTimer(): void {
    if (this.closing !== null) return;
    this.clearDisconnectTimer();
    this.disconnectTimer = setTimeout(() => this.close(3000, 'Go away!'), this.options.disconnectDelayMs);
    this.disconnectTimer.unref();
  }

  private clearDisconnectTimer(): void {
    if (this.disconnectTimer) clearTimeout(this.disconnectTimer);
    this.disconnectTimer = null;
  }
}
