// CurrentFeed: lines collected per tick are capped to the newest, and messages are shared per (since, view).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CurrentFeed } from './current-feed.js';
import type { CurrentView } from './current-feed.js';
import type { PushDataSource, PushStateSnapshot, TemperaturePoint } from './push-types.js';

function source() {
  const logListeners = new Set<(line: string) => void>();
  const temperatureListeners = new Set<(point: TemperaturePoint) => void>();
  const snapshot: PushStateSnapshot = {
    state: { text: 'Printing' },
    job: {},
    progress: {},
    currentZ: null,
    offsets: {},
    resends: { count: 0, transmitted: 0, ratio: 0 },
    busyFiles: [],
  };
  const data: PushDataSource = {
    snapshot: () => snapshot,
    temperatureHistory: async () => [],
    recentLogs: async () => [],
    onLog: (listener) => (logListeners.add(listener), { dispose: () => logListeners.delete(listener) }),
    onTemperature: (listener) => (temperatureListeners.add(listener), { dispose: () => temperatureListeners.delete(listener) }),
  };
  return {
    data,
    log: (line: string) => logListeners.forEach((listener) => listener(line)),
    temperature: (point: TemperaturePoint) => temperatureListeners.forEach((listener) => listener(point)),
  };
}

const TERMINAL: CurrentView = { terminal: true, logs: { kind: 'all' }, messages: { kind: 'all' } };
const GUEST: CurrentView = { terminal: false, logs: { kind: 'all' }, messages: { kind: 'all' } };

describe('CurrentFeed', () => {
  it('keeps the newest 1000 lines and 100 temperatures of a tick, in order', () => {
    const printer = source();
    const feed = new CurrentFeed(printer.data, 4, () => 1000);
    feed.start();
    for (let n = 0; n < 4321; n += 1) printer.log(`Send: N${n}`);
    for (let n = 0; n < 250; n += 1) printer.temperature({ time: n });
    feed.advance();
    const message = JSON.parse(feed.currentMessage(0, TERMINAL).json) as { current: { logs: string[]; temps: Array<{ time: number }> } };
    assert.equal(message.current.logs.length, 1000);
    assert.equal(message.current.logs[0], 'Send: N3321');
    assert.equal(message.current.logs.at(-1), 'Send: N4320');
    assert.deepEqual(message.current.temps.map((point) => point.time), Array.from({ length: 100 }, (_, i) => 150 + i));
    feed.stop();
  });

  it('gives lines only to views with terminal rights, and adds up the ticks since the last message', () => {
    const printer = source();
    const feed = new CurrentFeed(printer.data, 4, () => 1000);
    feed.start();
    printer.log('Recv: ok');
    feed.advance();
    printer.log('Recv: T:20');
    const second = feed.advance();
    const since0 = JSON.parse(feed.currentMessage(0, TERMINAL).json) as { current: { logs: string[] } };
    assert.deepEqual(since0.current.logs, ['Recv: ok', 'Recv: T:20']);
    const since1 = JSON.parse(feed.currentMessage(second - 1, TERMINAL).json) as { current: { logs: string[] } };
    assert.deepEqual(since1.current.logs, ['Recv: T:20']);
    const guest = JSON.parse(feed.currentMessage(0, GUEST).json) as { current: { logs: string[] } };
    assert.deepEqual(guest.current.logs, []);
    assert.equal(feed.currentMessage(0, TERMINAL), feed.currentMessage(0, TERMINAL), 'serialised once and shared');
    feed.stop();
  });
});
