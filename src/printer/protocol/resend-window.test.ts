// Table tests of the resend window.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResendWindow } from './resend-window.js';

function windowWith(capacity: number, first: number, count: number): ResendWindow {
  const window = new ResendWindow(capacity);
  for (let n = first; n < first + count; n++) window.record(n, `G1 X${n}`);
  return window;
}

describe('ResendWindow.linesFrom', () => {
  const cases: [string, ResendWindow, number, number[] | string][] = [
    ['last line only', windowWith(5, 1, 3), 3, [3]],
    ['from the middle', windowWith(5, 1, 3), 2, [2, 3]],
    ['everything held', windowWith(5, 1, 5), 1, [1, 2, 3, 4, 5]],
    ['older than the window', windowWith(5, 1, 8), 3, 'out-of-window'],
    ['oldest still held', windowWith(5, 1, 8), 4, [4, 5, 6, 7, 8]],
    ['not sent yet', windowWith(5, 1, 3), 4, 'not-sent'],
    ['empty window', new ResendWindow(5), 1, 'out-of-window'],
  ];
  for (const [name, window, from, expected] of cases) {
    it(name, () => {
      const result = window.linesFrom(from);
      if (typeof expected === 'string') {
        assert.equal(result.ok, false);
        if (!result.ok) assert.equal(result.reason, expected);
      } else {
        assert.equal(result.ok, true);
        if (result.ok) {
          assert.deepEqual(result.lines.map((l) => l.lineNumber), expected);
          assert.deepEqual(result.lines.map((l) => l.command), expected.map((n) => `G1 X${n}`));
        }
      }
    });
  }
});

describe('ResendWindow bookkeeping', () => {
  it('reports oldest, latest, size and get()', () => {
    const window = windowWith(3, 10, 5);
    assert.equal(window.oldest, 12);
    assert.equal(window.latest, 14);
    assert.equal(window.size, 3);
    assert.equal(window.get(13), 'G1 X13');
    assert.equal(window.get(11), undefined);
  });
  it('starts afresh when numbering restarts (M110)', () => {
    const window = windowWith(5, 1, 4);
    window.record(0, 'M110 N0');
    window.record(1, 'G28');
    assert.equal(window.oldest, 0);
    const result = window.linesFrom(0);
    assert.ok(result.ok);
    if (result.ok) assert.deepEqual(result.lines, [{ lineNumber: 0, command: 'M110 N0' }, { lineNumber: 1, command: 'G28' }]);
  });
  it('clear() empties it and rejects a bad capacity', () => {
    const window = windowWith(5, 1, 4);
    window.clear();
    assert.equal(window.size, 0);
    assert.throws(() => new ResendWindow(0), RangeError);
  });
});
