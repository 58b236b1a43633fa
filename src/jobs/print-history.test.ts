// The print history: ends recorded from the job events, a cancel once, the file bounded, rewritten whole and read back.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EventBus } from '../events/index.js';
import type { PrintPayload } from '../events/index.js';
import { PrintHistory } from './print-history.js';

const print = (name: string): PrintPayload => ({ name, path: `parts/${name}`, origin: 'local', size: 1234, owner: 'ann', user: 'ann' });

describe('PrintHistory', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'argonaut-history-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('records done, cancelled (once, though told twice) and failed prints, newest first, and keeps them on disk', async () => {
    const file = join(dir, 'history.json');
    const events = new EventBus();
    let clock = 1_700_000_000_000;
    const history = new PrintHistory({ file, events, now: () => clock });
    events.emit('PrintDone', { ...print('a.gcode'), time: 120 });
    clock += 60_000;
    events.emit('PrintCancelled', { ...print('b.gcode'), time: 30 });
    events.emit('PrintFailed', { ...print('b.gcode'), time: 30, reason: 'cancelled' });
    clock += 60_000;
    events.emit('PrintFailed', { ...print('c.gcode'), time: 5, reason: 'error' });
    const list = history.list();
    assert.deepEqual(
      list.map((entry) => [entry.name, entry.result, entry.reason]),
      [
        ['c.gcode', 'failed', 'error'],
        ['b.gcode', 'cancelled', null],
        ['a.gcode', 'done', null],
      ],
    );
    assert.equal(list[2]?.duration, 120);
    assert.equal(list[2]?.ended, 1_700_000_000);
    assert.equal(list[2]?.started, 1_700_000_000 - 120);
    assert.equal(list[2]?.user, 'ann');
    assert.deepEqual(list.map((entry) => entry.id), [3, 2, 1]);
    await history.close();
    // Closed, it hears nothing more; a new one reads the file back.
    events.emit('PrintDone', { ...print('d.gcode'), time: 1 });
    const again = new PrintHistory({ file, events: new EventBus(), now: () => clock });
    assert.deepEqual(again.list().map((entry) => entry.name), ['c.gcode', 'b.gcode', 'a.gcode']);
    await again.close();
    assert.deepEqual(readdirSync(dir), ['history.json'], 'no temporary file is left behind');
  });

  it('keeps only the newest `limit` prints', async () => {
    const file = join(dir, 'bounded.json');
    const events = new EventBus();
    const history = new PrintHistory({ file, events, now: () => 1_000_000, limit: 3 });
    for (let index = 1; index <= 5; index++) events.emit('PrintDone', { ...print(`${index}.gcode`), time: index });
    assert.deepEqual(history.list().map((entry) => entry.name), ['5.gcode', '4.gcode', '3.gcode']);
    await history.flushed();
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { prints: Array<{ name: string }> };
    assert.deepEqual(saved.prints.map((entry) => entry.name), ['3.gcode', '4.gcode', '5.gcode']);
    await history.close();
  });

  it('keeps how far each print got: 100 % when done, the job\'s completion at the end otherwise, null when unknown', async () => {
    const file = join(dir, 'completion.json');
    // A file written before completions were kept reads back with null.
    writeFileSync(file, JSON.stringify({ prints: [{ id: 1, name: 'old.gcode', path: 'old.gcode', origin: 'local', size: 1, user: null, started: 0, ended: 1, duration: 1, result: 'failed', reason: 'error' }] }));
    const events = new EventBus();
    let atEnd: number | null = 11.4567;
    const history = new PrintHistory({ file, events, now: () => 5_000, completion: () => atEnd });
    events.emit('PrintCancelled', { ...print('b.gcode'), time: 3 });
    events.emit('PrintFailed', { ...print('b.gcode'), time: 3, reason: 'cancelled' });
    events.emit('PrintDone', { ...print('c.gcode'), time: 3 });
    atEnd = null;
    events.emit('PrintFailed', { ...print('d.gcode'), time: 3, reason: 'error' });
    assert.deepEqual(history.list().map((entry) => [entry.name, entry.completion]), [
      ['d.gcode', null],
      ['c.gcode', 100],
      ['b.gcode', 11.46],
      ['old.gcode', null],
    ]);
    await history.close();
  });

  it('starts empty, and says so, when the file is not valid JSON', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{not json');
    const problems: string[] = [];
    const history = new PrintHistory({ file, events: new EventBus(), now: () => 0, onError: (message) => problems.push(message) });
    assert.deepEqual(history.list(), []);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /not valid JSON/);
    await history.close();
  });
});
