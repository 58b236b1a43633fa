// The driver thread's message protocol: a DriverProxy talking to a DriverHost (here through structured clones on one
// thread, so that crashes can be staged): state mirroring, events, terminal lines, errors, a lost worker.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigStore } from '../../config/index.js';
import { EventBus } from '../../events/index.js';
import type { EventName } from '../../events/index.js';
import { isArgonautError } from '../../shared/index.js';
import { PrinterDriver, settingsFromConfig, systemScheduler } from '../driver/index.js';
import type { PrintEnd } from '../driver/index.js';
import { createTransportFactory } from '../transport/index.js';
import { VirtualPrinter } from '../virtual/index.js';
import { DriverHost } from './driver-host.js';
import { DriverProxy } from './driver-proxy.js';
import type { StartThread } from './driver-proxy.js';
import type { FromDriver, ToDriver } from './thread-protocol.js';

const dir = mkdtempSync(join(tmpdir(), 'driver-proxy-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function waitFor(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A proxy and a host on this thread; messages are cloned and delivered later, as between threads. */
function pair(config = ConfigStore.fromText('')) {
  const messages: FromDriver[] = [];
  const warnings: string[] = [];
  let crash: (error: Error) => Promise<void> = async () => undefined;
  let host: DriverHost | null = null;
  let driver: PrinterDriver | null = null;
  const start: StartThread = (_config, onMessage, onCrash) => {
    let dead = false;
    const events = new EventBus();
    const running = new PrinterDriver({
      transports: createTransportFactory({ serialPorts: false, named: { VIRTUAL: () => new VirtualPrinter({ instant: true }) } }),
      events,
      settings: () => settingsFromConfig(config),
    });
    driver = running;
    // A staged crash: the thread and everything in it stop at once, and the proxy hears of it.
    crash = async (error) => {
      dead = true;
      created.dispose();
      await running.disconnect();
      onCrash(error);
    };
    const post = (message: FromDriver): void => {
      if (dead) return;
      const copy = structuredClone(message);
      messages.push(copy);
      setImmediate(() => onMessage(copy));
    };
    const created = new DriverHost({ driver: running, events, scheduler: systemScheduler(), post, virtualRecord: () => ({ received: null, faults: [], baudrate: null }) });
    host = created;
    let resolveExit: () => void = () => undefined;
    const exited = new Promise<void>((resolve) => (resolveExit = resolve));
    return {
      post: (message: ToDriver) => setImmediate(() => created.handle(structuredClone(message))),
      busy: () => undefined,
      idle: () => undefined,
      exited,
      terminate: async () => {
        created.dispose();
        resolveExit();
      },
    };
  };
  const bus = new EventBus();
  const proxy = new DriverProxy({
    events: bus,
    settings: () => settingsFromConfig(config),
    config: () => ({ config: config.config, virtualPrinter: {} }),
    logger: { info: () => undefined, warn: (text) => warnings.push(text) },
    startThread: start,
  });
  return { proxy, bus, messages, warnings, crash: (error: Error) => crash(error), host: () => host, driver: () => driver as PrinterDriver | null };
}

describe('DriverProxy and DriverHost', () => {
  it('mirrors the state, and forwards each event after the state it reports', async () => {
    const { proxy, bus, driver } = pair();
    const seen: Array<{ name: EventName; state: string }> = [];
    bus.onAny((name) => seen.push({ name, state: proxy.state }));
    const states: string[] = [];
    proxy.onDidChangeState((state) => states.push(state));
    try {
      assert.equal(proxy.state, 'OFFLINE');
      assert.equal(await proxy.connect({ port: 'VIRTUAL', baudrate: 250000 }), true);
      assert.equal(proxy.state, 'OPERATIONAL', 'mirrored by the time connect resolves');
      assert.deepEqual(proxy.connection, { port: 'VIRTUAL', baudrate: 250000, profileId: null });
      const connected = seen.find((event) => event.name === 'Connected');
      assert.equal(connected?.state, 'OPERATIONAL');
      assert.deepEqual(
        seen.filter((event) => event.name === 'PrinterStateChanged').map((event) => event.state),
        ['OPEN_SERIAL', 'CONNECTING', 'OPERATIONAL'],
      );
      assert.deepEqual(states, ['OPEN_SERIAL', 'CONNECTING', 'OPERATIONAL']);
      proxy.commands(['M104 S200']);
      await proxy.sync();
      assert.deepEqual(proxy.snapshot(), driver()?.snapshot(), 'after sync the mirror equals the driver');
    } finally {
      await proxy.disconnect();
      await proxy.dispose();
    }
    assert.equal(proxy.state, 'OFFLINE');
  });

  it('passes terminal lines in order, in batches, and temperatures with their history', async () => {
    const { proxy, messages } = pair();
    const lines: string[] = [];
    const points: number[] = [];
    try {
      await proxy.connect({ port: 'VIRTUAL', baudrate: 115200 });
      const listening = proxy.log.onLine((direction, text) => lines.push(`${direction} ${text}`));
      proxy.temperatures.onUpdate((point) => points.push(point.time));
      proxy.commands(['M117 one', 'M117 two', 'M105']);
      await waitFor('the answers', () => lines.some((line) => line.startsWith('recv ') && line.includes('T:')) && points.length > 0);
      const sent = lines.filter((line) => line.startsWith('send ') && line.includes('M117'));
      assert.ok(sent[0]?.includes('M117 one') && sent[1]?.includes('M117 two'), sent.join(' | '));
      assert.ok(proxy.log.lines().some((line) => /^Send: (N\d+ )?M117 two/.test(line)));
      assert.ok(proxy.temperatures.historyPoints().length > 0);
      assert.ok(messages.some((message) => message.type === 'log' && message.texts.length > 1), 'lines travel in batches');
      listening.dispose();
    } finally {
      await proxy.disconnect();
      await proxy.dispose();
    }
  });

  it('checks what it can at once, and turns the worker’s errors into the same errors', async () => {
    const { proxy, warnings } = pair();
    try {
      assert.throws(() => proxy.commands(['G28']), (error) => isArgonautError(error) && error.code === 'not-operational');
      await proxy.connect({ port: 'VIRTUAL', baudrate: 115200 });
      assert.throws(() => proxy.commands(['M117 a\nM112']), (error) => isArgonautError(error) && error.code === 'invalid');
      assert.throws(() => proxy.script('noSuchScript'), (error) => isArgonautError(error) && error.code === 'not-found');
      await assert.rejects(proxy.restartPrint(), (error) => isArgonautError(error) && error.code === 'conflict');
      await assert.rejects(proxy.startFilePrint({ path: join(dir, 'missing.gcode') }), /ENOENT/);
      assert.equal(proxy.state, 'OPERATIONAL');
      // A call without an answer that fails in the worker is logged.
      proxy.startSdPrint('nothing.gco');
      await proxy.sync();
      assert.ok(warnings.some((text) => text.includes('startSdPrint')) || proxy.state !== 'OPERATIONAL', warnings.join(' | '));
    } finally {
      await proxy.disconnect();
      await proxy.dispose();
    }
  });

  it('prints a file by path: progress, pause, restart from the start, and the end', async () => {
    const file = join(dir, 'small.gcode');
    writeFileSync(file, Array.from({ length: 400 }, (_, n) => `G1 X${n % 100} F3000 ; move ${n}`).join('\n') + '\n');
    const { proxy } = pair();
    const ends: PrintEnd[] = [];
    proxy.print.onDidEnd((end) => ends.push(end));
    try {
      await proxy.connect({ port: 'VIRTUAL', baudrate: 115200 });
      const paused = new Promise<void>((resolve) => proxy.print.onDidPause(() => resolve()));
      await proxy.startFilePrint({ path: file });
      assert.ok(['STARTING', 'PRINTING', 'FINISHING', 'OPERATIONAL'].includes(proxy.state), proxy.state);
      proxy.pause();
      await paused;
      assert.equal(proxy.state, 'PAUSED');
      assert.ok(proxy.printPosition > 0, 'progress is mirrored');
      await proxy.restartPrint();
      await waitFor('the end', () => ends.length > 0, 10_000);
      assert.deepEqual(ends, [{ kind: 'done' }]);
      assert.equal(proxy.state, 'OPERATIONAL');
    } finally {
      await proxy.disconnect();
      await proxy.dispose();
    }
  });

  it('a lost worker: calls fail, a print fails, the printer is offline after an error, and connect starts a new one', async () => {
    const { proxy, bus, crash } = pair();
    const file = join(dir, 'long.gcode');
    writeFileSync(file, Array.from({ length: 20_000 }, (_, n) => `G1 X${n % 100}`).join('\n'));
    const ends: PrintEnd[] = [];
    const events: string[] = [];
    proxy.print.onDidEnd((end) => ends.push(end));
    bus.onAny((name) => events.push(name));
    try {
      await proxy.connect({ port: 'VIRTUAL', baudrate: 115200 });
      await proxy.startFilePrint({ path: file });
      const waiting = proxy.sync();
      await crash(new Error('out of memory'));
      await assert.rejects(waiting, /stopped unexpectedly/);
      assert.equal(proxy.state, 'CLOSED_WITH_ERROR');
      assert.match(proxy.error ?? '', /out of memory/);
      assert.deepEqual(ends, [{ kind: 'failed', reason: 'error' }]);
      for (const name of ['Error', 'PrinterStateChanged', 'Disconnected']) assert.ok(events.includes(name), name);
      assert.throws(() => proxy.commands(['G28']), (error) => isArgonautError(error) && error.code === 'not-operational');
      assert.equal(await proxy.connect({ port: 'VIRTUAL', baudrate: 115200 }), true);
      assert.equal(proxy.state, 'OPERATIONAL');
    } finally {
      await proxy.disconnect();
      await proxy.dispose();
    }
  });
});
