// The toast texts: finished, cancelled (told once though the server tells it twice), failed with its reason, printer errors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toastFor } from './print-toast-text.js';

describe('print toasts', () => {
  it('names the file and the time for each end of a print', () => {
    assert.deepEqual(toastFor('PrintDone', { name: 'cube.gcode', time: 125 }), { kind: 'success', title: 'Print finished', text: 'cube.gcode finished after 2 min 05 s.' });
    assert.deepEqual(toastFor('PrintCancelled', { name: 'cube.gcode', time: 5 }), { kind: 'info', title: 'Print cancelled', text: 'cube.gcode was cancelled after 5 s.' });
    assert.equal(toastFor('PrintFailed', { name: 'cube.gcode', time: 5, reason: 'cancelled' }), null);
    assert.deepEqual(toastFor('PrintFailed', { name: 'cube.gcode', time: 5, reason: 'error' }), { kind: 'error', title: 'Print failed', text: 'cube.gcode failed after 5 s.' });
    assert.equal(toastFor('PrintFailed', { name: 'cube.gcode', reason: 'The printer restarted' })?.text, 'cube.gcode failed (The printer restarted).');
  });

  it('shows the printer error, and nothing for other events', () => {
    assert.deepEqual(toastFor('Error', { error: 'Printer halted. kill() called!' }), { kind: 'error', title: 'Printer error', text: 'Printer halted. kill() called!' });
    assert.equal(toastFor('Error', null)?.text, 'The printer reported an error.');
    assert.equal(toastFor('PrintStarted', { name: 'cube.gcode' }), null);
  });
});
