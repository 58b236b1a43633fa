// The driver against the product's virtual printer: SD card (list, print, pause, cancel), ADVANCED_OK streaming, M112.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigStore } from '../../config/index.js';
import { EventBus } from '../../events/index.js';
import { VirtualPrinter } from '../virtual/index.js';
import type { VirtualPrinterOptions } from '../virtual/index.js';
import { settingsFromConfig } from './driver-settings.js';
import type { PrintSource } from './print-source.js';
import { PrinterDriver } from './printer-driver.js';
import type { PrinterStateId } from './printer-state.js';
import { until } from '../../../test/support/until.js';

class LinesSource implements PrintSource {
  private index = 0;
  constructor(private readonly lines: string[]) {}
  nextLine(): string | null {
    return this.index < this.lines.length ? (this.lines[this.index++] ?? null) : null;
  }
  get exhausted(): boolean {
    return this.index >= this.lines.length;
  }
  async fill(): Promise<void> {}
  close(): void {}
}

async function connect(options: Partial<VirtualPrinterOptions>, config = '') {
  let printer: VirtualPrinter | null = null;
  const store = ConfigStore.fromText(config);
  const events = new EventBus();
  const driver = new PrinterDriver({
    transports: {
      listPorts: async () => ['VIRTUAL'],
      create: () => {
        printer = new VirtualPrinter({ instant: true, ...options });
        return printer;
      },
    },
    events,
    settings: () => settingsFromConfig(store),
  });
  const states: PrinterStateId[] = [];
  const texts: string[] = [];
  driver.onDidChangeState((state) => {
    states.push(state);
    texts.push(driver.snapshot().state.text);
  });
  assert.equal(await driver.connect({ port: 'VIRTUAL', baudrate: 250000 }), true);
  return { driver, virtual: printer as unknown as VirtualPrinter, states, texts, events };
}

