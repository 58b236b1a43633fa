// State-machine tests of the driver against a scripted firmware: handshake, printing, resends, timeouts, pause/resume/cancel.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigStore } from '../../config/index.js';
import { EventBus } from '../../events/index.js';
import type { EventName } from '../../events/index.js';
import { ManualScheduler } from '../../../test/support/manual-scheduler.js';
import { ScriptedFirmware } from '../../../test/support/scripted-firmware.js';
import type { ScriptedFirmwareOptions } from '../../../test/support/scripted-firmware.js';
import { settingsFromConfig } from './driver-settings.js';
import type { PrintSource } from './print-source.js';
import { PrinterDriver } from './printer-driver.js';
import type { PrinterStateId } from './printer-state.js';

const CONFIG = `
serial:
  timeout:
    communication: 2
    communicationBusy: 1
    connection: 5
    temperature: 5
  maxCommunicationTimeouts:
    printing: 3
    idle: 2
feature:
  sdSupport: false
scripts:
  gcode:
    beforePrintStarted: "M117 starting"
    afterPrintDone: "M117 done"
    afterPrintCancelled: "M117 cancelled ; comment\\nM84"
    beforePrintPaused: "M117 paused"
    beforePrintResumed: "M117 resumed"
    afterPrinterConnected: "M117 hello"
`;

/** A print source over an array of lines, handing them out in chunks (an async fill between chunks). */
export class ArrayPrintSource implements PrintSource {
  private index = 0;
  private available = 0;
  closed = false;
  constructor(
    private readonly lines: string[],
    private readonly chunk = 1000,
  ) {}
  nextLine(): string | null {
    if (this.index >= this.available) return null;
    return this.lines[this.index++] ?? null;
  }
  get exhausted(): boolean {
    return this.index >= this.lines.length;
  }
  async fill(): Promise<void> {
    this.available = Math.min(this.lines.length, this.available + this.chunk);
  }
  close(): void {
    this.closed = true;
  }
}

function setup(firmwareOptions: ScriptedFirmwareOptions = {}, config = CONFIG) {
  const scheduler = new ManualScheduler();
  const events = new EventBus();
  const firmware = new ScriptedFirmware(firmwareOptions);
  const store = ConfigStore.fromText(config);
  const driver = new PrinterDriver({
    transports: { listPorts: async () => ['SCRIPTED'], create: () => firmware },
    events,
    settings: () => settingsFromConfig(store),
    scheduler,
  });
  const states: PrinterStateId[] = [];
  driver.onDidChangeState((state) => states.push(state));
  const fired: EventName[] = [];
  events.onAny((name) => fired.push(name));
  return { scheduler, events, firmware, driver, states, fired };
}

async function connected(firmwareOptions: ScriptedFirmwareOptions = {}, config = CONFIG) {
  const context = setup(firmwareOptions, config);
  const result = context.driver.connect({ port: 'SCRIPTED', baudrate: 115200 });
  if (firmwareOptions.mode === 'manual') {
    await new Promise((resolve) => setImmediate(resolve));
    context.firmware.flush();
  }
  assert.equal(await result, true);
  if (firmwareOptions.mode === 'manual') context.firmware.flush();
  return context;
}

const fileLines = (count: number) => Array.from({ length: count }, (_, i) => `G1 X${i % 200} Y${(i * 7) % 200} E${i} ; move ${i}`);
const expectedCommands = (count: number) => Array.from({ length: count }, (_, i) => `G1 X${i % 200} Y${(i * 7) % 200} E${i}`);
const onlyMoves = (accepted: string[]) => accepted.filter((line) => line.startsWith('G1 X'));

async function settle(predicate: () => boolean, scheduler?: ManualScheduler, stepMs = 0): Promise<void> {
  for (let i = 0; i < 5000 && !predicate(); i++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (scheduler && stepMs > 0) scheduler.advance(stepMs);
  }
  assert.ok(predicate(), 'condition not reached');
}

