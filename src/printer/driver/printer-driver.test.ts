// State-machine tests of the driver's connection against a scripted firmware: handshake, detection, polling, M112, errors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigStore } from '../../config/index.js';
import { EventBus } from '../../events/index.js';
import { CONFIG, connected, settle, setup } from '../../../test/support/driver-harness.js';
import { ManualScheduler } from '../../../test/support/manual-scheduler.js';
import { ScriptedFirmware } from '../../../test/support/scripted-firmware.js';
import { settingsFromConfig } from './driver-settings.js';
import { PrinterDriver } from './printer-driver.js';
import type { PrinterStateId } from './printer-state.js';

describe('PrinterDriver connection', () => {
  it('opens, says hello, becomes operational and asks for the firmware', async () => {
    const { driver, states, fired, firmware } = await connected();
    assert.deepEqual(states, ['OPEN_SERIAL', 'CONNECTING', 'OPERATIONAL']);
    assert.ok(fired.includes('Connecting') && fired.includes('Connected'));
    assert.equal(firmware.accepted[0], 'M110 N0');
    assert.ok(firmware.accepted.includes('M115'));
    assert.ok(firmware.accepted.includes('M117 hello'), 'afterPrinterConnected runs');
    assert.equal(driver.snapshot().firmware?.name, 'Marlin 2.1.2 (Scripted)');
    assert.equal(driver.snapshot().state.text, 'Operational');
    assert.equal(driver.snapshot().state.flags.ready, true);
    await driver.disconnect();
    assert.equal(driver.state, 'OFFLINE');
    assert.ok(fired.includes('Disconnected'));
  });

  it('sends beforePrinterDisconnected before closing', async () => {
    const { driver, firmware, scheduler } = await connected({ mode: 'async' }, `${CONFIG}    beforePrinterDisconnected: "M117 bye\\nM84"\n`);
    let closed = false;
    const disconnecting = driver.disconnect().then(() => (closed = true));
    await settle(() => closed, scheduler, 10);
    await disconnecting;
    assert.deepEqual(firmware.accepted.slice(-2), ['M117 bye', 'M84']);
    assert.equal(driver.state, 'OFFLINE');
  });

  it('waits through a firmware restart ("start") before the first ok', async () => {
    const { driver, firmware } = await connected({ greeting: ['start', 'echo:Marlin 2.1.2'] });
    assert.equal(driver.state, 'OPERATIONAL');
    assert.equal(firmware.accepted[0], 'M110 N0');
    await driver.disconnect();
  });

  it('gives up with an error when the firmware never answers', async () => {
    const { driver, scheduler, states, events } = setup({ silent: true });
    const errors: string[] = [];
    events.on('Error', (payload) => errors.push(payload.error));
    const result = driver.connect({ port: 'SCRIPTED', baudrate: 115200 });
    await new Promise((resolve) => setImmediate(resolve));
    scheduler.advance(6000);
    assert.equal(await result, false);
    await settle(() => driver.state === 'CLOSED_WITH_ERROR');
    assert.deepEqual(states, ['OPEN_SERIAL', 'CONNECTING', 'ERROR', 'CLOSED_WITH_ERROR']);
    assert.match(errors[0] ?? '', /did not answer within 5 seconds/);
    assert.equal(driver.snapshot().state.text, 'Offline after error');
    assert.equal(driver.snapshot().state.flags.error, true);
  });

  it('enables temperature auto-report when the firmware can, and polls M105 otherwise', async () => {
    const auto = await connected({ autoreport: true });
    assert.ok(auto.firmware.accepted.includes('M155 S2'));
    const before = auto.firmware.accepted.filter((c) => c === 'M105').length;
    auto.firmware.send('T:200.0 /210.0 B:60.0 /60.0 @:0 B@:0');
    auto.scheduler.advance(5000);
    assert.equal(auto.firmware.accepted.filter((c) => c === 'M105').length, before, 'no polling while reports arrive');
    assert.deepEqual(auto.driver.snapshot().temperatures.tool0, { actual: 200, target: 210, offset: 0 });
    await auto.driver.disconnect();

    const polled = await connected({ autoreport: false });
    assert.ok(!polled.firmware.accepted.includes('M155 S2'));
    assert.equal(polled.firmware.accepted.filter((c) => c === 'M105').length, 1, 'asked once on connecting');
    polled.scheduler.advance(5000);
    assert.equal(polled.firmware.accepted.filter((c) => c === 'M105').length, 2, 'then polled');
    assert.equal(polled.driver.snapshot().temperatures.bed?.actual, 20.1);
    assert.equal(polled.driver.temperatures.historyPoints().length, 2);
    await polled.driver.disconnect();
  });

  it('detects the port and baud rate that answer (AUTO / 0)', async () => {
    const scheduler = new ManualScheduler();
    const events = new EventBus();
    const store = ConfigStore.fromText(CONFIG);
    const tried: string[] = [];
    const driver = new PrinterDriver({
      transports: {
        listPorts: async () => ['/dev/ttyDEAD', '/dev/ttyALIVE', 'VIRTUAL'],
        create: (port, baudrate) => {
          tried.push(`${port}@${baudrate}`);
          return new ScriptedFirmware({ port, baudrate, silent: port !== '/dev/ttyALIVE' || baudrate !== 250000 });
        },
      },
      events,
      settings: () => settingsFromConfig(store),
      scheduler,
    });
    const states: PrinterStateId[] = [];
    driver.onDidChangeState((state) => states.push(state));
    const result = driver.connect({ port: 'AUTO', baudrate: 0 });
    for (let i = 0; i < 100 && driver.state !== 'OPERATIONAL'; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      scheduler.advance(1000);
    }
    assert.equal(await result, true);
    assert.deepEqual(states.slice(0, 3), ['OPEN_SERIAL', 'DETECT_SERIAL', 'CONNECTING']);
    assert.equal(tried[0], '/dev/ttyDEAD@115200', 'the most likely rate first');
    assert.ok(tried.includes('/dev/ttyALIVE@250000'));
    assert.ok(!tried.some((attempt) => attempt.startsWith('VIRTUAL')), 'real ports before VIRTUAL');
    assert.deepEqual(driver.connection, { port: '/dev/ttyALIVE', baudrate: 250000, profileId: null });
    await driver.disconnect();
  });

  it('refuses commands with control characters and sends nothing', async () => {
    const { driver, firmware } = await connected();
    const before = firmware.written.length;
    assert.throws(() => driver.commands(['G28', 'M117 a\nM112']), (error: Error & { code?: string }) => error.code === 'invalid');
    assert.throws(() => driver.commands(['G1 X1\r']), (error: Error & { code?: string }) => error.code === 'invalid');
    assert.equal(firmware.written.length, before);
    await driver.disconnect();
  });

  it('refuses commands when not connected', () => {
    const { driver } = setup();
    assert.throws(() => driver.commands(['G28']), (error: Error & { code?: string }) => error.code === 'not-operational');
  });

  it('lets M112 jump the queue', async () => {
    const { driver, firmware } = await connected({ mode: 'manual' });
    driver.commands(['G28', 'G1 X10', 'G1 X20']);
    driver.commands(['M112']);
    const last = firmware.written.at(-1);
    assert.equal(last, 'M112');
    assert.ok(!firmware.written.some((line) => line.includes('G1 X20')), 'queued commands were dropped');
  });

  it('fails when the port goes away', async () => {
    const { driver, firmware, fired } = await connected();
    firmware.unplug();
    await settle(() => driver.state === 'CLOSED_WITH_ERROR');
    assert.match(driver.error ?? '', /disconnected/);
    assert.ok(fired.includes('Error'));
  });
});
