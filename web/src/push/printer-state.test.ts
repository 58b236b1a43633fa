// Unit tests of how push messages build the live printer state: history replaces, current appends, buffers cap.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPushMessage, initialPrinterState } from './printer-state.js';

const flags = { operational: true, printing: true, cancelling: false, pausing: false, resuming: false, finishing: false, closedOrError: false, error: false, paused: false, ready: false, sdReady: false };
const base = {
  state: { text: 'Printing', flags, error: null },
  job: { file: { name: 'a.gcode', path: 'a.gcode', origin: 'local', size: 1, date: 1 }, estimatedPrintTime: 60, filament: null },
  progress: { completion: 10, filepos: 5, printTime: 6, printTimeLeft: 54 },
  currentZ: 0.2,
};

describe('printer state from push messages', () => {
  it('replaces the buffers on history and appends on current', () => {
    let state = applyPushMessage(initialPrinterState(), 'history', { ...base, temps: [{ time: 1, tool0: { actual: 20, target: 0 } }], logs: ['Recv: start'] });
    assert.equal(state.known, true);
    assert.equal(state.state.text, 'Printing');
    state = applyPushMessage(state, 'current', { ...base, progress: { ...base.progress, completion: 20 }, temps: [{ time: 2, tool0: { actual: 30, target: 200 } }], logs: ['Send: G28'] });
    assert.equal(state.progress?.completion, 20);
    assert.deepEqual(state.temps.map((t) => t.time), [1, 2]);
    assert.deepEqual(state.logs, ['Recv: start', 'Send: G28']);
    state = applyPushMessage(state, 'history', { ...base, temps: [], logs: [] });
    assert.deepEqual(state.temps, []);
    assert.deepEqual(state.logs, []);
  });

  it('ignores other message types and keeps at most 1000 log lines', () => {
    const start = initialPrinterState();
    assert.equal(applyPushMessage(start, 'event', { type: 'PrintStarted' }), start);
    const many = Array.from({ length: 1500 }, (_, i) => `line ${i}`);
    const state = applyPushMessage(start, 'current', { ...base, logs: many });
    assert.equal(state.logs.length, 1000);
    assert.equal(state.logs[0], 'line 500');
  });

  it('remembers how a print ended, at the completion last seen while it ran, until the next one starts', () => {
    let state = applyPushMessage(initialPrinterState(), 'history', base);
    state = applyPushMessage(state, 'current', { ...base, progress: { ...base.progress, completion: 11.4 } });
    const idle = { text: 'Operational', error: null, flags: { ...flags, printing: false, ready: true } };
    // After a cancel the server sends no progress any more; the outcome keeps where it stopped.
    state = applyPushMessage(state, 'current', { ...base, state: idle, progress: { completion: null, filepos: null, printTime: null, printTimeLeft: null } });
    state = applyPushMessage(state, 'event', { type: 'PrintCancelled', payload: { name: 'a.gcode' } });
    state = applyPushMessage(state, 'event', { type: 'PrintFailed', payload: { reason: 'cancelled' } });
    assert.deepEqual(state.outcome, { kind: 'cancelled', completion: 11.4, reason: null });
    state = applyPushMessage(state, 'event', { type: 'PrintStarted', payload: {} });
    assert.equal(state.outcome, null);
    assert.equal(state.activeCompletion, null);
  });

  it('keeps state, job and progress objects when a current message changes only the log lines', () => {
    const before = applyPushMessage(initialPrinterState(), 'history', JSON.parse(JSON.stringify({ ...base, logs: [] })));
    const after = applyPushMessage(before, 'current', JSON.parse(JSON.stringify({ ...base, logs: ['Recv: ok'] })));
    assert.equal(after.state, before.state);
    assert.equal(after.job, before.job);
    assert.equal(after.progress, before.progress);
    assert.notEqual(after.logs, before.logs);
    const moved = applyPushMessage(after, 'current', JSON.parse(JSON.stringify({ ...base, progress: { ...base.progress, completion: 11 } })));
    assert.notEqual(moved.progress, after.progress);
    assert.equal(moved.state, after.state);
    assert.equal(moved.logs, after.logs);
  });
});
