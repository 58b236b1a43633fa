// Tests of reading virtual printer options from a config section.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { virtualPrinterOptionsFromConfig } from './virtual-config.js';
import { VirtualPrinter } from './virtual-printer.js';

describe('virtualPrinterOptionsFromConfig', () => {
  it('takes our own option names as they are', () => {
    const result = virtualPrinterOptionsFromConfig({ instant: true, dropOkRate: 0.1, seed: 5, firmwareName: 'X' });
    assert.deepEqual(result, { options: { instant: true, dropOkRate: 0.1, seed: 5, firmwareName: 'X' }, unknown: [], problems: [] });
  });
  it("maps OctoPrint's names and units", () => {
    const result = virtualPrinterOptionsFromConfig({ enabled: true, numExtruders: 2, hasBed: false, busyInterval: 3, resend_ratio: 5, throttle: 0.01 });
    assert.deepEqual(result.options, { extruders: 2, heatedBed: false, busyInterval: 3000, checksumErrorRate: 0.05 });
    assert.deepEqual(result.unknown, []);
  });
  it('reports unknown keys and wrong types', () => {
    const result = virtualPrinterOptionsFromConfig({ instnat: true, extruders: 'two', sdCardInstance: 1 });
    assert.deepEqual(result.unknown, ['instnat', 'sdCardInstance']);
    assert.deepEqual(result.problems, ['extruders must be a number']);
    assert.deepEqual(result.options, {});
  });
  it('produces options the printer accepts', () => {
    const printer = new VirtualPrinter(virtualPrinterOptionsFromConfig({ instant: true, numExtruders: 3 }).options);
    assert.equal(printer.options.extruders, 3);
  });
});
