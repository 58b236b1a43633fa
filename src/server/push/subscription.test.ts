// Tests of subscription parsing and of the guard against client regular expressions that backtrack forever.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileSafePattern, matchesLine, patternProblem } from './safe-pattern.js';
import { applyFilter, filterKey, FULL_SUBSCRIPTION, listAllows, parseSubscription } from './subscription.js';
import type { Subscription } from './subscription.js';

function parsed(value: unknown): Subscription {
  const result = parseSubscription(value);
  if (typeof result === 'string') throw new Error(result);
  return result;
}

describe('parseSubscription', () => {
  it('leaves out what was not asked for', () => {
    const subscription = parsed({ events: ['PrintStarted'] });
    assert.equal(subscription.state, null);
    assert.deepEqual(subscription.plugins, []);
    assert.deepEqual(subscription.events, ['PrintStarted']);
    assert.ok(listAllows(subscription.events, 'PrintStarted'));
    assert.ok(!listAllows(subscription.events, 'PrintDone'));
  });

  it('reads booleans: true means all, false means none', () => {
    const subscription = parsed({ state: true, plugins: true, events: false });
    assert.deepEqual(subscription.state && filterKey(subscription.state.logs), 'all');
    assert.equal(subscription.plugins, null);
    assert.deepEqual(subscription.events, []);
  });

  it('reads log and message filters as regular expressions', () => {
    const subscription = parsed({ state: { logs: '^Recv: ', messages: false } });
    assert.ok(subscription.state);
    assert.deepEqual(applyFilter(subscription.state.logs, ['Send: M105', 'Recv: ok T:20']), ['Recv: ok T:20']);
    assert.deepEqual(applyFilter(subscription.state.messages, ['echo:busy']), []);
    assert.equal(filterKey(subscription.state.logs), '/^Recv: /');
  });

  it('refuses malformed payloads', () => {
    assert.equal(typeof parseSubscription('all'), 'string');
    assert.equal(typeof parseSubscription({ state: 3 }), 'string');
    assert.equal(typeof parseSubscription({ events: 'PrintDone' }), 'string');
    assert.equal(typeof parseSubscription({ events: [1] }), 'string');
    assert.equal(typeof parseSubscription({ state: { logs: '(' } }), 'string');
    assert.equal(typeof parseSubscription({ state: { logs: '(a+)+$' } }), 'string');
  });

  it('starts from the full subscription', () => {
    assert.ok(FULL_SUBSCRIPTION.state);
    assert.equal(FULL_SUBSCRIPTION.events, null);
    assert.equal(FULL_SUBSCRIPTION.plugins, null);
  });
});

describe('safe client patterns', () => {
  it('accepts ordinary filters', () => {
    for (const source of ['^Recv: Cap', '^(Send|Recv): (?!.*M105)', 'T:\\d+\\.\\d+', '[a-z]{2,5}', '(?:ok)?\\s*$', '(?<word>abc)']) {
      assert.equal(patternProblem(source), null, source);
      assert.ok(compileSafePattern(source), source);
    }
  });

  it('refuses patterns with catastrophic backtracking', () => {
    for (const source of ['(a+)+$', '(a*)*b', '(a|aa)*c', '((ab)+x)+', '(\\d+\\s?)+$', '(.*a){2,}', 'a*a*a*b']) {
      assert.notEqual(patternProblem(source), null, source);
      assert.equal(compileSafePattern(source), null, source);
    }
  });

  it('refuses backreferences, long patterns and broken ones', () => {
    assert.notEqual(patternProblem('(a)\\1'), null);
    assert.notEqual(patternProblem('x'.repeat(200)), null);
    assert.equal(compileSafePattern('(abc'), null);
    assert.equal(compileSafePattern('abc)'), null);
  });

  it('tests only the start of a very long line', () => {
    const pattern = compileSafePattern('needle');
    assert.ok(pattern);
    assert.ok(matchesLine(pattern, 'needle' + 'x'.repeat(10_000)));
    assert.ok(!matchesLine(pattern, 'x'.repeat(10_000) + 'needle'));
  });

  it('an accepted pattern finishes quickly on a hostile line', () => {
    const pattern = compileSafePattern('^(Send|Recv): .*x.*y$');
    assert.ok(pattern);
    const started = performance.now();
    for (let i = 0; i < 100; i += 1) matchesLine(pattern, 'Send: ' + 'x'.repeat(100_000));
    assert.ok(performance.now() - started < 1000);
  });
});
