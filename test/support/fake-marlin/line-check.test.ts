// Table test of the fake Marlin's line check against Marlin's rules and wording.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkLine } from './line-check.js';

describe('fake Marlin line check', () => {
  const cases: [string, number, ReturnType<typeof checkLine>][] = [
    ['N0 M110 N0*125', 7, { ok: true, command: 'M110 N0', lineNumber: 0 }],
    ['N1 M114*38', 0, { ok: true, command: 'M114', lineNumber: 1 }],
    ['N3 M105*36', 1, { ok: false, error: 'Line Number is not Last Line Number+1, Last Line: 1' }],
    ['N2 M114*38', 1, { ok: false, error: 'checksum mismatch, Last Line: 1' }],
    ['N2 M114', 1, { ok: false, error: 'No Checksum with line number, Last Line: 1' }],
    ['M114*38', 1, { ok: false, error: 'No Line Number with checksum, Last Line: 1' }],
    ['M105', 1, { ok: true, command: 'M105', lineNumber: null }],
  ];
  for (const [line, last, expected] of cases) it(`${line} after line ${last}`, () => assert.deepEqual(checkLine(line, last), expected));
});
