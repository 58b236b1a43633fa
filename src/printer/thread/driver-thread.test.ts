// The driver in a real worker thread: started by the first connect, commands reach the virtual printer, a crash at start
// leaves the printer offline after an error until a connect starts a new thread, and dispose ends the thread.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigStore } from '../../config/index.js';
import type { Config } from '../../config/index.js';
import { EventBus } from '../../events/index.js';
import { settingsFromConfig } from '../driver/index.js';
import { DriverProxy } from './driver-proxy.js';
import { startDriverThread } from './driver-thread.js';
import type { DriverThread } from './driver-thread.js';
import { virtualPrinterSection } from './printer-transports.js';
import type { DriverConfig } from './thread-protocol.js';

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function threadedProxy(configs: Array<() => DriverConfig>) {
  const store = ConfigStore.fromText('plugins:\n  virtual_printer:\n    instant: true\n');
  const threads: DriverThread[] = [];
  const events = new EventBus();
  const valid = (): DriverConfig => ({ config: store.config, virtualPrinter: virtualPrinterSection(store.config, store.getRaw('plugins.virtual_printer')) });
  let started = 0;
  const proxy = new DriverProxy({
    events,
    settings: () => settingsFromConfig(store),
    config: () => (configs[started++] ?? valid)(),
    startThread: (config, onMessage, onCrash) => {
      const thread = startDriverThread(config, onMessage, onCrash);
      threads.push(thread);
      return thread;
    },
  });
  return { proxy, events, threads };
}

describe('the driver thread', () => {
  it('runs the driver and the virtual printer in a worker from the first connect, and ends the thread on dispose', { timeout: 60_000 }, async () => {
    const { proxy, threads } = threadedProxy([]);
    try {
      assert.equal(threads.length, 0, 'no thread before a connect');
      assert.equal(proxy.state, 'OFFLINE');
      await proxy.disconnect();
      await proxy.sync();
      assert.deepEqual(await proxy.virtualRecord(), { received: null, faults: [], baudrate: null });
      assert.equal(threads.length, 0, 'disconnect, sync and the record start no thread');
      assert.equal(await withTimeout(proxy.connect({ port: 'VIRTUAL', baudrate: 250000 }), 30_000, 'connect'), true);
      assert.equal(proxy.state, 'OPERATIONAL');
      proxy.commands(['M117 from the main thread']);
      await proxy.sync();
      const deadline = Date.now() + 5000;
      let record = await proxy.virtualRecord();
      while (!record.received?.includes('M117 from the main thread') && Date.now() < deadline) record = await proxy.virtualRecord();
      assert.ok(record.received?.includes('M117 from the main thread'));
      assert.equal(record.baudrate, 250000);
      await proxy.disconnect();
      assert.equal(proxy.state, 'OFFLINE');
    } finally {
      await proxy.dispose();
    }
    assert.equal(threads.length, 1);
    await withTimeout(threads[0]?.exited ?? Promise.resolve(), 5000, 'the thread to end');
  });

  it('a thread that dies leaves the printer offline after an error; connect starts a new one', { timeout: 60_000 }, async () => {
    // The first thread gets a config it cannot read and dies while starting: the connect that started it fails.
    const { proxy, events, threads } = threadedProxy([() => ({ config: {} as Config, virtualPrinter: {} })]);
    const errors: string[] = [];
    events.on('Error', (payload) => errors.push(payload.error));
    try {
      await assert.rejects(withTimeout(proxy.connect({ port: 'VIRTUAL', baudrate: 115200 }), 30_000, 'the failed connect'), /stopped unexpectedly/);
      await withTimeout(threads[0]?.exited ?? Promise.resolve(), 30_000, 'the broken thread to die');
      const deadline = Date.now() + 5000;
      while (proxy.state !== 'CLOSED_WITH_ERROR' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(proxy.state, 'CLOSED_WITH_ERROR');
      assert.match(proxy.error ?? '', /stopped unexpectedly/);
      assert.equal(errors.length, 1);
      assert.equal(await withTimeout(proxy.connect({ port: 'VIRTUAL', baudrate: 115200 }), 30_000, 'connect'), true);
      assert.equal(threads.length, 2);
      assert.equal(proxy.state, 'OPERATIONAL');
      await proxy.disconnect();
    } finally {
      await proxy.dispose();
    }
    await withTimeout(threads[1]?.exited ?? Promise.resolve(), 5000, 'the second thread to end');
  });
});
