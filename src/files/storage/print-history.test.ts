// Tests of the `prints` summary and `statistics` OctoPrint derives from a file's print history.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeStatistics, summarisePrints } from './print-history.js';

describe('print history', () => {
  const history = [
    { timestamp: 100, success: true, printerProfile: '_default', printTime: 60 },
    { timestamp: 300, success: false, printerProfile: '_default', printTime: 5 },
    { timestamp: 200, success: true, printerProfile: '_default', printTime: 120 },
    { timestamp: 250, success: true, printerProfile: 'mk3', printTime: 30 },
    { garbage: true },
  ];

  it('counts successes and failures and reports the latest print', () => {
    assert.deepEqual(summarisePrints(history), { success: 3, failure: 1, last: { date: 300, success: false, printTime: 5 } });
    assert.equal(summarisePrints([]), undefined);
  });

  it('averages successful print times per profile and keeps the latest', () => {
    assert.deepEqual(computeStatistics(history), {
      averagePrintTime: { _default: 90, mk3: 30 },
      lastPrintTime: { _default: 120, mk3: 30 },
    });
  });
});
