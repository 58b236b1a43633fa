// Tests of the simulated heater model against a manual clock.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SimulatedHeater } from './simulated-heater.js';

function heater() {
  const clock = { time: 0, now() { return this.time; } };
  return { clock, heater: new SimulatedHeater({ heatingRate: 5, coolingRate: 2, ambient: 20 }, clock) };
}

describe('SimulatedHeater', () => {
  it('starts at ambient with no target', () => {
    const { heater: h } = heater();
    assert.equal(h.actual, 20);
    assert.equal(h.target, 0);
    assert.equal(h.reached(1, true), true);
  });
  const heating: [number, [number, number]][] = [
    [1000, [25, 25]],
    [10_000, [70, 70]],
    [30_000, [170, 170]],
    [60_000, [199, 200]],
    [120_000, [199.99, 200]],
  ];
  for (const [ms, [low, high]] of heating) {
    it(`heats towards 200 at ≤ 5 °C/s: after ${ms / 1000} s between ${low} and ${high}`, () => {
      const { clock, heater: h } = heater();
      h.setTarget(200);
      clock.time = ms;
      assert.ok(h.actual >= low && h.actual <= high, `${h.actual}`);
    });
  }
  it('gives the same temperature whether read often or once', () => {
    const a = heater();
    const b = heater();
    a.heater.setTarget(200);
    b.heater.setTarget(200);
    for (let t = 0; t <= 50_000; t += 250) {
      a.clock.time = t;
      void a.heater.actual;
    }
    b.clock.time = 50_000;
    assert.ok(Math.abs(a.heater.actual - b.heater.actual) < 1e-6);
  });
  it('cools towards ambient when switched off, never below it', () => {
    const { clock, heater: h } = heater();
    h.setTarget(100);
    h.settle();
    assert.equal(h.actual, 100);
    h.setTarget(0);
    clock.time = 10_000;
    assert.ok(Math.abs(h.actual - 80) < 1e-9, `${h.actual}`);
    clock.time = 1_000_000;
    assert.ok(h.actual >= 20 && h.actual < 20.01);
  });
  it('reached(): heating only accepts a hotter heater, both ways needs the window', () => {
    const { clock, heater: h } = heater();
    h.setTarget(100);
    h.settle();
    h.setTarget(50);
    assert.equal(h.reached(1, true), true);
    assert.equal(h.reached(1, false), false);
    clock.time = 60_000;
    assert.equal(h.reached(1, false), true);
  });
});
