// Unit tests of logs/serial.log: lines with time and direction while serial.log is on, nothing while off, a new file at
// each connection and when the file is full, and the whole server writing the virtual printer's traffic.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { EventBus } from '../events/index.js';
import { TerminalLog } from '../printer/driver/index.js';
import { createTestApp } from '../../test/support/test-app.js';
import { SerialLog } from './serial-log.js';

const dir = mkdtempSync(join(tmpdir(), 'argonaut-serial-log-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function setup(name: string, options: { enabled?: boolean; maxBytes?: number; backups?: number } = {}) {
  const file = join(dir, name);
  const terminal = new TerminalLog(300);
  const events = new EventBus();
  let enabled = options.enabled ?? true;
  const listeners = new Set<() => void>();
  const errors: Error[] = [];
  const log = new SerialLog({
    file,
    log: { onLine: (listener) => terminal.onLine(listener) },
    events,
    enabled: () => enabled,
    onConfigChange: (listener) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    // 27 November 2026, 10:15:02.045 local time, then 1 ms a call.
    now: (() => {
      let time = new Date(2026, 10, 27, 10, 15, 2, 45).getTime();
      return () => time++;
    })(),
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
    ...(options.backups ? { backups: options.backups } : {}),
    onError: (error) => errors.push(error),
  });
  const setEnabled = (value: boolean) => {
    enabled = value;
    for (const listener of listeners) listener();
  };
  const read = (suffix = '') => (existsSync(file + suffix) ? readFileSync(file + suffix, 'utf8') : null);
  return { file, terminal, events, log, setEnabled, read, errors };
}

describe('serial.log', () => {
  it('writes each line with its time and direction, as OctoPrint does', async () => {
    const { terminal, log, read, errors } = setup('plain.log');
    terminal.append('send', 'N1 M110 N0*125');
    terminal.append('recv', 'ok');
    terminal.append('info', 'Changing monitoring state from "Connecting" to "Operational"');
    await log.close();
    const lines = (read() ?? '').trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^2026-11-27 10:15:02,045 - Serial logging is on/);
    assert.deepEqual(lines.slice(1), [
      '2026-11-27 10:15:02,046 - Send: N1 M110 N0*125',
      '2026-11-27 10:15:02,047 - Recv: ok',
      '2026-11-27 10:15:02,048 - Changing monitoring state from "Connecting" to "Operational"',
    ]);
    assert.deepEqual(errors, []);
  });

  it('writes nothing while serial.log is off, and follows config.yaml changes', async () => {
    const { terminal, log, setEnabled, read } = setup('toggle.log', { enabled: false });
    terminal.append('send', 'M105');
    await log.flushed();
    assert.equal(read(), null);
    setEnabled(true);
    terminal.append('send', 'M114');
    setEnabled(false);
    terminal.append('send', 'M115');
    await log.close();
    const text = read() ?? '';
    assert.match(text, /Send: M114/);
    assert.match(text, /Serial logging is off/);
    assert.doesNotMatch(text, /M105|M115/);
  });

  it('starts a new file at each connection and keeps the older ones numbered', async () => {
    const { terminal, events, log, read } = setup('rolled.log', { backups: 2 });
    for (const command of ['first', 'second', 'third']) {
      events.emit('Connecting', {});
      terminal.append('send', command);
      await log.flushed();
    }
    await log.close();
    assert.match(read() ?? '', /Send: third/);
    assert.doesNotMatch(read() ?? '', /second/);
    assert.match(read('.1') ?? '', /Send: second/);
    assert.match(read('.2') ?? '', /Send: first/);
    assert.equal(read('.3'), null, 'only two old files are kept');
  });

  it('rolls over a full file before writing more', async () => {
    writeFileSync(join(dir, 'full.log'), 'x'.repeat(150));
    const { terminal, log, read, errors } = setup('full.log', { maxBytes: 200 });
    terminal.append('send', 'G1 X10 Y10 '.repeat(6));
    await log.flushed();
    assert.equal(read('.1'), 'x'.repeat(150));
    assert.match(read() ?? '', /Send: G1 X10/);
    assert.deepEqual(errors, []);
    await log.close();
  });

  it('reports a file it cannot write and carries on', async () => {
    mkdirSync(join(dir, 'a-folder.log'));
    const { terminal, log, errors } = setup('a-folder.log');
    terminal.append('send', 'M105');
    await log.flushed();
    assert.equal(errors.length, 1);
    terminal.append('send', 'M105');
    await log.close();
    assert.equal(errors.length, 2);
  });

  it('is written by the server for the virtual printer when serial.log is on', { timeout: 60_000 }, async () => {
    const t = await createTestApp({ config: 'serial:\n  log: true\nplugins:\n  virtual_printer:\n    instant: true\n' });
    try {
      const { attempt } = await t.app.printer.service.connect({ port: 'VIRTUAL', baudrate: 115200 });
      assert.equal(await attempt, true);
      await t.app.printer.driver.call('commands', ['M117 logged']);
      const file = join(t.basedir, 'logs', 'serial.log');
      const deadline = Date.now() + 10_000;
      const text = () => (existsSync(file) ? readFileSync(file, 'utf8') : '');
      while (!/Send: (N\d+ )?M117 logged/.test(text()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.match(text(), /Send: (N\d+ )?M117 logged/);
      assert.match(text(), / - Recv: ok/);
    } finally {
      await t.close();
    }
  });
});
