// Client patterns whose worst case is cubic (two unbounded quantifiers, not anchored) see a shorter window.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MATCH_WINDOW, RISKY_MATCH_WINDOW, compileSafePattern, matchWindow, matchesLine, patternProblem } from './safe-pattern.js';

function compiled(source: string): RegExp {
  const pattern = compileSafePattern(source);
  assert.ok(pattern, source);
  return pattern;
}

describe('safe pattern windows', () => {
  it('tests unanchored patterns with two unbounded quantifiers on a shorter window', () => {
    assert.equal(matchWindow(compiled('a+a*x')), RISKY_MATCH_WINDOW);
    assert.equal(matchWindow(compiled('.*x.*y')), RISKY_MATCH_WINDOW);
    assert.equal(matchWindow(compiled('^.*x.*y')), MATCH_WINDOW, 'anchored: one start position');
    assert.equal(matchWindow(compiled('^a|.*x.*y')), RISKY_MATCH_WINDOW, 'a top-level alternative is not anchored');
    assert.equal(matchWindow(compiled('Recv: .*ok')), MATCH_WINDOW, 'one unbounded quantifier');
    assert.ok(!matchesLine(compiled('.*x.*y'), `${'x'.repeat(RISKY_MATCH_WINDOW)}y`), 'text past the window is not seen');
  });

  it('finishes quickly on hostile lines', () => {
    for (const source of ['a+a*x', '.*x.*y', '\\S+\\w*!', 'a{0,100}a{0,100}b']) {
      const pattern = compileSafePattern(source);
      if (!pattern) continue;
      const started = performance.now();
      for (const line of ['a'.repeat(1000), 'x'.repeat(1000), '1'.repeat(1000)]) matchesLine(pattern, line);
      assert.ok(performance.now() - started < 100, `${source}: ${(performance.now() - started).toFixed(1)} ms`);
    }
  });

  it('counts large bounded repeats as unbounded', () => {
    assert.notEqual(patternProblem('a{0,100}b{0,100}c{0,100}'), null);
    assert.equal(patternProblem('[a-z]{2,5}[0-9]{1,3}x{1,16}'), null);
  });
});