describe('PrinterDriver connection', () => {
  it('opens, says hello, becomes operational and asks for the firmware', async () => {
    const { driver, states, fired, firmware } = await connected();
    assert.deepEqual(states, ['OPEN_SERIAL', 'CONNECTING', 'OPERATIONAL']);
    assert.ok(fired.includes('Connecting') && fired.includes('Connected'));
    assert.equal(firmware.accepted[0], 'M110 N0');
    assert.ok(firmware.accepted.includes('M115'));
    assert.ok(firmware.accepted.includes('M117 hello'), 'afterPrinterConnected runs');
    assert.equal(driver.snapshot().firmware?.name, 'Marlin 2.1.2 (Scripted)');
    assert.equal(driver.snapshot().state.text, 'Operational');
    assert.equal(driver.snapshot().state.flags.ready, true);
    await driver.disconnect();
    assert.equal(driver.state, 'OFFLINE');
    assert.ok(fired.includes('Disconnected'));
  });

  it('sends beforePrinterDisconnected before closing', async () => {
    const { driver, firmware, scheduler } = await connected({ mode: 'async' }, `${CONFIG}    beforePrinterDisconnected: "M117 bye\\nM84"\n`);
    let closed = false;
    const disconnecting = driver.disconnect().then(() => (closed = true));
    await settle(() => closed, scheduler, 10);
    await disconnecting;
    assert.deepEqual(firmware.accepted.slice(-2), ['M117 bye', 'M84']);
    assert.equal(driver.state, 'OFFLINE');
  });

  it('waits through a firmware restart ("start") before the first ok', async () => {
    const { driver, firmware } = await connected({ greeting: ['start', 'echo:Marlin 2.1.2'] });
    assert.equal(driver.state, 'OPERATIONAL');
    assert.equal(firmware.accepted[0], 'M110 N0');
    await driver.disconnect();
  });

  it('gives up with an error when the firmware never answers', async () => {
    const { driver, scheduler, states, events } = setup({ silent: true });
    const errors: string[] = [];
    events.on('Error', (payload) => errors.push(payload.error));
    const result = driver.connect({ port: 'SCRIPTED', baudrate: 115200 });
    await new Promise((resolve) => setImmediate(resolve));
    scheduler.advance(6000);
    assert.equal(await result, false);
    await settle(() => driver.state === 'CLOSED_WITH_ERROR');
    assert.deepEqual(states, ['OPEN_SERIAL', 'CONNECTING', 'ERROR', 'CLOSED_WITH_ERROR']);
    assert.match(errors[0] ?? '', /did not answer within 5 seconds/);
    assert.equal(driver.snapshot().state.text, 'Offline after error');
    assert.equal(driver.snapshot().state.flags.error, true);
  });

  it('enables temperature auto-report when the firmware can, and polls M105 otherwise', async () => {
    const auto = await connected({ autoreport: true });
    assert.ok(auto.firmware.accepted.includes('M155 S2'));
    const before = auto.firmware.accepted.filter((c) => c === 'M105').length;
    auto.firmware.send('T:200.0 /210.0 B:60.0 /60.0 @:0 B@:0');
    auto.scheduler.advance(5000);
    assert.equal(auto.firmware.accepted.filter((c) => c === 'M105').length, before, 'no polling while reports arrive');
    assert.deepEqual(auto.driver.snapshot().temperatures.tool0, { actual: 200, target: 210, offset: 0 });
    await auto.driver.disconnect();

    const polled = await connected({ autoreport: false });
    assert.ok(!polled.firmware.accepted.includes('M155 S2'));
    polled.scheduler.advance(5000);
    assert.ok(polled.firmware.accepted.includes('M105'));
    assert.equal(polled.driver.snapshot().temperatures.bed?.actual, 20.1);
    assert.equal(polled.driver.temperatures.historyPoints().length, 1);
    await polled.driver.disconnect();
  });

  it('detects the port and baud rate that answer (AUTO / 0)', async () => {
    const scheduler = new ManualScheduler();
    const events = new EventBus();
    const store = ConfigStore.fromText(CONFIG);
    const tried: string[] = [];
    const driver = new PrinterDriver({
      transports: {
        listPorts: async () => ['/dev/ttyDEAD', '/dev/ttyALIVE', 'VIRTUAL'],
        create: (port, baudrate) => {
          tried.push(`${port}@${baudrate}`);
          return new ScriptedFirmware({ port, baudrate, silent: port !== '/dev/ttyALIVE' || baudrate !== 250000 });
        },
      },
      events,
      settings: () => settingsFromConfig(store),
      scheduler,
    });
    const states: PrinterStateId[] = [];
    driver.onDidChangeState((state) => states.push(state));
    const result = driver.connect({ port: 'AUTO', baudrate: 0 });
    for (let i = 0; i < 100 && driver.state !== 'OPERATIONAL'; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      scheduler.advance(1000);
    }
    assert.equal(await result, true);
    assert.deepEqual(states.slice(0, 3), ['OPEN_SERIAL', 'DETECT_SERIAL', 'CONNECTING']);
    assert.equal(tried[0], '/dev/ttyDEAD@115200', 'the most likely rate first');
    assert.ok(tried.includes('/dev/ttyALIVE@250000'));
    assert.ok(!tried.some((attempt) => attempt.startsWith('VIRTUAL')), 'real ports before VIRTUAL');
    assert.deepEqual(driver.connection, { port: '/dev/ttyALIVE', baudrate: 250000, profileId: null });
    await driver.disconnect();
  });

  it('refuses commands with control characters and sends nothing', async () => {
    const { driver, firmware } = await connected();
    const before = firmware.written.length;
    assert.throws(() => driver.commands(['G28', 'M117 a\nM112']), (error: Error & { code?: string }) => error.code === 'invalid');
    assert.throws(() => driver.commands(['G1 X1\r']), (error: Error & { code?: string }) => error.code === 'invalid');
    assert.equal(firmware.written.length, before);
    await driver.disconnect();
  });

  it('refuses commands when not connected', () => {
    const { driver } = setup();
    assert.throws(() => driver.commands(['G28']), (error: Error & { code?: string }) => error.code === 'not-operational');
  });

  it('lets M112 jump the queue', async () => {
    const { driver, firmware } = await connected({ mode: 'manual' });
    driver.commands(['G28', 'G1 X10', 'G1 X20']);
    driver.commands(['M112']);
    const last = firmware.written.at(-1);
    assert.equal(last, 'M112');
    assert.ok(!firmware.written.some((line) => line.includes('G1 X20')), 'queued commands were dropped');
  });

  it('fails when the port goes away', async () => {
    const { driver, firmware, fired } = await connected();
    firmware.unplug();
    await settle(() => driver.state === 'CLOSED_WITH_ERROR');
    assert.match(driver.error ?? '', /disconnected/);
    assert.ok(fired.includes('Error'));
  });
});

