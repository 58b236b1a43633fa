import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualScheduler } from '../../test/support/manual-scheduler.js';
import { checkValueAt } from '../config/index.js';
import { EventBus } from '../events/index.js';
import { DisplayProgress, displayLines, displayText, formatTimeLeft } from './display-progress.js';
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

describe('display updates in time', () => {
  const updates = (interval: number) => {
    const clock = new ManualScheduler();
    const events = new EventBus();
    const sent: string[][] = [];
    let printing = true;
    const display = new DisplayProgress({
      settings: () => ({ ...SETTINGS, m117: false, interval }),
      events,
      progress: () => progress(25, 600),
      isPrinting: () => printing,
      send: async (lines) => void sent.push(lines),
      clock,
    });
    events.emit('PrintStarted', { name: 'part.gcode', path: 'part.gcode', origin: 'local', size: 1, owner: null, user: null });
    return { clock, sent, display, pause: () => (printing = false) };
  };

  it('sends at the configured interval, and nothing while paused', () => {
    const { clock, sent, display, pause } = updates(30);
    clock.advance(29_999);
    assert.equal(sent.length, 0);
    clock.advance(1);
    assert.deepEqual(sent, [['M73 P25 R10']]);
    pause();
    clock.advance(60_000);
    assert.equal(sent.length, 1);
    display.dispose();
  });

  it('never more often than once every 10 s, even with a shorter interval than the settings allow', () => {
    assert.match(checkValueAt('plugins.display_progress.interval', 5) ?? '', /10/, 'the setting refuses less than 10 s');
    const { clock, sent, display } = updates(1);
    for (let step = 0; step < 60; step++) clock.advance(1_000);
    assert.equal(sent.length, 6, 'six updates in a minute');
    display.dispose();
  });
});
