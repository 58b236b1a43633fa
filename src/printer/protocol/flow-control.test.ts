// Table tests of flow control: one line in flight, and several with ADVANCED_OK buffer room.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FlowControl } from './flow-control.js';
import type { Clock } from './clock.js';

class ManualClock implements Clock {
  time = 0;
  now(): number {
    return this.time;
  }
}

type Step = ['send'] | ['ok', number | null] | ['can', boolean] | ['inFlight', number];

function run(control: FlowControl, steps: Step[]): void {
  steps.forEach((step, index) => {
    const where = `step ${index}: ${JSON.stringify(step)}`;
    if (step[0] === 'send') control.sent();
    else if (step[0] === 'ok') control.acknowledged({ bufferRoom: step[1] });
    else if (step[0] === 'can') assert.equal(control.canSend(), step[1], where);
    else assert.equal(control.inFlight, step[1], where);
  });
}

describe('FlowControl', () => {
  const cases: [string, 'single' | 'advanced-ok', number, Step[]][] = [
    ['single: one line at a time', 'single', 8, [['can', true], ['send'], ['can', false], ['ok', null], ['can', true], ['inFlight', 0]]],
    ['single ignores buffer room', 'single', 8, [['send'], ['ok', 3], ['send'], ['can', false]]],
    ['advanced: first line alone, then room B - inFlight - reserve', 'advanced-ok', 8, [
      ['send'], ['can', false], ['ok', 3], ['send'], ['can', true], ['send'], ['can', false], ['inFlight', 2],
      ['ok', 3], ['can', true], ['send'], ['can', false],
    ]],
    ['advanced: a plain ok falls back to one line', 'advanced-ok', 8, [['send'], ['ok', 7], ['send'], ['send'], ['ok', null], ['can', false], ['ok', null], ['can', true]]],
    ['advanced: bounded by maxInFlight', 'advanced-ok', 3, [['send'], ['ok', 15], ['send'], ['send'], ['send'], ['can', false], ['inFlight', 3]]],
    ['advanced: a full buffer stops sending', 'advanced-ok', 8, [['send'], ['ok', 0], ['send'], ['can', false]]],
    ['stray ok does not go below zero', 'single', 8, [['ok', null], ['inFlight', 0], ['can', true]]],
  ];
  for (const [name, mode, maxInFlight, steps] of cases) {
    it(name, () => run(new FlowControl({ mode, maxInFlight, reserve: 1, clock: new ManualClock() }), steps));
  }

  it('is overdue when nothing was heard for the timeout while lines are in flight', () => {
    const clock = new ManualClock();
    const control = new FlowControl({ clock });
    clock.time = 1000;
    assert.equal(control.overdue(500), false, 'nothing in flight');
    control.sent();
    clock.time = 1400;
    assert.equal(control.overdue(500), false);
    control.activity();
    clock.time = 1800;
    assert.equal(control.overdue(500), false, 'busy postponed the timeout');
    clock.time = 1900;
    assert.equal(control.overdue(500), true);
    assert.equal(control.quietFor(), 500);
    control.reset();
    assert.equal(control.inFlight, 0);
    assert.equal(control.overdue(0), false);
  });

  it('measures the wait for an ok apart from other signs of life: only an ok (or busy) ends it', () => {
    const clock = new ManualClock();
    const control = new FlowControl({ clock });
    clock.time = 1000;
    assert.equal(control.okWaitFor(), -1, 'nothing in flight');
    control.sent();
    clock.time = 1500;
    control.activity(); // an auto-reported temperature line
    clock.time = 2000;
    assert.equal(control.quietFor(), 500, 'the line reset the quiet timer');
    assert.equal(control.okWaitFor(), 1000, 'but not the wait for the ok');
    control.stillWorking();
    assert.equal(control.okWaitFor(), 0, 'busy restarts the wait');
    clock.time = 2300;
    control.acknowledged();
    assert.equal(control.okWaitFor(), -1);
    clock.time = 2400;
    control.sent();
    clock.time = 2450;
    assert.equal(control.okWaitFor(), 50, 'the wait of a new line starts when it is sent');
  });

  it('with several lines in flight the wait runs from the last ok, not from the newest line', () => {
    const clock = new ManualClock();
    const control = new FlowControl({ mode: 'advanced-ok', clock });
    control.sent();
    clock.time = 100;
    control.acknowledged({ bufferRoom: 8 });
    control.sent();
    clock.time = 200;
    control.sent();
    clock.time = 300;
    assert.equal(control.okWaitFor(), 200);
  });
});
