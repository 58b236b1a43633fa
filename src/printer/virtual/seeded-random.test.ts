// Tests of the seeded generator: repeatable, seed-dependent, spread over [0, 1).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRandom } from './seeded-random.js';

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 20 }, ((r) => () => r.next())(new SeededRandom(seed)));
    assert.deepEqual(draw(42), draw(42));
    assert.notDeepEqual(draw(42), draw(43));
  });
  it('stays in [0, 1) with a plausible mean', () => {
    const random = new SeededRandom(1);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const value = random.next();
      assert.ok(value >= 0 && value < 1);
      sum += value;
    }
    assert.ok(Math.abs(sum / 10_000 - 0.5) < 0.02);
  });
  it('chance(): 0 never and without a draw, 1 always, p about p', () => {
    const a = new SeededRandom(5);
    const b = new SeededRandom(5);
    assert.equal(a.chance(0), false);
    assert.equal(a.next(), b.next(), 'chance(0) did not consume a draw');
    assert.equal(a.chance(1), true);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (a.chance(0.1)) hits++;
    assert.ok(hits > 850 && hits < 1150, `${hits}`);
  });
});
