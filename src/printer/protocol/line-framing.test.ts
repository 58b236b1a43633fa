// Table tests of line framing: checksums, framed lines and the parsing firmware does.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checksum, frameLine, lineNumberResetCommand, parseFramedLine, toPrintableAscii } from './line-framing.js';

describe('checksum and frameLine', () => {
  // Expected values computed independently (Python: reduce(xor, map(ord, text))).
  const cases: [string, number, string][] = [
    ['M110 N0', 0, 'N0 M110 N0*125'],
    ['G28', 5, 'N5 G28*22'],
    ['M105', 1, 'N1 M105*38'],
    ['G1 X10 Y20.5 E1.25', 123, 'N123 G1 X10 Y20.5 E1.25*76'],
    ['M117 Hello\u00e9World', 2, 'N2 M117 Hello?World*57'],
  ];
  for (const [command, n, expected] of cases) {
    it(`${command} as line ${n}`, () => assert.equal(frameLine(command, n), expected));
  }
  it('checksum is the XOR of every byte', () => {
    assert.equal(checksum(''), 0);
    assert.equal(checksum('A'), 65);
    assert.equal(checksum('AA'), 0);
  });
  it('M110 resets to a given number', () => assert.equal(lineNumberResetCommand(7), 'M110 N7'));
  it('toPrintableAscii replaces tabs and non-ASCII', () => assert.equal(toPrintableAscii('G1\tX1 ü'), 'G1 X1 ?'));
});

describe('parseFramedLine', () => {
  const cases: [string, { lineNumber: number | null; command: string; checksum: number | null; checksumValid: boolean }][] = [
    ['N0 M110 N0*125', { lineNumber: 0, command: 'M110 N0', checksum: 125, checksumValid: true }],
    ['N5 G28*23', { lineNumber: 5, command: 'G28', checksum: 23, checksumValid: false }],
    ['M105', { lineNumber: null, command: 'M105', checksum: null, checksumValid: true }],
    ['N7 M105', { lineNumber: 7, command: 'M105', checksum: null, checksumValid: true }],
    ['N1 M105*x', { lineNumber: 1, command: 'M105', checksum: null, checksumValid: false }],
    ['  N123 G1 X10 Y20.5 E1.25*76\r', { lineNumber: 123, command: 'G1 X10 Y20.5 E1.25', checksum: 76, checksumValid: true }],
  ];
  for (const [raw, expected] of cases) {
    it(JSON.stringify(raw), () => {
      const parsed = parseFramedLine(raw);
      assert.deepEqual(
        { lineNumber: parsed.lineNumber, command: parsed.command, checksum: parsed.checksum, checksumValid: parsed.checksumValid },
        expected,
      );
    });
  }
  it('round-trips what frameLine produced', () => {
    for (let n = 0; n < 200; n += 17) {
      const parsed = parseFramedLine(frameLine(`G1 X${n} Y${n / 2}`, n));
      assert.equal(parsed.lineNumber, n);
      assert.equal(parsed.command, `G1 X${n} Y${n / 2}`);
      assert.equal(parsed.checksumValid, true);
    }
  });
});
