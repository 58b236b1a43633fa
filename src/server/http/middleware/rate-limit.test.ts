// Token buckets of the per-caller rate limit: burst, refill, separate callers, the wait it reports, bounded memory.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenBuckets } from './rate-limit.js';

describe('TokenBuckets', () => {
  it('allows the burst at once, then refills at the sustained rate', () => {
    const buckets = new TokenBuckets({ burst: 3, perSecond: 2 });
    assert.deepEqual([0, 0, 0].map(() => buckets.take('a', 1000)), [0, 0, 0]);
    assert.equal(buckets.take('a', 1000), 1, 'empty: wait a second');
    assert.equal(buckets.take('a', 1500), 0, 'half a second later one token is back');
    assert.equal(buckets.take('a', 1500), 1);
    assert.deepEqual([0, 0, 0].map(() => buckets.take('a', 60_000)), [0, 0, 0], 'never more than the burst');
    assert.equal(buckets.take('a', 60_000), 1);
  });

  it('keeps callers apart', () => {
    const buckets = new TokenBuckets({ burst: 1, perSecond: 1 });
    assert.equal(buckets.take('a', 0), 0);
    assert.equal(buckets.take('a', 0), 1);
    assert.equal(buckets.take('b', 0), 0);
  });

  it('reports the seconds to wait at slow rates', () => {
    const buckets = new TokenBuckets({ burst: 1, perSecond: 0.1 });
    assert.equal(buckets.take('a', 0), 0);
    assert.equal(buckets.take('a', 0), 10);
  });

  it('stays usable when flooded with callers', () => {
    const buckets = new TokenBuckets({ burst: 2, perSecond: 1 });
    for (let i = 0; i < 25_000; i += 1) buckets.take(`caller-${i}`, i);
    assert.equal(buckets.take('caller-24999', 25_000), 0);
    assert.equal(buckets.take('fresh', 25_000), 0);
  });
});
