// Pings a websocket every interval and drops it when the previous ping got no pong (dead peers, half-open TCP).
import type { WebSocket } from 'ws';
import { toDisposable } from '../../shared/index.js';
import type { Disposable } from '../../shared/index.js';

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
