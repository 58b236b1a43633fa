// DriverClient with the real driver process (forked, the sources under tsx) and the virtual printer: started by the
// first connect, events after their state, lines and history, a process that dies, isolated listeners, dispose.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigStore } from '../../config/index.js';
import { EventBus } from '../../events/index.js';
import { isArgonautError } from '../../shared/index.js';
import type { PrintEnd } from '../driver/index.js';
import { DriverClient } from './driver-client.js';
import { virtualPrinterSection } from './virtual-printer-section.js';
import { processAlive, until } from '../../../test/support/until.js';

const dir = mkdtempSync(join(tmpdir(), 'argonaut-driver-client-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function setup() {
  const config = ConfigStore.fromText('plugins:\n  virtual_printer:\n    instant: true\n', join(dir, 'config.yaml'));
  const events = new EventBus();
  const logged: string[] = [];
  const client = new DriverClient({
    events,
    config: () => ({ config: config.config, virtualPrinter: virtualPrinterSection(config.config, config.getRaw('plugins.virtual_printer')) }),
    logger: { info: (text) => logged.push(`info ${text}`), warn: (text) => logged.push(`warn ${text}`), error: (text) => logged.push(`error ${text}`) },
  });
  return { client, events, logged };
}

describe('DriverClient with the driver process', () => {
  it('starts the process at the first connect, sends each event after its state, streams lines, fetches history, and ends the process on dispose', { timeout: 60_000 }, async () => {
    const { client, events } = setup();
    const pidNow = (): number | undefined => client.pid;
    assert.equal(pidNow(), undefined, 'no process before a connect');
    await assert.rejects(client.call('commands', ['M105']), (error: unknown) => isArgonautError(error) && error.code === 'not-operational');
    const seen: string[] = [];
    events.on('PrinterStateChanged', (payload) => seen.push(`${payload.state_id}=${client.state}`));
    const lines: string[] = [];
    const follow = client.log.onLine((direction, text) => lines.push(`${direction} ${text}`));
    try {
      assert.equal(await client.call('connect', { port: 'VIRTUAL', baudrate: 115200 }), true);
      const pid = pidNow() as number;
      assert.ok(pid !== process.pid && processAlive(pid), 'the driver runs in a process of its own');
      assert.ok(seen.length > 0 && seen.every((entry) => entry.split('=')[0] === entry.split('=')[1]), `each event after its state: ${seen.join(' ')}`);
      await client.call('commands', ['M105']);
      await until(() => lines.some((line) => /^send (N\d+ )?M105/.test(line)), 'the M105 line');
      await until(async () => (await client.temperatures.history()).length > 0, 'the temperature history');
      assert.ok((await client.log.recent()).some((line) => /M105/.test(line)), 'the terminal tail, fetched');
      await client.call('disconnect');
      assert.equal(client.state, 'OFFLINE');
      await client.dispose();
      await until(() => !processAlive(pid), 'the process to end');
    } finally {
      follow.dispose();
      await client.dispose();
    }
  });

  it('the driver process ignores SIGTERM and SIGINT while the server holds it (a service stop signals the whole group): the server stops it cleanly', { timeout: 60_000 }, async () => {
    const { client, events, logged } = setup();
    const fired: string[] = [];
    events.onAny((name) => fired.push(name));
    try {
      assert.equal(await client.call('connect', { port: 'VIRTUAL', baudrate: 115200 }), true);
      const pid = client.pid as number;
      process.kill(pid, 'SIGTERM');
      process.kill(pid, 'SIGINT');
      // The signals have been handled once a call made after them is answered.
      await client.call('commands', ['M105']);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.ok(processAlive(pid), 'the driver outlives the signals');
      assert.equal(client.state, 'OPERATIONAL');
      await client.call('disconnect');
      await client.dispose();
      await until(() => !processAlive(pid), 'the process to end');
      assert.ok(fired.includes('Disconnected') && !fired.includes('Error'), fired.join(' '));
      assert.ok(!logged.some((line) => /unexpectedly/.test(line)), logged.join('\n'));
    } finally {
      await client.dispose();
    }
  });

  it('a process that dies: calls fail, the print fails, the state says so in words, listeners that throw are isolated, and connect starts a fresh one', { timeout: 90_000 }, async () => {
    const { client, events, logged } = setup();
    const file = join(dir, 'long.gcode');
    writeFileSync(file, Array.from({ length: 200_000 }, (_, i) => `G1 X${i % 100} Y${i % 70}`).join('\n') + '\n');
    const fired: string[] = [];
    events.onAny((name) => fired.push(name));
    const ends: PrintEnd[] = [];
    client.print.onDidEnd((end) => ends.push(end));
    let states = 0;
    client.onDidChangeState(() => {
      throw new Error('a failing listener');
    });
    client.onDidChangeState(() => states++);
    try {
      assert.equal(await client.call('connect', { port: 'VIRTUAL', baudrate: 115200 }), true);
      assert.ok(states > 0, 'the listener after a throwing one still runs');
      assert.ok(logged.some((line) => line.startsWith('error A listener of the printer driver failed')), 'the throwing listener is logged');
      await client.call('startFilePrint', { path: file });
      await until(() => client.isPrinting && client.printPosition > 0, 'the print to run');
      const first = client.pid as number;
      // A call in flight when the process dies either got its answer or fails (not operational).
      const waiting = client.call('terminalLines').then(
        () => null,
        (error: unknown) => error,
      );
      process.kill(first, 'SIGKILL');
      await until(() => client.state === 'CLOSED_WITH_ERROR', 'the crash to show');
      assert.match(client.error ?? '', /^The printer driver stopped unexpectedly \(it was ended by signal SIGKILL\); connect again to restart it$/);
      assert.deepEqual(ends, [{ kind: 'failed', reason: 'error' }]);
      assert.ok(fired.includes('Error') && fired.includes('Disconnected'));
      const failure = await waiting;
      assert.ok(failure === null || (isArgonautError(failure) && failure.code === 'not-operational'), String(failure));
      await assert.rejects(client.call('pause'), (error: unknown) => isArgonautError(error) && error.code === 'not-operational');
      assert.equal(await client.call('connect', { port: 'VIRTUAL', baudrate: 115200 }), true);
      assert.notEqual(client.pid, first, 'a fresh process');
      await client.call('disconnect');
    } finally {
      await client.dispose();
    }
  });
});
