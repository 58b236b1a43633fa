// The printer's port disappears mid-print (the pseudo-terminal closes): Error with a clear message, the job position kept, no crash, and connecting again once it is back.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startFakeMarlin } from '../support/fake-marlin/index.js';
import type { FakeMarlinHandle } from '../support/fake-marlin/index.js';
import {connectOrExplain, serialDriver } from '../support/serial-driver.js';
import { until } from '../support/until.js';

const FILE = new URL('../fixtures/gcode/box.gcode', import.meta.url).pathname;

describe('a printer unplugged mid-print', () => {
  let firmware: FakeMarlinHandle | undefined;
  const unhandled: unknown[] = [];
  const record = (error: unknown) => unhandled.push(error);
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
  after(async () => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
    await firmware?.stop();
  });

  it('ends in Error with a message, keeps the position, and reconnects once the device is back', async () => {
    firmware = await startFakeMarlin({ seed: 7, autoreportPeriodMs: 200 });
    const context = serialDriver(firmware.path, { communication: 0.5 });
    const { driver, states, events } = context;
    const errors: string[] = [];
    events.on('Error', (payload) => errors.push(payload.error));
    await connectOrExplain(context, firmware.path);
    const ends: string[] = [];
    driver.print.onDidEnd((end) => ends.push(end.kind === 'failed' ? `failed: ${end.reason}` : end.kind));
    await driver.startFilePrint({ path: FILE });
    await until(() => driver.printPosition > 20_000, 'the print to get going');

    await firmware.unplug();
    await until(() => driver.state === 'CLOSED_WITH_ERROR', 'the driver to notice');
    assert.ok(states.includes('ERROR'), `states: ${states.join(', ')}`);
    assert.match(driver.error ?? '', /^The printer's serial port closed: .*device went away \(unplugged, or the printer was switched off\)/);
    assert.deepEqual(errors, [driver.error]);
    assert.equal(ends.length, 1);
    assert.match(ends[0] ?? '', /^failed/);
    const stoppedAt = driver.printPosition;
    assert.ok(stoppedAt > 20_000, `the position where the print stopped is kept (${stoppedAt})`);
    const accepted = await firmware.accepted();
    assert.ok(accepted.length > 500);

    // While it is gone, connecting fails with a clear message (and does not throw).
    assert.equal(await driver.connect({ port: firmware.path, baudrate: 250000 }), false);
    assert.match(driver.error ?? '', /does not exist|did not answer|went away/);
    assert.equal(driver.state, 'CLOSED_WITH_ERROR');

    await firmware.replug();
    await connectOrExplain(context, firmware.path);
    assert.equal(driver.error, null);
    driver.commands(['M114']);
    await until(() => driver.snapshot().position !== null, 'an answer to M114 after reconnecting');
    assert.equal(driver.printPosition, stoppedAt, 'still there until the next print starts');
    await driver.disconnect();
    assert.equal(driver.state, 'OFFLINE');
    assert.deepEqual(unhandled, []);
  });
});
