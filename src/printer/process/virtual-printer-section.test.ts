// The virtual printer's section for the driver: Argonaut's defaults, and OctoPrint's keys only where config.yaml sets them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../config/index.js';
import { virtualPrinterOptionsFromConfig } from '../virtual/index.js';
import { virtualPrinterSection } from './virtual-printer-section.js';

describe('virtual printer section', () => {
  it("leaves out OctoPrint's defaults (kept for clients), so they never override Argonaut's own settings", () => {
    const raw = { checksumErrorRate: 0.1 };
    const section = virtualPrinterSection(resolveConfig({ plugins: { virtual_printer: raw } }).config, raw);
    assert.equal(section.checksumErrorRate, 0.1);
    assert.equal(section.instant, false, "Argonaut's own defaults stay");
    assert.equal('resend_ratio' in section, false, 'resend_ratio 0 would reset the checksum error rate');
    assert.equal('firmwareName' in section, false);
    const { options, unknown } = virtualPrinterOptionsFromConfig(section);
    assert.equal(options.checksumErrorRate, 0.1);
    assert.deepEqual(unknown, []);
  });

  it("honours OctoPrint's keys that config.yaml sets, and reports none of its known keys as unknown", () => {
    const raw = { numExtruders: 2, firmwareName: 'Bench Marlin', m115ReportArea: true, simulated_errors: [] };
    const section = virtualPrinterSection(resolveConfig({ plugins: { virtual_printer: raw } }).config, raw);
    const { options, unknown } = virtualPrinterOptionsFromConfig(section);
    assert.equal(options.extruders, 2);
    assert.equal(options.firmwareName, 'Bench Marlin');
    assert.deepEqual(unknown, []);
  });
});
