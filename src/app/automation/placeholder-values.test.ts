import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_PROGRESS, jobInfo } from '../../jobs/index.js';
import type { CurrentData } from '../../jobs/index.js';
import { localIsoTime, placeholderText, placeholderValues } from './placeholder-values.js';

const FLAGS = { operational: true, printing: true, cancelling: false, pausing: false, resuming: false, finishing: false, closedOrError: false, error: false, paused: false, ready: false, sdReady: false };

function printing(completion: number): CurrentData {
  const file = { origin: 'local' as const, path: 'a/b.gcode', name: 'b.gcode', display: 'b.gcode', size: 10, date: 1, owner: null, analysisEstimate: null, slicerEstimate: null, averagePrintTime: null, lastPrintTime: null, filament: null };
  return {
    state: { id: 'PRINTING', text: 'Printing', flags: FLAGS, error: null },
    job: jobInfo(file, null),
    progress: { ...EMPTY_PROGRESS, completion },
    currentZ: 0.3,
    offsets: {},
    resends: { count: 0, transmitted: 0, ratio: 0 },
    busyFiles: [],
  };
}

describe('event command placeholder values', () => {
  it("has OctoPrint's defaults without a printer or a file", () => {
    const values = placeholderValues('Startup', {}, null, 0);
    assert.equal(values.__currentZ, '-1');
    assert.equal(values.__filename, 'NO FILE');
    assert.equal(values.__filepath, 'NO PATH');
    assert.equal(values.__progress, '0');
    assert.equal(values.__eventname, 'Startup');
    assert.equal(values.__json, '{}');
    assert.equal('__fileorigin' in values, false, 'missing without a file: a command using it is skipped, as in OctoPrint');
  });
  it('fills the current file, Z and rounded progress, and the payload keys as Python shows them', () => {
    const values = placeholderValues('PrintDone', { name: 'b.gcode', time: 12.5, owner: null, ok: true }, printing(41.6), 0);
    assert.equal(values.__filename, 'b.gcode');
    assert.equal(values.__filepath, 'a/b.gcode');
    assert.equal(values.__fileorigin, 'local');
    assert.equal(values.__currentZ, '0.3');
    assert.equal(values.__progress, '42');
    assert.equal(values.time, '12.5');
    assert.equal(values.owner, 'None');
    assert.equal(values.ok, 'True');
    assert.equal(values.__json, '{"name":"b.gcode","time":12.5,"owner":null,"ok":true}');
  });
  it('writes lists and objects as JSON, and local time like isoformat()', () => {
    assert.equal(placeholderText(['a', 1]), '["a",1]');
    assert.match(localIsoTime(Date.UTC(2025, 0, 2, 3, 4, 5, 678)), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
  });
});
