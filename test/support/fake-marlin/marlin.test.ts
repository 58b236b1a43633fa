// The fake Marlin on an emulated wire across an unplug: a line still crossing the wire when the device went away
// neither lands after the replug nor leaves the command loop stuck (the board answers again after its new banner).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frameLine } from '../../../src/printer/protocol/index.js';
import { ManualScheduler } from '../manual-scheduler.js';
import { FakeMarlin } from './marlin.js';

function board() {
  const clock = new ManualScheduler();
  let heard = '';
  const marlin = new FakeMarlin(
    {
      write: (data) => (heard += data),
      now: () => clock.now(),
      setTimeout: (callback, ms) => {
        const timer = clock.setTimeout(callback, ms);
        return { cancel: () => timer.dispose() };
      },
    },
    { baudrate: 250000, autoreportCapability: false },
  );
  return { clock, marlin, heard: () => heard, forget: () => (heard = '') };
}

describe('fake Marlin unplugged with a line on the emulated wire', () => {
  it('answers after the replug, and the old line never arrives', () => {
    const { clock, marlin, heard, forget } = board();
    marlin.boot();
    clock.advance(100);
    marlin.receive(`${frameLine('M110 N0', 0)}\n`);
    clock.advance(100);
    assert.match(heard(), /ok\n$/);
    // Two lines at once: the second is still crossing the wire (0.7 ms a line at 250000 baud) …
    marlin.receive(`${frameLine('M117 SENT', 1)}\n${frameLine('M117 LOST', 2)}\n`);
    marlin.halt(); // … when the device goes away
    clock.advance(100);
    marlin.boot();
    clock.advance(100); // the new banner
    forget();
    marlin.receive(`${frameLine('M110 N0', 0)}\n`);
    clock.advance(100);
    assert.equal(heard(), 'ok\n');
    assert.deepEqual(marlin.accepted, ['M110 N0', 'M117 SENT', 'M110 N0']);
  });
});
