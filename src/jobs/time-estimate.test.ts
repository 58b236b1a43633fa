// Table tests of the print-time-left estimate.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateTimeLeft, expectedTotal } from './time-estimate.js';

describe('estimateTimeLeft', () => {
  const cases: Array<[string, Parameters<typeof estimateTimeLeft>[0], number | null, string | null]> = [
    ['nothing known yet', { completion: 0, printTime: 0 }, null, null],
    ['linear without an estimate', { completion: 0.25, printTime: 100 }, 300, 'linear'],
    ['slicer estimate at the start', { completion: 0, printTime: 0, slicerEstimate: 414, analysisEstimate: 352 }, 414, 'analysis'],
    ['analysis when the slicer said nothing', { completion: 0.5, printTime: 0, analysisEstimate: 352 }, 176, 'analysis'],
    ['on pace: remaining share of the estimate', { completion: 0.5, printTime: 207, slicerEstimate: 414 }, 207, 'mixed-analysis'],
    ['twice as slow at half way', { completion: 0.5, printTime: 414, slicerEstimate: 414 }, 414, 'mixed-analysis'],
    ['early slowness (heating) barely counts', { completion: 0.03, printTime: 120, slicerEstimate: 400 }, 394, 'mixed-analysis'],
    ['past prints win', { completion: 0.5, printTime: 300, averagePrintTime: 600, slicerEstimate: 400 }, 300, 'mixed-average'],
    ['done', { completion: 1, printTime: 500, slicerEstimate: 400 }, 0, 'analysis'],
  ];
  for (const [name, input, left, origin] of cases) {
    it(name, () => {
      const result = estimateTimeLeft(input);
      assert.equal(result.printTimeLeft, left);
      assert.equal(result.printTimeLeftOrigin, origin);
    });
  }

  it('prefers past prints, then the slicer, then the analysis', () => {
    assert.deepEqual(expectedTotal({ completion: 0, printTime: 0, averagePrintTime: 1, slicerEstimate: 2, analysisEstimate: 3 }), { total: 1, origin: 'average' });
    assert.deepEqual(expectedTotal({ completion: 0, printTime: 0, slicerEstimate: 2, analysisEstimate: 3 }), { total: 2, origin: 'analysis' });
    assert.equal(expectedTotal({ completion: 0, printTime: 0, analysisEstimate: 0 }), null);
  });

  it('is closer than a linear extrapolation when the start is slow', () => {
    // A 400 s print whose first 3 % took 120 s (heating): the truth is about 400 - 12 = 388 s left.
    const ours = estimateTimeLeft({ completion: 0.03, printTime: 120, slicerEstimate: 400 }).printTimeLeft ?? 0;
    const linear = estimateTimeLeft({ completion: 0.03, printTime: 120 }).printTimeLeft ?? 0;
    assert.ok(Math.abs(ours - 388) < Math.abs(linear - 388));
  });
});
