// Table tests of line numbering (M110 handling) and of the checksum policy.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CHECKSUM_POLICY, LineNumbering, needsChecksum } from './line-numbering.js';

describe('LineNumbering', () => {
  it('numbers consecutively from 1 by default', () => {
    const numbering = new LineNumbering();
    assert.deepEqual(
      ['G28', 'G1 X1', 'M105'].map((c) => numbering.number(c).text),
      ['N1 G28*18', 'N2 G1 X1*99', 'N3 M105*36'],
    );
    assert.equal(numbering.next, 4);
  });
  const resets: [string, number, number][] = [
    ['M110 N0', 0, 1],
    ['M110 N42', 42, 43],
    ['m110 n9', 9, 10],
  ];
  for (const [command, sentAs, next] of resets) {
    it(`${command} is sent as line ${sentAs} and the next line is ${next}`, () => {
      const numbering = new LineNumbering(100);
      numbering.number('G28');
      const line = numbering.number(command);
      assert.equal(line.lineNumber, sentAs);
      assert.equal(line.resetsNumbering, true);
      assert.equal(numbering.next, next);
    });
  }
  it('a bare M110 (or one without a usable N) is numbered like any line and moves nothing', () => {
    const numbering = new LineNumbering(100);
    for (const command of ['M110', 'M110 N-1', 'M110 Nx']) {
      const line = numbering.number(command);
      assert.equal(line.resetsNumbering, false, command);
    }
    assert.equal(numbering.next, 103);
  });
  it('reset() moves the counter without sending', () => {
    const numbering = new LineNumbering();
    numbering.reset(50);
    assert.equal(numbering.number('G28').lineNumber, 50);
  });
});

describe('needsChecksum', () => {
  const idle = { printing: false, firmwareInfoReceived: true };
  const printing = { printing: true, firmwareInfoReceived: true };
  const beforeM115 = { printing: false, firmwareInfoReceived: false };
  const cases: [string, string, typeof idle, Partial<typeof DEFAULT_CHECKSUM_POLICY>, boolean][] = [
    ['M110 always', 'M110 N0', idle, {}, true],
    ['M110 even when never', 'M110 N0', idle, { neverSendChecksum: true }, true],
    ['idle G-code: no', 'G28', idle, {}, false],
    ['printing G-code: yes', 'G1 X1', printing, {}, true],
    ['before M115: yes', 'M105', beforeM115, {}, true],
    ['always: yes', 'M105', idle, { alwaysSendChecksum: true }, true],
    ['never wins over printing', 'G1 X1', printing, { neverSendChecksum: true }, false],
    ['unknown command while printing: no', 'STATUS', printing, {}, false],
    ['unknown command when allowed: yes', 'STATUS', printing, { sendChecksumWithUnknownCommands: true }, true],
    ['custom requiring list', 'M28 a.gco', idle, { checksumRequiringCommands: ['M110', 'M28'] }, true],
  ];
  for (const [name, command, context, policy, expected] of cases) {
    it(name, () => assert.equal(needsChecksum(command, context, { ...DEFAULT_CHECKSUM_POLICY, ...policy }), expected));
  }
});
