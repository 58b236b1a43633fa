// Tests for telling printer messages apart from the lines the protocol consumes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPrinterMessage } from './printer-message.js';

describe('isPrinterMessage', () => {
  it('keeps echoes, errors, action commands and free text', () => {
    for (const line of ['echo:Settings Stored', 'Error:Printing stopped due to errors', '//action:paused', 'Marlin 2.1.2', 'echo:Unknown command: "G999"']) {
      assert.equal(isPrinterMessage(line), true, line);
    }
  });

  it('drops what the protocol consumes', () => {
    for (const line of ['ok', 'ok T:21.3 /0.0 B:20.1 /0.0', 'wait', 'Resend: 12', 'echo:busy: processing', 'echo:SD card ok', ' T:21.3 /0.0 B:20.1 /0.0 @:0', 'X:0.00 Y:0.00 Z:0.00 E:0.00 Count X:0 Y:0 Z:0', '', 'echo:Unknown command: ""']) {
      assert.equal(isPrinterMessage(line), false, JSON.stringify(line));
    }
  });
});
