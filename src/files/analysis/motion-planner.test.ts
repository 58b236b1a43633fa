// Tests of the time models against trapezoids worked out by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MachineLimits } from './machine-limits.js';
import { MotionPlanner, trapezoidSeconds } from './motion-planner.js';
import { FeedrateTimeModel } from './time-model.js';

function near(actual: number, expected: number, tolerance = 1e-9): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected}`);
}

/** X/Y at most 100 mm/s, accelerations 500 mm/s², jerk 5 mm/s. */
function limits(): MachineLimits {
  return {
    maxFeedrate: [100, 100, 10, 50],
    maxAcceleration: [1000, 1000, 100, 10_000],
    maxJerk: [5, 5, 0.4, 2.5],
    printAcceleration: 500,
    retractAcceleration: 1000,
    travelAcceleration: 500,
  };
}

describe('trapezoidSeconds', () => {
  it('accelerates, cruises and decelerates', () => {
    // 5 → 100 mm/s at 500 mm/s² takes 0.19 s over 9.975 mm, twice; 80.05 mm cruise at 100 mm/s.
    near(trapezoidSeconds(100, 5, 5, 100, 500), 0.19 * 2 + 0.8005);
  });

  it('turns into a triangle when the move is too short to reach the feedrate', () => {
    // 0 → peak over 5 mm at 100 mm/s²: sqrt(2·5/100) s, twice.
    near(trapezoidSeconds(10, 0, 0, 100, 100), 2 * Math.sqrt(0.1));
  });
});

describe('MotionPlanner', () => {
  it('starts and ends a lone move at its jerk-safe speed, capped by the axis feedrate', () => {
    const planner = new MotionPlanner(limits());
    planner.move(100, 0, 0, 1, 200); // 200 mm/s asked, 100 mm/s allowed on X
    near(planner.finish(), 0.19 * 2 + 0.8005);
  });

  it('carries the speed through a straight junction', () => {
    const planner = new MotionPlanner(limits());
    planner.move(50, 0, 0, 0.5, 100);
    planner.move(50, 0, 0, 0.5, 100);
    near(planner.finish(), 0.19 * 2 + 0.8005);
  });

  it('looks ahead across its window: a thousand 1 mm moves take as long as one of 1000 mm', () => {
    const planner = new MotionPlanner(limits());
    for (let i = 0; i < 1000; i++) planner.move(1, 0, 0, 0.01, 100);
    near(planner.finish(), 0.19 * 2 + (1000 - 19.95) / 100, 1e-6);
  });

  it('slows to the jerk speed at a right-angle corner', () => {
    const planner = new MotionPlanner(limits());
    planner.move(50, 0, 0, 0, 100);
    planner.move(0, 50, 0, 0, 100);
    // Each leg: 5 → 100 → 5 mm/s over 50 mm (19.95 mm of ramps, 30.05 mm cruising).
    near(planner.finish(), 2 * (0.19 * 2 + 0.3005));
  });

  it('uses the Z limits for a Z move', () => {
    const planner = new MotionPlanner(limits());
    planner.move(0, 0, 10, 0, 50);
    // 10 mm/s max, 100 mm/s² max, jerk 0.4: ramps 2 × (100 − 0.16)/200 mm, 2 × 9.6/100 s.
    near(planner.finish(), 0.192 + (10 - 0.9984) / 10);
  });

  it('times a retraction with the retract acceleration and the E limits', () => {
    const planner = new MotionPlanner(limits());
    planner.move(0, 0, 0, -2, 40);
    // 2.5 → 40 mm/s at 1000 mm/s²: 0.0375 s over 0.796875 mm, twice; 0.40625 mm at 40 mm/s.
    near(planner.finish(), 0.075 + 0.40625 / 40);
  });

  it('adds dwells and stops before them', () => {
    const planner = new MotionPlanner(limits());
    planner.move(50, 0, 0, 0.5, 100);
    planner.dwell(2);
    planner.move(50, 0, 0, 0.5, 100);
    near(planner.finish(), 2 + 2 * (0.19 * 2 + 0.3005));
  });

  it('follows limits changed between moves', () => {
    const machine = limits();
    const planner = new MotionPlanner(machine);
    planner.move(100, 0, 0, 1, 100);
    planner.stop();
    machine.maxFeedrate[0] = 50;
    planner.move(100, 0, 0, 1, 100);
    // Second move: 5 → 50 mm/s: 0.09 s over 2.475 mm, twice; 95.05 mm at 50 mm/s.
    near(planner.finish(), 0.19 * 2 + 0.8005 + 0.09 * 2 + 95.05 / 50);
  });

  it('ignores moves of no length', () => {
    const planner = new MotionPlanner(limits());
    planner.move(0, 0, 0, 0, 100);
    assert.equal(planner.finish(), 0);
  });
});

describe('FeedrateTimeModel (OctoPrint)', () => {
  it('takes the longer of distance and extrusion over the feedrate, plus dwells', () => {
    const model = new FeedrateTimeModel();
    model.move(3, 4, 0, 1, 10); // 5 mm at 10 mm/s
    model.move(0, 0, 0, -2, 40); // retraction: 2 mm at 40 mm/s
    model.dwell(1.5);
    near(model.finish(), 0.5 + 0.05 + 1.5);
  });
});
