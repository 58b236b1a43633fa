// Per-address connection caps on a real TCP server: the excess is closed, trusted proxies are exempt, counts drop.
import assert from 'node:assert/strict';
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { describe, it } from 'node:test';
import { capConnectionsPerAddress } from './connection-caps.js';

async function listening(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** Opens a connection and resolves with whether the server closed it within `ms`. */
function closedSoon(port: number, ms: number, keep: Socket[]): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    keep.push(socket);
    const timer = setTimeout(() => resolve(false), ms);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.on('error', () => undefined);
  });
}

describe('capConnectionsPerAddress', () => {
  it('closes connections above the cap and counts them down as they go', async () => {
    const server = createServer(() => undefined);
    const caps = capConnectionsPerAddress(server, () => [], 3);
    const port = await listening(server);
    const sockets: Socket[] = [];
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => closedSoon(port, 300, sockets)));
      assert.equal(results.filter(Boolean).length, 2);
      assert.equal(caps.countOf('127.0.0.1'), 3);
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(caps.countOf('127.0.0.1'), 0);
      assert.equal(await closedSoon(port, 200, sockets), false, 'room again');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('leaves trusted proxies alone', async () => {
    const server = createServer(() => undefined);
    capConnectionsPerAddress(server, () => ['127.0.0.1'], 1);
    const port = await listening(server);
    const sockets: Socket[] = [];
    try {
      const results = await Promise.all(Array.from({ length: 4 }, () => closedSoon(port, 200, sockets)));
      assert.deepEqual(results, [false, false, false, false]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
