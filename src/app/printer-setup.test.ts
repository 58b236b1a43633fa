// The printer wiring of the app: autoconnect on start, stored connection preferences, VIRTUAL only when enabled.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp } from '../../test/support/test-app.js';
import { until } from '../../test/support/until.js';

describe('printer setup', () => {
  it('connects on start when serial.autoconnect is on, and disconnects on stop', async () => {
    const t = await createTestApp({
      config: 'serial:\n  autoconnect: true\n  port: VIRTUAL\n  baudrate: 250000\nplugins:\n  virtual_printer:\n    instant: true\n',
    });
    try {
      await t.app.start();
      await until(() => t.app.printer.driver.state === 'OPERATIONAL', "t.app.printer.driver.state === 'OPERATIONAL'", 5000);
      assert.equal(t.app.printer.service.connectionState().port, 'VIRTUAL');
    } finally {
      await t.close();
    }
    assert.equal(t.app.printer.driver.state, 'OFFLINE');
  });

  it('stores port, baud rate, profile and autoconnect when asked', async () => {
    const t = await createTestApp({ config: 'plugins:\n  virtual_printer:\n    instant: true\n' });
    try {
      const { attempt } = await t.app.printer.service.connect({ port: 'VIRTUAL', baudrate: 115200, printerProfile: '_default', save: true, autoconnect: true });
      assert.equal(await attempt, true);
      assert.equal(t.app.config.config.serial.port, 'VIRTUAL');
      assert.equal(t.app.config.config.serial.baudrate, 115200);
      assert.equal(t.app.config.config.serial.autoconnect, true);
      assert.equal(t.app.config.config.printerProfiles.default, '_default');
    } finally {
      await t.close();
    }
  });

  it('offers no VIRTUAL port when the virtual printer is disabled', async () => {
    const t = await createTestApp({ config: 'plugins:\n  virtual_printer:\n    enabled: false\n' });
    try {
      const options = await t.app.printer.service.connectionOptions();
      assert.ok(!options.ports.includes('VIRTUAL'));
      await assert.rejects(t.app.printer.service.connect({ port: 'VIRTUAL' }), /port is invalid/);
    } finally {
      await t.close();
    }
  });
});
