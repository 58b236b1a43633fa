// A real serial device: a pseudo-terminal pair (socat, else python3) with a small Marlin firmware process on the far end,
// driven by the whole app through its driver process and the real serialport binding: operational at 250000 baud,
// garbage bytes survived, a killed driver process reported and restarted, a locked port refused in plain words.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SerialTransport } from '../../src/printer/transport/index.js';
import { openPtyPair, ptyTool } from '../support/pty-pair.js';
import type { PtyPair } from '../support/pty-pair.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

const FIRMWARE = fileURLToPath(new URL('../support/pty-firmware.ts', import.meta.url));
/** With access control off, any API key header spares the CSRF token. */
const KEY = { 'x-api-key': 'pty' };
const tool = ptyTool();

describe('a real serial device through the driver process', { skip: tool ? false : 'neither socat nor python3 can make a pseudo-terminal pair' }, () => {
  let dir: string;
  let pair: PtyPair;
  let firmware: ChildProcess;
  let heard = '';
  let t: TestApp;
  const thrown: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'argonaut-pty-'));
    pair = await openPtyPair(dir);
    firmware = spawn(process.execPath, ['--import', 'tsx', FIRMWARE, pair.firmware], { stdio: ['ignore', 'pipe', 'inherit'] });
    firmware.stdout?.setEncoding('utf8');
    firmware.stdout?.on('data', (chunk: string) => (heard += chunk));
    t = await createTestApp({
      config: `accessControl:\n  enabled: false\nserial:\n  additionalPorts: ['${pair.printer}']\n  baudrate: 250000\nplugins:\n  virtual_printer:\n    enabled: false\n`,
    });
    // Listeners on the web side that throw: logged and isolated, never the end of the server or of the connection.
    t.app.events.on('PrinterStateChanged', () => {
      thrown.push('bus');
      throw new Error('a failing event listener');
    });
    t.app.printer.driver.onDidChangeState(() => {
      thrown.push('driver');
      throw new Error('a failing state listener');
    });
  });

  after(async () => {
    await t?.close();
    firmware?.kill('SIGTERM');
    await pair?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (url: string, body: object) => t.app.http.inject({ method: 'POST', url, payload: body, headers: KEY });
  const get = (url: string) => t.app.http.inject({ method: 'GET', url, headers: KEY });
  const connectionState = async () => (await get('/api/connection')).json().current.state as string;

  it('connects at 250000 baud in the driver process and becomes operational', async () => {
    assert.ok((await get('/api/connection')).json().options.ports.includes(pair.printer), `${pair.printer} is offered (made by ${pair.via})`);
    assert.equal((await post('/api/connection', { command: 'connect', port: pair.printer, baudrate: 250000 })).statusCode, 204);
    await until(async () => (await connectionState()) === 'Operational', 'Operational', 20_000);
    const pid = t.app.printer.driver.pid;
    assert.ok(pid !== undefined && pid !== process.pid, 'the driver runs in a process of its own');
    assert.match(heard, /received M110 N0\n[\s\S]*received M110 N0/, 'the hello lost while the board booted, and the one after its start banner');
    assert.deepEqual((await get('/api/connection')).json().current, { state: 'Operational', port: pair.printer, baudrate: 250000, printerProfile: '_default' });
    assert.ok(thrown.includes('bus') && thrown.includes('driver'), 'the throwing listeners ran');
  });

  it('survives every byte value on the wire and stays operational', async () => {
    assert.equal((await post('/api/printer/command', { command: 'M117 GARBAGE 8192' })).statusCode, 204);
    await until(() => heard.includes('received M117 GARBAGE 8192'), 'the firmware to hear the command', 10_000);
    assert.equal((await post('/api/printer/command', { command: 'M105' })).statusCode, 204);
    await until(async () => (await get('/api/printer')).json().temperature?.tool0?.actual === 21.3, 'the temperature after the garbage', 10_000);
    assert.equal(await connectionState(), 'Operational');
    const history = (await get('/api/printer?history=true&limit=5')).json().temperature.history as unknown[];
    assert.ok(history.length > 0, 'the history is fetched from the driver process');
  });

  it('refuses a port another program has locked, in plain words', async () => {
    assert.equal((await post('/api/connection', { command: 'disconnect' })).statusCode, 204);
    await until(async () => (await connectionState()) === 'Closed', 'Closed', 10_000);
    const other = new SerialTransport(pair.printer, 250000);
    await other.open();
    try {
      assert.equal((await post('/api/connection', { command: 'connect', port: pair.printer, baudrate: 250000 })).statusCode, 204);
      await until(() => t.app.printer.driver.state === 'CLOSED_WITH_ERROR', 'the error', 10_000);
      assert.match(t.app.printer.driver.error ?? '', /is in use by another program/);
      assert.match((await get('/api/printer/error')).json().error, /in use by another program/);
    } finally {
      await other.close();
    }
  });

  it('reports a driver process that dies, and a new connect starts a fresh one', async () => {
    assert.equal((await post('/api/connection', { command: 'connect', port: pair.printer, baudrate: 250000 })).statusCode, 204);
    await until(async () => (await connectionState()) === 'Operational', 'Operational', 20_000);
    const first = t.app.printer.driver.pid as number;
    process.kill(first, 'SIGKILL');
    await until(() => t.app.printer.driver.state === 'CLOSED_WITH_ERROR', 'the crash to show', 10_000);
    assert.match(t.app.printer.driver.error ?? '', /The printer driver stopped unexpectedly \(it was ended by signal SIGKILL\); connect again to restart it/);
    assert.equal((await post('/api/printer/command', { command: 'M105' })).statusCode, 409, 'commands fail while no driver runs');
    assert.equal((await get('/api/version')).statusCode, 200, 'the web server goes on');
    assert.equal((await post('/api/connection', { command: 'connect', port: pair.printer, baudrate: 250000 })).statusCode, 204);
    await until(async () => (await connectionState()) === 'Operational', 'Operational again', 20_000);
    assert.notEqual(t.app.printer.driver.pid, first, 'a fresh driver process');
  });
});