describe('driver with the virtual printer', () => {
  it('reads the SD card and prints from it', async () => {
    const { driver, texts } = await connect({});
    await until(() => driver.sd.ready && driver.sd.files.length === 2, 'driver.sd.ready && driver.sd.files.length === 2', 5000, 5);
    assert.deepEqual(
      driver.sd.files.map((file) => [file.name, file.display]),
      [
        ['cube.gco', 'calibration-cube.gcode'],
        ['hello.gco', 'hello.gcode'],
      ],
    );
    const ends: string[] = [];
    driver.print.onDidEnd((end) => ends.push(end.kind));
    driver.startSdPrint('cube.gco');
    await until(() => ends.length > 0, 'ends.length > 0', 5000, 5);
    assert.deepEqual(ends, ['done']);
    assert.ok(texts.includes('Printing from SD'));
    assert.equal(driver.state, 'OPERATIONAL');
    driver.releaseSd();
    await until(() => !driver.sd.ready, '!driver.sd.ready', 5000, 5);
    await driver.disconnect();
  });

  it('pauses, resumes and cancels an SD print', async () => {
    const slow = ['G90', ...Array.from({ length: 200 }, (_, i) => `G1 X${i % 2 ? 0 : 5} F3000`)].join('\n');
    const { driver, virtual } = await connect({ instant: false, sdFiles: [{ name: 'SLOW.GCO', content: slow }] });
    await until(() => driver.sd.files.length === 1, 'driver.sd.files.length === 1', 5000, 5);
    const ends: string[] = [];
    driver.print.onDidEnd((end) => ends.push(end.kind));
    driver.startSdPrint('slow.gco');
    await until(() => driver.state === 'PRINTING', "driver.state === 'PRINTING'", 5000, 5);
    driver.pause();
    await until(() => driver.state === 'PAUSED', "driver.state === 'PAUSED'", 5000, 5);
    assert.ok(virtual.received.some((line) => line.command === 'M25'));
    driver.resume();
    await until(() => driver.state === 'PRINTING', "driver.state === 'PRINTING'", 5000, 5);
    await until(() => driver.sd.position > 0, 'driver.sd.position > 0', 3000, 5);
    driver.cancel();
    await until(() => driver.state === 'OPERATIONAL', "driver.state === 'OPERATIONAL'", 5000, 5);
    assert.deepEqual(ends, ['cancelled']);
    assert.ok(virtual.received.some((line) => line.command === 'M26 S0'));
    await driver.disconnect();
  });

  it('keeps several lines in flight with ADVANCED_OK, each line once and in order', async () => {
    const { driver, virtual } = await connect({ advancedOk: true, commandBufferSize: 8 }, 'serial:\n  advancedOk: true\n');
    const lines = Array.from({ length: 3000 }, (_, i) => `G1 X${i % 100} Y${i % 37} F6000`);
    const before = virtual.receivedCount;
    const ends: string[] = [];
    driver.print.onDidEnd((end) => ends.push(end.kind));
    driver.startPrint(new LinesSource(lines));
    await until(() => ends.length > 0, 'ends.length > 0', 10_000, 5);
    const accepted = virtual.received.slice(before).map((line) => line.command).filter((command) => command.startsWith('G1'));
    assert.deepEqual(accepted, lines);
    await driver.disconnect();
  });

  it('keeps each line once with ADVANCED_OK and checksum errors (repeated resend requests answered once)', async () => {
    const { driver, virtual } = await connect({ advancedOk: true, commandBufferSize: 8, checksumErrorRate: 0.02, seed: 3 }, 'serial:\n  advancedOk: true\n');
    const lines = Array.from({ length: 3000 }, (_, i) => `G1 X${i % 100} Y${i % 37} F6000`);
    const before = virtual.receivedCount;
    const ends: string[] = [];
    driver.print.onDidEnd((end) => ends.push(end.kind));
    driver.startPrint(new LinesSource(lines));
    await until(() => ends.length > 0, 'ends.length > 0', 20_000, 5);
    assert.deepEqual(ends, ['done']);
    const accepted = virtual.received.slice(before).map((line) => line.command).filter((command) => command.startsWith('G1'));
    assert.deepEqual(accepted, lines);
    const stats = driver.snapshot().resends;
    const injected = virtual.injectedFaults.filter((fault) => fault.fault === 'checksum').length;
    assert.ok(injected > 20);
    assert.equal(stats.count, injected, 'one resend per corrupted line: repeated requests for the same line are answered once');
    await driver.disconnect();
  });

  it('sends M112 ahead of a running print and ends up offline after error', async () => {
    const { driver, virtual, events } = await connect({ instant: false });
    const errors: string[] = [];
    events.on('Error', (payload) => errors.push(payload.error));
    const ends: string[] = [];
    driver.print.onDidEnd((end) => ends.push(end.kind === 'failed' ? end.reason : end.kind));
    driver.startPrint(new LinesSource(Array.from({ length: 500 }, (_, i) => `G1 X${i % 2 ? 0 : 50} F600`)));
    await until(() => driver.state === 'PRINTING', "driver.state === 'PRINTING'", 5000, 5);
    driver.commands(['M112']);
    assert.equal(virtual.isHalted, true, 'the emergency parser acted on M112 at once');
    await until(() => driver.state === 'CLOSED_WITH_ERROR', "driver.state === 'CLOSED_WITH_ERROR'", 5000, 5);
    assert.deepEqual(ends, ['error']);
    assert.ok(errors.length >= 1);
  });

  it('tells the position of an M114 answer as a PositionUpdate event', async () => {
    const { driver, events } = await connect({});
    const positions: Array<{ x: number; y: number; z: number; e: number | null }> = [];
    events.on('PositionUpdate', (payload) => positions.push(payload));
    driver.commands(['G28', 'G90', 'G1 X12.5 Y34 Z5 F3000', 'M114']);
    await until(() => positions.length > 0, 'a PositionUpdate event', 5000, 5);
    assert.deepEqual([positions[0]?.x, positions[0]?.y, positions[0]?.z], [12.5, 34, 5]);
    assert.deepEqual(driver.snapshot().position?.x, 12.5);
    await driver.disconnect();
  });
});
