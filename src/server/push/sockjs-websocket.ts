// The SockJS websocket transport (/sockjs/<server>/<session>/websocket): one session per websocket, framed.
import { WebSocket } from 'ws';
import type { RawData } from 'ws';
import { CLOSE_CODES } from './push-channel.js';
import type { PushTimings } from './push-types.js';
import { decodeClientFrame } from './sockjs-frames.js';
import { SockjsSession } from './sockjs-session.js';
import type { SockjsReceiver } from './sockjs-session.js';
import { keepWebSocketAlive, webSocketText, writeFrame } from './websocket-support.js';
import type { SocketOutput } from './websocket-support.js';

export function openSockjsWebSocket(socket: WebSocket, remoteAddress: string, timings: PushTimings, output: SocketOutput): SockjsSession {
  const session = new SockjsSession('websocket', remoteAddress, 'sockjs-websocket', {
    heartbeatMs: timings.heartbeatMs,
    disconnectDelayMs: timings.disconnectDelayMs,
  });
  const open = (): boolean => socket.readyState === WebSocket.OPEN;
  const receiver: SockjsReceiver = {
    streaming: true,
    get bufferedBytes() {
      return socket.bufferedAmount;
    },
    write(frame) {
      if (!open()) return true;
      output.coalescer.beforeWrite(output.stream);
      socket.send(frame);
      return true;
    },
    writeMessage(message) {
      writeFrame(socket, output, message.sockjsWebSocketFrame);
      return true;
    },
    end() {
      output.coalescer.release(output.stream);
      if (!open()) return;
      socket.close(1000, 'Normal closure');
      setTimeout(() => socket.terminate(), 2_000).unref();
    },
  };
  session.attachReceiver(receiver, 'sockjs-websocket');
  const keepAlive = keepWebSocketAlive(socket, timings.heartbeatMs);
  socket.on('message', (data: RawData, isBinary: boolean) => {
    // Binary and empty frames carry no messages but still count against the client's rate.
    const text = isBinary ? '' : webSocketText(data);
    if (text === '') {
      session.deliver([]);
      return;
    }
    const texts = decodeClientFrame(text);
    if (texts) session.deliver(texts);
    else session.close(CLOSE_CODES.protocolError.code, CLOSE_CODES.protocolError.reason);
  });
  socket.on('error', () => socket.terminate());
  socket.on('close', () => {
    keepAlive.dispose();
    output.coalescer.release(output.stream);
    session.detachReceiver(receiver);
    session.dispose();
  });
  return session;
}
