// Slow commands over the pseudo-terminal: Marlin's busy keep-alive and a heat-up's temperature lines hold off the ok timeout, so no poke is sent.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startFakeMarlin } from '../support/fake-marlin/index.js';
import type { FakeMarlinHandle } from '../support/fake-marlin/index.js';
import {connectOrExplain, serialDriver } from '../support/serial-driver.js';
import { until } from '../support/until.js';

describe('long-running commands over a pseudo-terminal', () => {
  let firmware: FakeMarlinHandle | undefined;
  after(() => firmware?.stop());

  it('waits through a slow G28 and M109 without timing out, while temperatures are auto-reported', async () => {
    // Each command takes three communication timeouts; keep-alive lines come every 50 ms, auto-reports every 30 ms.
    // (The timeout is long against the keep-alive so that a loaded machine does not delay a keep-alive past it.)
    firmware = await startFakeMarlin({ seed: 3, autoreportPeriodMs: 30, slowMs: { G28: 1500, M109: 1500 }, keepaliveMs: 50 });
    const context = serialDriver(firmware.path, { communication: 0.5 });
    const { driver } = context;
    await connectOrExplain(context, firmware.path);
    await until(() => driver.snapshot().temperatures.tool0 !== undefined, 'the first auto-reported temperatures');
    await firmware.clearAccepted();
    driver.commands(['G28', 'M109 S200', 'M114']);
    await until(() => driver.snapshot().position !== null, 'the answer to M114', 10_000);
    assert.deepEqual(await firmware.accepted(), ['G28', 'M109 S200', 'M114'], 'no poke (M105) after a timeout');
    assert.ok(!driver.log.lines().some((line) => line.includes('No answer from the printer')));
    await until(() => driver.snapshot().temperatures.tool0?.actual === 200, 'the hot end at 200 °C in a report');
    await driver.disconnect();
  });

  it('still recovers when the ok of a slow heat-up is lost after the heater got there', async () => {
    await firmware?.stop();
    firmware = await startFakeMarlin({ seed: 4, autoreportPeriodMs: 30, slowMs: { M109: 300 }, keepaliveMs: 40 });
    const context = serialDriver(firmware.path, { communication: 0.1 });
    const { driver } = context;
    await connectOrExplain(context, firmware.path);
    await until(() => driver.log.lines().some((line) => line.includes('M155')), 'auto-report to be asked for');
    await firmware.setFaults({ dropOk: 1 });
    driver.commands(['M109 S200']);
    await until(() => driver.log.lines().some((line) => line.includes('M109 S200')), 'the heat-up to be sent');
    await new Promise((resolve) => setTimeout(resolve, 500)); // the heat-up ends, but its ok is lost
    assert.ok((await firmware.accepted()).includes('M109 S200'));
    await firmware.setFaults({});
    driver.commands(['M114']);
    await until(() => driver.snapshot().position !== null, 'the answer to M114 once the lost ok was recovered', 10_000);
    assert.ok(driver.log.lines().some((line) => line.includes('No answer from the printer')));
    await driver.disconnect();
  });
});
