// Copying a host file onto the SD card of the virtual printer: M28, the file's commands, M29, and nothing in between.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigStore } from '../../config/index.js';
import { EventBus } from '../../events/index.js';
import { VirtualPrinter } from '../virtual/index.js';
import type { VirtualPrinterOptions } from '../virtual/index.js';
import { settingsFromConfig } from './driver-settings.js';
import { PrinterDriver } from './printer-driver.js';
import { sdFileName } from './sd-file-name.js';
import { until } from '../../../test/support/until.js';

const FILE = ['; a comment line', 'G28', 'G1 X10 Y10 F3000 ; move', '', 'M117 Hello card', ...Array.from({ length: 1500 }, (_, i) => `G1 X${i % 50} Y${i % 7}`), 'M84'];
const COMMANDS = ['G28', 'G1 X10 Y10 F3000', 'M117 Hello card', ...Array.from({ length: 1500 }, (_, i) => `G1 X${i % 50} Y${i % 7}`), 'M84'];
// Temperature polls every 0.5 s: without the pause they would land in the middle of the file.
const CONFIG = 'serial:\n  timeout:\n    temperature: 0.5\n';

async function connect(options: Partial<VirtualPrinterOptions> = {}) {
  let printer: VirtualPrinter | null = null;
  const store = ConfigStore.fromText(CONFIG);
  const events = new EventBus();
  const driver = new PrinterDriver({
    transports: {
      listPorts: async () => ['VIRTUAL'],
      create: () => {
        printer = new VirtualPrinter({ instant: false, emulateBaudrate: true, ...options });
        return printer;
      },
    },
    events,
    settings: () => settingsFromConfig(store),
  });
  const fired: Array<[string, unknown]> = [];
  for (const name of ['TransferStarted', 'TransferDone', 'TransferFailed'] as const) events.on(name, (payload) => fired.push([name, payload]));
  const texts: string[] = [];
  driver.onDidChangeState(() => texts.push(driver.snapshot().state.text));
  assert.equal(await driver.connect({ port: 'VIRTUAL', baudrate: 250000 }), true);
  await until(() => driver.sd.ready && driver.sd.files.length > 0, 'the card listed', 10_000, 5);
  return { driver, virtual: printer as unknown as VirtualPrinter, fired, texts };
}

