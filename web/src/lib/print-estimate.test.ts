// One estimate for the dashboard and Files: the slicer's first, then the analysis, each named.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printEstimate } from './print-estimate.js';

describe('printEstimate', () => {
  it("prefers the slicer's estimate, then the analysis, and names the source", () => {
    assert.deepEqual(printEstimate({ estimatedPrintTime: 500, slicerEstimatedPrintTime: 600 }), { seconds: 600, origin: "slicer's estimate" });
    assert.deepEqual(printEstimate({ estimatedPrintTime: 500 }), { seconds: 500, origin: 'file analysis' });
    assert.deepEqual(printEstimate({ estimatedPrintTime: 0 }), { seconds: null, origin: null });
    assert.deepEqual(printEstimate(null), { seconds: null, origin: null });
  });
});
