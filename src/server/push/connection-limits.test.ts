// Tests of the message rate limiter and the connection caps.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectionLimiter, MessageRateLimiter } from './connection-limits.js';

describe('MessageRateLimiter', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    const limiter = new MessageRateLimiter(10, 5, 0);
    for (let i = 0; i < 5; i += 1) assert.ok(limiter.take(0));
    assert.ok(!limiter.take(0));
    assert.ok(!limiter.take(50));
    assert.ok(limiter.take(150));
    assert.ok(!limiter.take(150));
    for (let i = 0; i < 5; i += 1) assert.ok(limiter.take(10_000));
    assert.ok(!limiter.take(10_000));
  });
});

describe('ConnectionLimiter', () => {
  it('caps connections per address and in total, and frees slots on release', () => {
    const limiter = new ConnectionLimiter(3, 2);
    const a1 = limiter.acquire('10.0.0.1');
    const a2 = limiter.acquire('10.0.0.1');
    assert.ok(a1 && a2);
    assert.equal(limiter.acquire('10.0.0.1'), null);
    const b1 = limiter.acquire('10.0.0.2');
    assert.ok(b1);
    assert.equal(limiter.acquire('10.0.0.3'), null);
    assert.equal(limiter.count, 3);
    a1.dispose();
    a1.dispose();
    assert.equal(limiter.count, 2);
    assert.ok(limiter.acquire('10.0.0.1'));
  });
});
