// Unit tests of TemperatureTracker.heatingUnderWay: a heat-up is under way until the heater has stayed inside its window for the hold time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TemperatureTracker } from './temperature-tracker.js';

function tracker() {
  const clock = { now: 1_000_000 };
  const temperatures = new TemperatureTracker(
    () => 30,
    () => clock.now,
  );
  const report = (actual: number, target: number | null = null): void => temperatures.update({ heaters: { bed: { actual, target } } });
  return { temperatures, clock, report };
}

describe('TemperatureTracker.heatingUnderWay', () => {
  it('counts a heater inside its window as still heating until it stayed there for the hold time (a slow bed approach, Marlin residency)', () => {
    const { temperatures, clock, report } = tracker();
    temperatures.setTarget('bed', 60);
    report(30);
    assert.equal(temperatures.heatingUnderWay(40_000), true, 'far from its target');
    clock.now += 60_000;
    report(58);
    assert.equal(temperatures.heatingUnderWay(40_000), true, 'just inside the window: Marlin still waits its residency');
    clock.now += 39_000;
    report(59);
    assert.equal(temperatures.heatingUnderWay(40_000), true);
    clock.now += 2_000;
    report(60);
    assert.equal(temperatures.heatingUnderWay(40_000), false, 'settled for longer than the hold time');
  });

  it('starts over when the heater leaves the window (an overshoot) or gets a new target', () => {
    const { temperatures, clock, report } = tracker();
    temperatures.setTarget('bed', 60);
    report(59);
    clock.now += 50_000;
    report(60);
    assert.equal(temperatures.heatingUnderWay(40_000), false);
    report(64);
    assert.equal(temperatures.heatingUnderWay(40_000), true, 'overshoot: outside the window again');
    clock.now += 1_000;
    report(62);
    clock.now += 50_000;
    report(61);
    assert.equal(temperatures.heatingUnderWay(40_000), false);
    temperatures.setTarget('bed', 70);
    report(61);
    assert.equal(temperatures.heatingUnderWay(40_000), true, 'a new target');
  });

  it('ignores heaters without a target', () => {
    const { temperatures, report } = tracker();
    report(25, 0);
    assert.equal(temperatures.heatingUnderWay(40_000), false);
  });
});
