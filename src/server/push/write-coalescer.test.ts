// Tests of the write coalescer: immediate first write, corked bursts flushed once at the end of the window.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WriteCoalescer } from './write-coalescer.js';

class CountingSocket {
  writableLength = 0;
  corks = 0;
  uncorks = 0;
  cork(): void {
    this.corks += 1;
  }
  uncork(): void {
    this.uncorks += 1;
  }
}

describe('WriteCoalescer', () => {
  it('lets a lone write through and corks a burst once until the window ends', async () => {
    let now = 0;
    const coalescer = new WriteCoalescer(20, () => now);
    const socket = new CountingSocket();
    coalescer.beforeWrite(socket);
    assert.equal(socket.corks, 0, 'the first write goes out at once');
    now = 5;
    coalescer.beforeWrite(socket);
    now = 6;
    coalescer.beforeWrite(socket);
    assert.equal(socket.corks, 1);
    assert.equal(socket.uncorks, 0);
    now = 20;
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(socket.uncorks, 1);
    now = 30;
    coalescer.beforeWrite(socket);
    assert.equal(socket.corks, 2, 'a steady stream stays held: the flush counts as a write');
    coalescer.flush();
    now = 100;
    coalescer.beforeWrite(socket);
    assert.equal(socket.corks, 2, 'after a quiet spell the next write is immediate again');
  });

  it('releases a socket that closes while held or holds too much, and does nothing with a zero window', () => {
    let now = 0;
    const coalescer = new WriteCoalescer(20, () => now);
    const socket = new CountingSocket();
    coalescer.beforeWrite(socket);
    now = 1;
    coalescer.beforeWrite(socket);
    coalescer.release(socket);
    assert.equal(socket.uncorks, 1);
    coalescer.flush();
    assert.equal(socket.uncorks, 1);
    now = 30;
    coalescer.beforeWrite(socket);
    now = 31;
    coalescer.beforeWrite(socket);
    assert.equal(socket.corks, 2);
    socket.writableLength = 100_000;
    coalescer.beforeWrite(socket);
    assert.equal(socket.uncorks, 2, 'a lot of held data is let go at once');
    coalescer.flush();
    const off = new WriteCoalescer(0, () => now);
    off.beforeWrite(socket);
    off.beforeWrite(socket);
    assert.equal(socket.corks, 2);
  });
});