describe('PrinterDriver printing', () => {
  it('streams a file exactly once and in order, with the scripts around it', async () => {
    const { driver, firmware, states } = await connected();
    const source = new ArrayPrintSource(['; header', '', ...fileLines(2500)], 700);
    const ends: string[] = [];
    driver.print.onDidEnd((end) => ends.push(end.kind));
    driver.startPrint(source);
    await settle(() => ends.length > 0);
    assert.deepEqual(ends, ['done']);
    assert.deepEqual(onlyMoves(firmware.accepted), expectedCommands(2500));
    const start = firmware.accepted.indexOf('M117 starting');
    const done = firmware.accepted.indexOf('M117 done');
    assert.ok(start >= 0 && start < firmware.accepted.indexOf('G1 X0 Y0 E0'));
    assert.ok(done > firmware.accepted.lastIndexOf('G1 X99 Y93 E2499'));
    assert.deepEqual(states.slice(3), ['STARTING', 'PRINTING', 'FINISHING', 'OPERATIONAL']);
    assert.ok(source.closed);
    await driver.disconnect();
  });

  it('answers resend requests from the window; each line is accepted once', async () => {
    const { driver, firmware } = await connected();
    for (let i = 0; i < 40; i++) firmware.faults.push(null, i % 3 === 0 ? 'checksum' : null);
    const ends: string[] = [];
    driver.print.onDidEnd((end) => ends.push(end.kind));
    driver.startPrint(new ArrayPrintSource(fileLines(300)));
    await settle(() => ends.length > 0);
    assert.deepEqual(onlyMoves(firmware.accepted), expectedCommands(300));
    assert.ok(driver.snapshot().resends.count >= 10);
    await driver.disconnect();
  });

  it('recovers from lost oks and busy with timeouts; each line is accepted once', async () => {
    const { driver, firmware, scheduler } = await connected();
    for (let i = 0; i < 30; i++) firmware.faults.push(null, null, i % 2 === 0 ? 'drop-ok' : 'busy');
    const ends: string[] = [];
    driver.print.onDidEnd((end) => ends.push(end.kind));
    driver.startPrint(new ArrayPrintSource(fileLines(200)));
    await settle(() => ends.length > 0, scheduler, 500);
    assert.deepEqual(ends, ['done']);
    assert.deepEqual(onlyMoves(firmware.accepted), expectedCommands(200));
    assert.equal(driver.state, 'OPERATIONAL');
    await driver.disconnect();
  });

  it('gives up after too many consecutive timeouts while printing', async () => {
    const { driver, firmware, scheduler } = await connected({ mode: 'manual' });
    const ends: string[] = [];
    driver.print.onDidEnd((end) => ends.push(end.kind === 'failed' ? end.reason : end.kind));
    driver.startPrint(new ArrayPrintSource(fileLines(50)));
    await settle(() => firmware.written.length > 0 && driver.state === 'STARTING');
    for (let i = 0; i < 10; i++) scheduler.advance(2100);
    await settle(() => driver.state === 'CLOSED_WITH_ERROR');
    assert.match(driver.error ?? '', /Too many consecutive timeouts/);
    assert.deepEqual(ends, ['error']);
  });

  it('pauses promptly, resumes where it stopped, with the pause scripts', async () => {
    const { driver, firmware, fired } = await connected({ mode: 'manual' });
    const lines = fileLines(100);
    driver.startPrint(new ArrayPrintSource(lines));
    // let 10 file lines through
    await settle(() => {
      firmware.flush();
      return onlyMoves(firmware.accepted).length >= 10;
    });
    driver.pause();
    assert.equal(driver.state, 'PAUSING');
    const sentAtPause = onlyMoves(firmware.accepted).length;
    for (let i = 0; i < 20; i++) firmware.flush();
    assert.equal(driver.state, 'PAUSED');
    assert.ok(onlyMoves(firmware.accepted).length <= sentAtPause + 1, 'at most the line in flight is sent after pause');
    assert.ok(firmware.accepted.includes('M117 paused'));
    assert.ok(!fired.includes('PrintPaused'), 'print events are the job service’s');
    driver.resume();
    assert.equal(driver.state, 'RESUMING');
    await settle(() => {
      firmware.flush();
      return driver.state === 'OPERATIONAL';
    });
    assert.deepEqual(onlyMoves(firmware.accepted), expectedCommands(100));
    assert.ok(firmware.accepted.indexOf('M117 resumed') > firmware.accepted.indexOf('M117 paused'));
    await driver.disconnect();
  });

  it('cancels promptly: no further file lines, then afterPrintCancelled', async () => {
    const { driver, firmware } = await connected({ mode: 'manual' });
    const ends: string[] = [];
    driver.print.onDidEnd((end) => ends.push(end.kind));
    driver.startPrint(new ArrayPrintSource(fileLines(100)));
    await settle(() => {
      firmware.flush();
      return onlyMoves(firmware.accepted).length >= 5;
    });
    driver.cancel();
    assert.equal(driver.state, 'CANCELLING');
    const sent = onlyMoves(firmware.accepted).length;
    for (let i = 0; i < 10; i++) firmware.flush();
    assert.deepEqual(ends, ['cancelled']);
    assert.equal(driver.state, 'OPERATIONAL');
    assert.ok(onlyMoves(firmware.accepted).length <= sent + 1);
    assert.deepEqual(firmware.accepted.slice(-2), ['M117 cancelled', 'M84']);
    await driver.disconnect();
  });

  it('cancels from paused at once', async () => {
    const { driver, firmware } = await connected({ mode: 'manual' });
    const ends: string[] = [];
    driver.print.onDidEnd((end) => ends.push(end.kind));
    driver.startPrint(new ArrayPrintSource(fileLines(50)));
    await settle(() => {
      firmware.flush();
      return onlyMoves(firmware.accepted).length >= 3;
    });
    driver.pause();
    for (let i = 0; i < 10; i++) firmware.flush();
    assert.equal(driver.state, 'PAUSED');
    driver.cancel();
    for (let i = 0; i < 10; i++) firmware.flush();
    assert.deepEqual(ends, ['cancelled']);
    assert.equal(driver.state, 'OPERATIONAL');
    await driver.disconnect();
  });

  it('refuses a second print while one runs', async () => {
    const { driver } = await connected({ mode: 'manual' });
    driver.startPrint(new ArrayPrintSource(fileLines(10)));
    assert.throws(() => driver.startPrint(new ArrayPrintSource(fileLines(10))), (error: Error & { code?: string }) => error.code === 'conflict');
  });

  it('applies temperature offsets to the temperature commands of the file only', async () => {
    const { driver, firmware } = await connected();
    driver.setTemperatureOffsets({ tool0: 5, bed: -3 });
    const ends: string[] = [];
    driver.print.onDidEnd((end) => ends.push(end.kind));
    driver.startPrint(new ArrayPrintSource(['M104 S200 ; heat', 'M140 S60', 'M109 S200', 'M190 S60', 'M104 T1 S210', 'M104 S0', 'G1 X1']));
    await settle(() => ends.length > 0);
    const temperatures = firmware.accepted.filter((command) => /^M1(04|09|40|90)/.test(command));
    assert.deepEqual(temperatures, ['M104 S205', 'M140 S57', 'M109 S205', 'M190 S57', 'M104 T1 S210', 'M104 S0']);
    driver.commands(['M104 S200']);
    assert.equal(firmware.accepted.at(-1), 'M104 S200', 'commands typed by users are sent as they are');
    assert.deepEqual(driver.snapshot().offsets, { tool0: 5, bed: -3 });
    await driver.disconnect();
  });

  it('pauses at an @pause line of the file and on //action:pause from the firmware', async () => {
    const { driver, firmware } = await connected();
    driver.startPrint(new ArrayPrintSource(['G1 X1', '@pause', 'G1 X2']));
    await settle(() => driver.state === 'PAUSED');
    assert.ok(!firmware.accepted.includes('G1 X2'));
    assert.ok(!firmware.accepted.some((command) => command.startsWith('@')));
    driver.resume();
    await settle(() => driver.state === 'OPERATIONAL');
    assert.ok(firmware.accepted.includes('G1 X2'));
    await driver.disconnect();

    const manual = await connected({ mode: 'manual' });
    manual.driver.startPrint(new ArrayPrintSource(fileLines(100)));
    await settle(() => {
      manual.firmware.flush();
      return manual.driver.state === 'PRINTING';
    });
    manual.firmware.send('//action:pause');
    for (let i = 0; i < 5; i++) manual.firmware.flush();
    assert.equal(manual.driver.state, 'PAUSED');
    manual.firmware.send('//action:cancel');
    for (let i = 0; i < 5; i++) manual.firmware.flush();
    assert.equal(manual.driver.state, 'OPERATIONAL');
    await manual.driver.disconnect();
  });

  it('fails the print but keeps the connection when the firmware restarts mid-print', async () => {
    const { driver, firmware } = await connected({ mode: 'manual' });
    const ends: string[] = [];
    driver.print.onDidEnd((end) => ends.push(end.kind === 'failed' ? end.reason : end.kind));
    driver.startPrint(new ArrayPrintSource(fileLines(100)));
    await settle(() => {
      firmware.flush();
      return onlyMoves(firmware.accepted).length >= 3;
    });
    firmware.send('start');
    assert.deepEqual(ends, ['error']);
    assert.equal(driver.state, 'OPERATIONAL');
    assert.equal(firmware.written.at(-1), 'N0 M110 N0*125', 'line numbers start again');
    await driver.disconnect();
  });

  it('tracks Z and reports ZChange', async () => {
    const { driver, events } = await connected();
    const changes: Array<number> = [];
    events.on('ZChange', (payload) => changes.push(payload.new));
    driver.commands(['G1 Z0.3 F100', 'G91', 'G1 Z1', 'G90', 'G1 X5']);
    assert.deepEqual(changes, [0.3, 1.3]);
    assert.equal(driver.snapshot().currentZ, 1.3);
    await driver.disconnect();
  });
});
