// Failed-login limits: OctoPrint's 3/min, 5/10 min, 10/h per address, and a per-account pace that never locks anyone out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCOUNT_FREE_FAILURES, ACCOUNT_SPACING_MS, ACCOUNT_WINDOW_MS, LoginRateLimiter } from './login-rate-limiter.js';

const MINUTE = 60_000;

describe('LoginRateLimiter', () => {
  it('allows 3 failures a minute from one address, then waits until the oldest leaves the window', () => {
    const limiter = new LoginRateLimiter(() => true);
    for (let i = 0; i < 3; i += 1) {
      assert.equal(limiter.check('10.0.0.1', null, i * 1000).limited, false);
      limiter.recordFailure('10.0.0.1', `user${i}`, i * 1000);
    }
    const limited = limiter.check('10.0.0.1', null, 3000);
    assert.equal(limited.limited, true);
    assert.equal(limited.retryAfterSeconds, 57);
    assert.equal(limiter.check('10.0.0.2', null, 3000).limited, false, 'another address is not affected');
    assert.equal(limiter.check('10.0.0.1', null, MINUTE + 1).limited, false);
  });

  it('also applies 5 per 10 minutes and 10 per hour', () => {
    const limiter = new LoginRateLimiter(() => true);
    const fail = (t: number) => limiter.recordFailure('a', null, t);
    [0, 61, 122, 183, 244].forEach((s) => fail(s * 1000));
    assert.equal(limiter.check('a', null, 300_000).limited, true, '5 in 10 minutes');
    assert.equal(limiter.check('a', null, 601_000).limited, false);
    [601, 662, 723, 784, 845].forEach((s) => fail(s * 1000));
    assert.equal(limiter.check('a', null, 1250_000).limited, true, '10 in an hour');
    assert.equal(limiter.check('a', null, 3601_000).limited, false);
  });

  it('never locks an account: after 50 failures from 50 addresses, a fresh address is checked at once', () => {
    const limiter = new LoginRateLimiter(() => true);
    for (let i = 0; i < 50; i += 1) {
      const now = i * 1200;
      assert.equal(limiter.check(`192.0.2.${i}`, 'Admin', now).limited, false);
      limiter.recordFailure(`192.0.2.${i}`, 'Admin', now);
    }
    const owner = limiter.check('198.51.100.7', 'admin', 50 * 1200);
    assert.deepEqual(owner, { limited: false, retryAfterSeconds: 0, waitMs: 0 }, 'the name is compared case-insensitively, and nothing is refused');
  });

  it('paces unknown devices on an attacked account (one a second, in turn); known devices skip the turns', () => {
    const limiter = new LoginRateLimiter(() => true);
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i += 1) limiter.recordFailure(`192.0.2.${i}`, 'admin', 0);
    const waits = Array.from({ length: 5 }, (_, i) => limiter.check(`198.51.100.${i}`, 'admin', 1000).waitMs);
    assert.deepEqual(waits, [0, ACCOUNT_SPACING_MS, 2 * ACCOUNT_SPACING_MS, 3 * ACCOUNT_SPACING_MS, 4 * ACCOUNT_SPACING_MS]);
    assert.deepEqual(limiter.check('203.0.113.1', 'admin', 1000, { knownDevice: true }), { limited: false, retryAfterSeconds: 0, waitMs: 0 });
    assert.equal(limiter.check('203.0.113.2', 'alice', 1000).waitMs, 0, 'other accounts are not paced');
    for (let i = 0; i < 20; i += 1) limiter.check(`198.51.101.${i}`, 'admin', 1000);
    const crowded = limiter.check('198.51.102.1', 'admin', 1000);
    assert.equal(crowded.limited, true, 'a turn more than 15 s away is refused rather than waited for');
    assert.ok(crowded.retryAfterSeconds >= 1);
    assert.equal(limiter.check('203.0.113.1', 'admin', 1000, { knownDevice: true }).limited, false, 'a known device still gets in');
    assert.equal(limiter.check('198.51.103.1', 'admin', 1000 + ACCOUNT_WINDOW_MS).waitMs, 0, 'the pace ends once the failures are old');
  });

  it('failures from a known device count for its address only', () => {
    const limiter = new LoginRateLimiter(() => true);
    for (let i = 0; i < 20; i += 1) limiter.recordFailure(`192.0.2.${i}`, 'admin', 0, { knownDevice: true });
    assert.equal(limiter.check('198.51.100.1', 'admin', 0).waitMs, 0);
  });

  it('does nothing when devel.enableRateLimiter is off', () => {
    const limiter = new LoginRateLimiter(() => false);
    for (let i = 0; i < 20; i += 1) limiter.recordFailure('a', 'b', i);
    assert.equal(limiter.check('a', 'b', 21).limited, false);
  });
});
