// Websocket helpers shared by both transports: keep-alive pings and reading text frames.
import type { RawData, WebSocket } from 'ws';
import { toDisposable } from '../../shared/index.js';
import type { Corkable, WriteCoalescer } from './write-coalescer.js';
import type { Disposable } from '../../shared/index.js';

/** Pings every interval; drops the socket when the previous ping got no pong (dead peers, half-open TCP). */
export function keepWebSocketAlive(socket: WebSocket, intervalMs: number): Disposable {
  let answered = true;
  const onPong = (): void => {
    answered = true;
  };
  socket.on('pong', onPong);
  const timer = setInterval(() => {
    if (!answered) {
      socket.terminate();
      return;
    }
    answered = false;
    try {
      socket.ping();
    } catch {
      socket.terminate();
    }
  }, intervalMs);
  timer.unref();
  return toDisposable(() => {
    clearInterval(timer);
    socket.off('pong', onPong);
  });
}

/** The text of a websocket message, whatever buffer form ws delivered it in. */
export function webSocketText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/**
 * Where a websocket's bytes go: its network stream (shared frames are written to it directly, in order with the
 * frames the ws library writes itself), and the coalescer that joins close writes on it.
 */
export interface SocketOutput {
  readonly stream: Corkable & { write(chunk: Buffer): unknown };
  readonly coalescer: WriteCoalescer;
}

/** Writes a prebuilt frame to an open websocket. */
export function writeFrame(socket: WebSocket, output: SocketOutput, frame: Buffer): void {
  if (socket.readyState !== socket.OPEN) return;
  output.coalescer.beforeWrite(output.stream);
  output.stream.write(frame);
}
