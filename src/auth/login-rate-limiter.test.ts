// Failed-login limits: OctoPrint's 3/min, 5/10 min, 10/h per address, plus a per-account lock with backoff.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoginRateLimiter } from './login-rate-limiter.js';

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

  it('locks an account after 5 failures from anywhere, doubling the wait; a success clears it', () => {
    const limiter = new LoginRateLimiter(() => true);
    for (let i = 0; i < 5; i += 1) limiter.recordFailure(`192.0.2.${i}`, 'Admin', 0);
    assert.equal(limiter.check('192.0.2.99', 'admin', 1000).limited, true, 'the name is compared case-insensitively');
    assert.equal(limiter.check('192.0.2.99', 'admin', MINUTE + 1).limited, false);
    limiter.recordFailure('192.0.2.7', 'admin', MINUTE + 1);
    assert.equal(limiter.check('192.0.2.99', 'admin', 2 * MINUTE).limited, true, 'second lock: two minutes');
    limiter.recordSuccess('admin');
    assert.equal(limiter.check('192.0.2.99', 'admin', 2 * MINUTE).limited, false);
  });

  it('does nothing when devel.enableRateLimiter is off', () => {
    const limiter = new LoginRateLimiter(() => false);
    for (let i = 0; i < 20; i += 1) limiter.recordFailure('a', 'b', i);
    assert.equal(limiter.check('a', 'b', 21).limited, false);
  });
});
