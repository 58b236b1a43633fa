// End to end with a stand-in Tasmota plug: power control switches off after idleTimeout minutes without a print (of an
// injected clock; never while printing, heaters off first), and at once when the printer reports an error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeTasmota } from '../support/fake-tasmota.js';
import type { FakeTasmota } from '../support/fake-tasmota.js';
import { ManualScheduler } from '../support/manual-scheduler.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

const KEY = { 'x-api-key': 'e2e' };
const MINUTE = 60_000;
/** Keeps the printer busy for minutes of real time (each dwell is real time on the virtual printer). */
const SLOW = `G90\n${'G4 P40\n'.repeat(3000)}`;

describe('power control: off when idle, off on a printer error', () => {
  let t: TestApp;
  let plug: FakeTasmota;
  let base: string;
  const clock = new ManualScheduler();

  before(async () => {
    plug = await startFakeTasmota();
    t = await createTestApp({
      powerIdleClock: clock,
      config: `
accessControl:
  enabled: false
plugins:
  virtual_printer:
    instant: false
  psucontrol:
    enabled: true
    switchingMethod: HTTP
    httpDevice: tasmota
    httpAddress: ${plug.address}
    sensingMethod: HTTP
    sensePollingInterval: 1
    autoOn: true
    powerOffWhenIdle: true
    idleTimeout: 10
    idleTimeoutWaitTemp: 250
    turnOffWhenError: true
`,
    });
    const { port } = await t.app.start();
    base = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    await t.close();
    await plug.close();
  });

  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, { method, headers: { ...KEY, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const connect = async (): Promise<void> => {
    assert.equal((await api('POST', '/api/connection', { command: 'connect', port: 'VIRTUAL', baudrate: 250000 })).status, 204);
    await until(() => t.app.printer.driver.isOperational, 'the printer to be operational', 30_000);
  };
  const received = async (): Promise<string[]> => (await t.app.printer.virtualRecord()).received ?? [];

  it('stays on while printing, and switches off idleTimeout minutes after the print, heaters off first', { timeout: 120_000 }, async () => {
    await connect();
    assert.deepEqual(plug.switches(), ['Power On'], 'switched on before connecting');
    assert.equal((await api('POST', '/api/printer/tool', { command: 'target', targets: { tool0: 200 } })).status, 204);
    await until(() => t.app.printer.driver.temperatures.current().tool0?.target === 200, 'the hotend target to be reported', 30_000);

    const form = new FormData();
    form.append('file', new Blob([SLOW]), 'slow.gcode');
    form.append('print', 'true');
    assert.equal((await fetch(`${base}/api/files/local`, { method: 'POST', headers: KEY, body: form })).status, 201);
    await until(() => t.app.printer.driver.isPrinting, 'the print to start', 30_000);
    clock.advance(11 * MINUTE);
    assert.equal(clock.pendingTimers, 0, 'the idle timer came due during the print');
    assert.equal((await api('POST', '/api/job', { command: 'cancel' })).status, 204);
    await until(() => t.app.printer.driver.state === 'OPERATIONAL', 'the cancelled print to end', 60_000);
    assert.deepEqual(plug.switches(), ['Power On'], 'still on: the printer was busy when the idle time ran out');

    // The end of the print starts the idle time again.
    await until(() => clock.pendingTimers === 1, 'the idle timer to be set again after the print');
    assert.equal((await api('POST', '/api/printer/tool', { command: 'target', targets: { tool0: 200 } })).status, 204);
    await until(() => t.app.printer.driver.temperatures.current().tool0?.target === 200, 'the hotend target to be reported', 30_000);
    const before = (await received()).length;
    clock.advance(10 * MINUTE - 1);
    assert.equal(clock.pendingTimers, 1, 'not yet');
    clock.advance(1);
    await until(() => !plug.powered(), 'the plug to be switched off', 30_000);
    assert.deepEqual(plug.switches(), ['Power On', 'Power Off']);
    assert.ok((await received()).slice(before).includes('M104 T0 S0'), 'the hotend was turned off before switching off');
    await until(() => !t.app.power.isOn, 'power control to know the power is off');
  });

  it('switches off at once when the printer reports an error', { timeout: 60_000 }, async () => {
    assert.equal((await api('POST', '/api/plugin/psucontrol', { command: 'turnPSUOn' })).status, 204);
    await until(() => plug.powered(), 'the plug to be on');
    if (!t.app.printer.driver.isOperational) await connect();
    const switched = plug.switches().length;
    assert.equal((await api('POST', '/api/printer/command', { commands: ['M112'] })).status, 204);
    await until(() => !plug.powered(), 'the plug to be switched off after the error', 30_000);
    assert.deepEqual(plug.switches().slice(switched), ['Power Off']);
  });
});
