// Caps open TCP connections per client address (trusted proxies exempt: many clients share them), so one host
// cannot hold thousands of idle or half-open connections; the excess is closed at once.
import type { Server, Socket } from 'node:net';
import { inAnySubnet, normaliseAddress } from '../../auth/index.js';

/** Connections one address may hold open; above the push socket's per-address cap (150) plus a browser's few. */
export const MAX_CONNECTIONS_PER_ADDRESS = 200;

export interface ConnectionCaps {
  /** Open connections of one address (for tests and diagnostics). */
  countOf(address: string): number;
}

export function capConnectionsPerAddress(server: Server, trustedProxies: () => readonly string[], max = MAX_CONNECTIONS_PER_ADDRESS): ConnectionCaps {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = normaliseAddress(socket.remoteAddress ?? '');
    if (address === '' || inAnySubnet(address, trustedProxies())) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
  return { countOf: (address) => open.get(normaliseAddress(address)) ?? 0 };
}
