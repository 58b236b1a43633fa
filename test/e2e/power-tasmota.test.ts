// End to end with a fake Tasmota plug on loopback (a real HTTP server recording its requests): power control switches
// it on before the connect and before a print, and off after the print only once the hotend has cooled.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

const KEY = { 'x-api-key': 'e2e' };
/** Heats the hotend and leaves it hot: power control has to turn it off and wait. */
const PRINT = 'M104 S200\nM109 S200\nG28\nG1 X10 Y10 F3000\nG1 X20\n';

interface Seen {
  cmnd: string;
  /** What the printer was doing when the plug was asked. */
  printerState: string;
  hotend: number | null;
  printing: boolean;
}

describe('power control with a Tasmota plug', () => {
  let t: TestApp;
  let plug: Server;
  let base: string;
  let powered = false;
  const seen: Seen[] = [];

  before(async () => {
    plug = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://plug');
      const cmnd = url.searchParams.get('cmnd');
      if (url.pathname !== '/cm' || cmnd === null) {
        response.writeHead(404).end();
        return;
      }
      const driver = t?.app.printer.driver;
      seen.push({ cmnd, printerState: driver?.state ?? 'none', hotend: driver?.temperatures.current().tool0?.actual ?? null, printing: driver?.isPrinting ?? false });
      if (cmnd === 'Power On') powered = true;
      else if (cmnd === 'Power Off') powered = false;
      else if (cmnd !== 'Power') {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"Command":"Unknown"}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ POWER: powered ? 'ON' : 'OFF' }));
    });
    await new Promise<void>((resolve) => plug.listen(0, '127.0.0.1', resolve));
    const address = plug.address() as { port: number };
    t = await createTestApp({
      config: `
accessControl:
  enabled: false
serial:
  timeout:
    temperature: 0.5
plugins:
  virtual_printer:
    instant: true
  psucontrol:
    enabled: true
    switchingMethod: HTTP
    httpDevice: tasmota
    httpAddress: http://127.0.0.1:${address.port}
    sensingMethod: HTTP
    sensePollingInterval: 1
    autoOn: true
    powerOffAfterPrint: true
    idleTimeoutWaitTemp: 50
`,
    });
    const { port } = await t.app.start();
    base = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    await t.close();
    await new Promise((resolve) => plug.close(resolve));
  });

  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, { method, headers: { ...KEY, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const switches = () => seen.filter((entry) => entry.cmnd !== 'Power');

  it('switches on before connecting', { timeout: 60_000 }, async () => {
    await until(() => seen.some((entry) => entry.cmnd === 'Power'), 'the first state reading');
    assert.equal(t.app.power.isOn, false);
    assert.equal((await api('POST', '/api/connection', { command: 'connect', port: 'VIRTUAL', baudrate: 250000 })).status, 204);
    await until(() => t.app.printer.driver.isOperational, 'the printer to be operational', 30_000);
    assert.deepEqual(switches().map((entry) => [entry.cmnd, entry.printerState]), [['Power On', 'OFFLINE']], 'on before the connection was opened');
    assert.equal(t.app.power.isOn, true);
  });

  it('switches on before a print, and off after it once the hotend is below 50 °C', { timeout: 90_000 }, async () => {
    // Off by hand while connected (a printer whose board is powered over USB stays connected).
    assert.equal((await api('POST', '/api/plugin/psucontrol', { command: 'turnPSUOff' })).status, 204);
    assert.equal(powered, false);
    seen.length = 0;
    const started = t.app.events.once('PrintStarted', 60_000);
    const done = t.app.events.once('PrintDone', 60_000);
    const form = new FormData();
    form.append('file', new Blob([PRINT]), 'hot.gcode');
    form.append('print', 'true');
    const upload = await fetch(`${base}/api/files/local`, { method: 'POST', headers: KEY, body: form });
    assert.equal(upload.status, 201);
    await started;
    assert.deepEqual(switches().map((entry) => [entry.cmnd, entry.printing]), [['Power On', false]], 'on before the print started');
    await done;
    await until(() => !powered, 'the plug to be switched off', 60_000);
    const off = switches().at(-1) as Seen;
    assert.equal(off.cmnd, 'Power Off');
    assert.equal(off.printing, false);
    assert.ok(off.hotend !== null && off.hotend <= 50, `the hotend was ${String(off.hotend)} °C when the plug was switched off`);
    const received = (await t.app.printer.virtualRecord()).received ?? [];
    assert.ok(received.includes('M104 T0 S0'), 'power control turned the hotend off before waiting');
    await until(async () => ((await (await api('GET', '/api/plugin/psucontrol')).json()) as { isPSUOn: boolean }).isPSUOn === false, 'the API to report off');
  });
});