describe('transfer to the SD card', () => {
  let dir = '';
  let path = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sd-transfer-'));
    path = join(dir, 'My Part.gcode');
    await writeFile(path, `${FILE.join('\n')}\n`);
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('names files the DOS way', () => {
    assert.equal(sdFileName('cube.gcode', []), 'cube.gco');
    assert.equal(sdFileName('folder/cube.g', []), 'cube.g');
    assert.equal(sdFileName('My Part.gcode', []), 'my_part.gco');
    assert.equal(sdFileName('cube.gcode', ['CUBE.GCO']), 'cube~1.gco');
    assert.equal(sdFileName('a very long name.gcode', []), 'a_very~1.gco');
    assert.equal(sdFileName('a very long name.gcode', ['a_very~1.gco']), 'a_very~2.gco');
  });

  it('writes the file between M28 and M29 with nothing in between, then lists it', async () => {
    const { driver, virtual, fired, texts } = await connect();
    const during: string[] = [];
    const remote = await driver.startSdTransfer({ path, name: 'My Part.gcode', user: 'alice' });
    assert.equal(remote, 'my_part.gco');
    assert.equal(driver.snapshot().state.flags.ready, false);
    // A user's command during the transfer waits until the file is closed.
    driver.commands(['M117 After']);
    await until(() => {
      const view = driver.sdTransfer;
      if (view && view.position > 0) during.push(driver.snapshot().state.text);
      return fired.length === 2;
    }, 'the transfer ended', 20_000, 5);
    assert.deepEqual(fired[0], ['TransferStarted', { local: 'My Part.gcode', remote: 'my_part.gco' }]);
    assert.equal(fired[1]?.[0], 'TransferDone');
    const done = fired[1]?.[1] as { local: string; remote: string; time: number };
    assert.equal(done.local, 'My Part.gcode');
    assert.equal(done.remote, 'my_part.gco');
    assert.equal(typeof done.time, 'number');
    assert.ok(texts.includes('Sending file to SD'), texts.join(', '));
    assert.ok(during.includes('Sending file to SD'));
    assert.equal(driver.sdTransfer, null);
    await until(() => driver.sd.find('my_part.gco') !== undefined, 'the card lists the new file', 10_000, 5);
    assert.equal(driver.state, 'OPERATIONAL');
    const received = virtual.received.map((line) => line.command);
    const start = received.indexOf('M28 my_part.gco');
    assert.ok(start >= 0, 'M28 was sent');
    assert.deepEqual(received.slice(start + 1, start + 1 + COMMANDS.length + 1), [...COMMANDS, 'M29']);
    const afterwards = received.slice(start + COMMANDS.length + 2);
    assert.ok(afterwards.includes('M117 After'), 'the held command went after M29');
    assert.ok(afterwards.some((command) => command.startsWith('M20')), 'the card was listed again');
    const content = virtual.firmware.card?.find('my_part.gco');
    assert.equal(content?.content, `${COMMANDS.join('\n')}\n`);
    await driver.disconnect();
  });

  it('a pause asked during the transfer, by the API or by the firmware, is no print pause: the file still closes', async () => {
    const { driver, virtual, fired } = await connect();
    await driver.startSdTransfer({ path, name: 'My Part.gcode', user: 'alice' });
    await until(() => (driver.sdTransfer?.position ?? 0) > 0, 'the transfer under way', 20_000, 5);
    driver.pause();
    // The firmware's own pause request arrives while the file is written (the virtual printer says it unasked).
    (virtual as unknown as { emit(line: string): void }).emit('//action:pause');
    assert.notEqual(driver.state, 'PAUSING');
    await until(() => fired.length === 2, 'the transfer ended', 20_000, 5);
    assert.equal(fired[1]?.[0], 'TransferDone');
    assert.ok(virtual.received.some((line) => line.command === 'M29'), 'the card file was closed');
    await until(() => driver.state === 'OPERATIONAL', 'operational again', 10_000, 5);
    await driver.disconnect();
  });

  it('refuses while printing or without a ready card, and cancelling deletes the partial copy', async () => {
    const { driver, virtual, fired } = await connect();
    driver.releaseSd();
    await until(() => !driver.sd.ready, 'card released', 10_000, 5);
    await assert.rejects(driver.startSdTransfer({ path, name: 'x.gcode' }), /not yet initialized/);
    driver.initSd();
    await until(() => driver.sd.ready, 'card ready', 10_000, 5);
    await driver.startSdTransfer({ path, name: 'part.gcode' });
    await assert.rejects(driver.startSdTransfer({ path, name: 'other.gcode' }), /already busy/);
    await until(() => (driver.sdTransfer?.position ?? 0) > 0, 'streaming', 10_000, 5);
    driver.cancel();
    assert.equal(fired.at(-1)?.[0], 'TransferFailed');
    await until(() => driver.state === 'OPERATIONAL' && virtual.received.some((line) => line.command === 'M30 part.gco'), 'partial copy deleted', 10_000, 5);
    await until(() => driver.sd.files.length > 0 && driver.sd.find('part.gco') === undefined, 'listed without it', 10_000, 5);
    assert.equal(virtual.firmware.card?.isWriting, false);
    await driver.disconnect();
  });

  it('fails the transfer when the printer goes away, and the next connection works', async () => {
    const { driver, fired } = await connect({ disconnectAfterLines: 60 });
    await driver.startSdTransfer({ path, name: 'part.gcode' });
    await until(() => fired.some(([name]) => name === 'TransferFailed'), 'the transfer failed', 10_000, 5);
    await until(() => driver.state === 'CLOSED_WITH_ERROR', 'closed', 10_000, 5);
    assert.equal(driver.sdTransfer, null);
    assert.equal(await driver.connect({ port: 'VIRTUAL', baudrate: 250000 }), true);
    await driver.disconnect();
  });
});
