import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayLines, displayText, formatTimeLeft } from './display-progress.js';
import type { DisplayProgressSettings } from './display-progress.js';

const SETTINGS: DisplayProgressSettings = { enabled: true, m73: true, m117: true, message: '{progress}% {timeLeft} {name}', interval: 30 };
const progress = (completion: number | null, printTimeLeft: number | null) => ({ completion, filepos: 0, printTime: 0, printTimeLeft, printTimeLeftOrigin: null });

describe('the lines of a display update', () => {
  it('sends M73 P<percent> R<minutes> and M117 with the filled-in message', () => {
    assert.deepEqual(displayLines(SETTINGS, progress(42.7, 3930), 'cube.gcode'), ['M73 P42 R66', 'M117 42% 1h06m cube.gcode']);
  });
  it('leaves R out while the time left is unknown', () => {
    assert.deepEqual(displayLines({ ...SETTINGS, m117: false }, progress(null, null), 'x'), ['M73 P0']);
  });
  it('sends only M117 when M73 is off, and nothing when both are off', () => {
    assert.deepEqual(displayLines({ ...SETTINGS, m73: false, message: '{progress}%' }, progress(5, 60), 'x'), ['M117 5%']);
    assert.deepEqual(displayLines({ ...SETTINGS, m73: false, m117: false }, progress(5, 60), 'x'), []);
  });
  it('keeps a file name from breaking the G-code line (comment, checksum, newline)', () => {
    assert.equal(displayText('a;b*c\nd\\e'), 'a b c d e');
    assert.equal(displayText('x'.repeat(100)).length, 60);
    const [, m117] = displayLines({ ...SETTINGS, message: '{name}' }, progress(1, 1), 'evil;M112\n*12');
    assert.equal(m117, 'M117 evil M112 12');
  });
  it('formats the time left', () => {
    assert.equal(formatTimeLeft(null), '?');
    assert.equal(formatTimeLeft(59), '1m');
    assert.equal(formatTimeLeft(3600), '1h00m');
  });
});
