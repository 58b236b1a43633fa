// How end events become the job panel's outcome line ("Cancelled at 11 %").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outcomeOfEntry, outcomeOfEvent, outcomeText } from './print-outcome.js';

describe('print outcome', () => {
  it('names a cancel and a failure with the completion they ended at', () => {
    const cancelled = outcomeOfEvent('PrintCancelled', { name: 'a.gcode' }, 11.7);
    assert.deepEqual(cancelled, { kind: 'cancelled', completion: 11.7, reason: null });
    assert.equal(outcomeText(cancelled!), 'Cancelled at 11 %');
    const failed = outcomeOfEvent('PrintFailed', { reason: 'error' }, 42.2);
    assert.equal(outcomeText(failed!), 'Failed at 42 %');
    assert.equal(outcomeText({ kind: 'failed', completion: null, reason: 'disconnected' }), 'Failed (disconnected)');
    assert.equal(outcomeText(outcomeOfEvent('PrintDone', {}, 99)!), 'Finished');
  });

  it('ignores the PrintFailed that follows a cancel, and a new print clears the outcome', () => {
    assert.equal(outcomeOfEvent('PrintFailed', { reason: 'cancelled' }, 11), undefined);
    assert.equal(outcomeOfEvent('PrintStarted', {}, 11), null);
    assert.equal(outcomeOfEvent('PrintPaused', {}, 11), undefined);
  });

  it('reads the outcome of a print history entry, for a page opened after the print ended', () => {
    assert.equal(outcomeText(outcomeOfEntry({ result: 'cancelled', completion: 11.46, reason: null })), 'Cancelled at 11 %');
    assert.equal(outcomeText(outcomeOfEntry({ result: 'failed', completion: 42, reason: 'disconnected' })), 'Failed at 42 % (disconnected)');
    assert.equal(outcomeText(outcomeOfEntry({ result: 'failed', completion: null, reason: 'error' })), 'Failed');
    assert.deepEqual(outcomeOfEntry({ result: 'done', completion: null, reason: null }), { kind: 'done', completion: 100, reason: null });
  });
});
