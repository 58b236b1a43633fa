// Tests of the printer adapter against the driver's client and host talking to the virtual printer: state, log lines, temperatures, history.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigStore } from '../../config/index.js';
import { EventBus } from '../../events/index.js';
import { DriverClient, createTransportFactory } from '../../printer/index.js';
import { VirtualPrinter } from '../../printer/virtual/index.js';
import { inProcessDriver } from '../../../test/support/in-process-driver.js';
import { printerDataSource } from './printer-data-source.js';
import type { PushDataSource, TemperaturePoint } from './push-types.js';

describe('printerDataSource', () => {
  let driver: DriverClient;
  let source: PushDataSource;
  const busy = [{ origin: 'local', path: 'cube.gcode', extra: 'dropped' }];

  before(async () => {
    const config = ConfigStore.fromText('');
    driver = new DriverClient({
      events: new EventBus(),
      config: () => ({ config: config.config, virtualPrinter: {} }),
      logger: { info: () => undefined, warn: () => undefined },
      start: inProcessDriver(createTransportFactory({ serialPorts: false, named: { VIRTUAL: () => new VirtualPrinter({ instant: true }) } })),
    });
    source = printerDataSource(driver, {
      jobData: () => ({ job: { file: { name: null } }, progress: { completion: null } }),
      busyFiles: () => busy,
    });
    assert.equal(await driver.call('connect', { port: 'VIRTUAL', baudrate: 115200 }), true);
  });
  after(async () => {
    await driver.call('disconnect');
    await driver.dispose();
  });

  it('builds the state part of current from the driver and the job', () => {
    const snapshot = source.snapshot();
    assert.equal((snapshot.state as { text: string }).text, 'Operational');
    assert.equal((snapshot.state as { flags: { operational: boolean } }).flags.operational, true);
    assert.ok(!('id' in snapshot.state));
    assert.deepEqual(snapshot.job, { file: { name: null } });
    assert.deepEqual(snapshot.progress, { completion: null });
    assert.deepEqual(snapshot.busyFiles, [{ origin: 'local', path: 'cube.gcode' }]);
    assert.equal(typeof snapshot.resends.count, 'number');
  });

  it('streams log lines as the terminal shows them, and temperature points', async () => {
    const lines: string[] = [];
    const points: TemperaturePoint[] = [];
    const logs = source.onLog((line) => lines.push(line));
    const temps = source.onTemperature((point) => points.push(point));
    try {
      await driver.call('commands', ['M105']);
      const started = Date.now();
      while ((!lines.some((l) => /^Send: (N\d+ )?M105/.test(l)) || points.length === 0) && Date.now() - started < 5000) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.ok(lines.some((l) => /^Send: (N\d+ )?M105/.test(l)), lines.join('\n'));
      assert.ok(lines.some((l) => l.startsWith('Recv: ')));
      assert.equal(typeof points[0]?.time, 'number');
      assert.ok((await source.recentLogs()).some((l) => /^Send: (N\d+ )?M105/.test(l)), 'the terminal tail is fetched from the driver');
      assert.ok((await source.temperatureHistory()).length > 0, 'so is the temperature history');
    } finally {
      logs.dispose();
      temps.dispose();
    }
  });
});
