// Tests of move durations and of the planner queue in simulated time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MotionState, Planner } from './motion.js';

describe('MotionState durations', () => {
  const cases: [string[], number][] = [
    [['G1 X60 F3600'], 1000],
    [['G1 X30 Y40 F600'], 5000],
    [['G1 X10 F600', 'G1 X10'], 0],
    [['G1 E5 F300'], 1000],
    [['M220', 'G91', 'G1 X10 F600', 'G1 X10'], 1000],
  ];
  for (const [commands, expected] of cases) {
    it(commands.join(' / '), () => {
      const motion = new MotionState();
      let last = 0;
      for (const command of commands) {
        if (command === 'G91') motion.setRelative(true);
        else if (command.startsWith('G1')) last = motion.move(command);
      }
      assert.ok(Math.abs(last - expected) < 1e-6, `${last}`);
    });
  }
  it('M220 speed factor shortens moves', () => {
    const motion = new MotionState();
    motion.speedFactor = 200;
    assert.equal(motion.move('G1 X60 F3600'), 500);
  });
});

describe('Planner', () => {
  it('queues moves back to back and frees slots as they end', () => {
    const planner = new Planner(2);
    planner.add(0, 100);
    planner.add(0, 100);
    assert.equal(planner.room(0), 0);
    assert.equal(planner.nextFreeAt(0), 100);
    assert.equal(planner.idleAt(0), 200);
    assert.equal(planner.room(100), 1);
    planner.add(150, 100);
    assert.equal(planner.idleAt(150), 300);
    assert.equal(planner.room(300), 2);
    planner.add(300, 10);
    planner.clear();
    assert.equal(planner.room(300), 2);
  });
});
