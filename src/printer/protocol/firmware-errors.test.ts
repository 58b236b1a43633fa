// Table tests of firmware error classification.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isErrorLine, parseFirmwareError } from './firmware-errors.js';
import type { FirmwareErrorKind } from './firmware-errors.js';

describe('parseFirmwareError', () => {
  const cases: [string, FirmwareErrorKind, number | null][] = [
    ['Error:checksum mismatch, Last Line: 41', 'communication', 41],
    ['Error:Line Number is not Last Line Number+1, Last Line: 12', 'communication', 12],
    ['Error:No Checksum with line number, Last Line: 3', 'communication', 3],
    ['Error:No Line Number with checksum, Last Line: 3', 'recoverable', 3],
    ['Error:expected line 5 got 7', 'communication', null],
    ['Error:Format error', 'communication', null],
    ['Error:Printer halted. kill() called!', 'halted', null],
    ['Error:Thermal Runaway, system stopped! Heater_ID: 0', 'halted', null],
    ['Error:MAXTEMP triggered, system stopped! Heater_ID: bed', 'halted', null],
    ['Error:volume.init failed', 'sd', null],
    ['Error:open failed, File: nope.gco.', 'sd', null],
    ['Error:Unknown command: "G999"', 'unknown-command', null],
    ['!! Printer stopped', 'halted', null],
    ['Error:Something else happened', 'fatal', null],
  ];
  for (const [line, kind, lastLine] of cases) {
    it(line, () => {
      const error = parseFirmwareError(line);
      assert.equal(error?.kind, kind);
      assert.equal(error?.lastLine, lastLine);
    });
  }
  it('keeps the message after the prefix', () => {
    assert.equal(parseFirmwareError('Error:checksum mismatch, Last Line: 41')?.message, 'checksum mismatch, Last Line: 41');
    assert.equal(parseFirmwareError('!! Printer stopped')?.message, 'Printer stopped');
  });
  it('marks one-digit errors whose text follows on the next line', () => {
    assert.equal(parseFirmwareError('Error:0')?.continues, true);
    assert.equal(parseFirmwareError('Error:checksum mismatch, Last Line: 1')?.continues, false);
  });
  it('returns null for other lines', () => {
    assert.equal(parseFirmwareError('ok'), null);
    assert.equal(parseFirmwareError('echo:error in line'), null);
    assert.equal(isErrorLine('error:lowercase'), true);
    assert.equal(isErrorLine('echo:x'), false);
  });
});
