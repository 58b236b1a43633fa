// The job service with the real file manager and printer service over a scripted firmware: selection rules, events in
// order, progress and time left from the file's analysis, results in the print history, one start at a time.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ConfigStore } from '../config/index.js';
import { EventBus } from '../events/index.js';
import type { EventName } from '../events/index.js';
import { FileManager } from '../files/index.js';
import { DriverClient, PrinterService } from '../printer/index.js';
import { inProcessDriver } from '../../test/support/in-process-driver.js';
import { ScriptedFirmware } from '../../test/support/scripted-firmware.js';
import { PrintJobService } from './print-job-service.js';

const GCODE = ['G28 ; home', 'G1 Z0.2 F300', ...Array.from({ length: 300 }, (_, i) => `G1 X${i % 50} Y${i % 30} E${i / 10}`), 'M84'].join('\n') + '\n';

describe('PrintJobService', () => {
  let dir: string;
  let files: FileManager;
  let printer: PrinterService;
  let jobs: PrintJobService;
  let firmware: ScriptedFirmware;
  let fired: Array<{ name: EventName; payload: Record<string, unknown> }>;
  let events: EventBus;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jobs-'));
    mkdirSync(join(dir, 'uploads'));
    mkdirSync(join(dir, 'profiles'));
    events = new EventBus();
    fired = [];
    events.onAny((name, payload) => fired.push({ name, payload: payload as Record<string, unknown> }));
    files = await FileManager.open({ uploads: join(dir, 'uploads'), events });
    const source = join(dir, 'source');
    writeFileSync(source, GCODE);
    await files.addFile('part.gcode', source);
    await files.setMetadata('part.gcode', 'analysis', { estimatedPrintTime: 300, slicerEstimatedPrintTime: 420, filament: { tool0: { length: 30, volume: 0.07 } } });
    writeFileSync(source, 'solid x\nendsolid x\n');
    await files.addFile('part.stl', source);
    firmware = new ScriptedFirmware({ mode: 'manual' });
    const config = ConfigStore.fromText('feature:\n  sdSupport: false\n', join(dir, 'config.yaml'));
    const transports = { listPorts: async () => ['SCRIPTED'], create: () => firmware };
    const driver = new DriverClient({
      events,
      config: () => ({ config: config.config, virtualPrinter: {} }),
      logger: { info: () => undefined, warn: () => undefined },
      start: inProcessDriver(transports),
    });
    printer = new PrinterService({ config, basedir: { printerProfiles: join(dir, 'profiles') }, transports, driver });
    jobs = new PrintJobService({ printer, files, events });
  });

  afterEach(async () => {
    jobs.dispose();
    await printer.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function connect(): Promise<void> {
    const { attempt } = await printer.connect({ port: 'SCRIPTED', baudrate: 115200 });
    let settled = false;
    const done = () => {
      settled = true;
    };
    attempt.then(done, done);
    await runUntil(() => settled);
    assert.equal(await attempt, true);
    firmware.flush();
  }

  /** Lets the firmware answer until `predicate` holds; `pauseMs` between answers lets the driver's state (sent every 100 ms) show progress. */
  async function runUntil(predicate: () => boolean, pauseMs = 0): Promise<void> {
    for (let i = 0; i < 10_000 && !predicate(); i++) {
      firmware.flush();
      await new Promise((resolve) => (pauseMs > 0 ? setTimeout(resolve, pauseMs) : setImmediate(resolve)));
    }
    assert.ok(predicate(), 'condition not reached');
  }

  it('selects machine code only, and reports the slicer estimate and filament', async () => {
    await assert.rejects(jobs.select('local', 'missing.gcode', { print: false, user: null }), (error: Error & { code?: string }) => error.code === 'not-found');
    await assert.rejects(jobs.select('local', 'part.stl', { print: false, user: null }), (error: Error & { code?: string }) => error.code === 'unsupported-type');
    await assert.rejects(jobs.select('local', 'part.gcode', { print: true, user: null }), (error: Error & { code?: string }) => error.code === 'not-operational');
    await jobs.select('local', 'part.gcode', { print: false, user: 'ann' });
    const { job, progress } = jobs.jobData();
    assert.equal(job.file.name, 'part.gcode');
    assert.equal(job.file.size, Buffer.byteLength(GCODE));
    assert.equal(job.estimatedPrintTime, 420);
    assert.deepEqual(job.filament, { tool0: { length: 30, volume: 0.07 } });
    assert.equal(job.user, 'ann');
    assert.equal(progress.completion, null);
    jobs.unselect();
    assert.equal(jobs.jobData().job.file.name, null);
    assert.deepEqual(jobs.jobData().job.filament, { length: null, volume: null }, "OctoPrint's shape without a file");
    assert.deepEqual(
      fired.filter((event) => event.name.startsWith('File')).map((event) => event.name),
      ['FileAdded', 'FileAdded', 'FileSelected', 'FileDeselected'],
    );
  });

  it('takes the estimate and filament of an analysis that finishes after the selection', async () => {
    const source = join(dir, 'fresh');
    writeFileSync(source, GCODE);
    await files.addFile('fresh.gcode', source);
    await jobs.select('local', 'fresh.gcode', { print: false, user: null });
    assert.equal(jobs.jobData().job.estimatedPrintTime, null);
    const analysis = { estimatedPrintTime: 12, filament: { tool0: { length: 5, volume: 0.01 } } };
    await files.setMetadata('fresh.gcode', 'analysis', analysis);
    events.emit('MetadataAnalysisFinished', { name: 'fresh.gcode', path: 'fresh.gcode', origin: 'local', result: analysis });
    await runUntil(() => jobs.jobData().job.estimatedPrintTime !== null);
    assert.equal(jobs.jobData().job.estimatedPrintTime, 12);
    assert.deepEqual(jobs.jobData().job.filament, { tool0: { length: 5, volume: 0.01 } });
  });

  it('prints with progress from the file position and time left from the estimate, then records the result', async () => {
    await connect();
    await jobs.select('local', 'part.gcode', { print: false, user: null });
    const second = jobs.start('bob');
    await assert.rejects(jobs.start('eve'), (error: Error & { code?: string }) => error.code === 'conflict', 'one start at a time');
    await second;
    assert.deepEqual(jobs.busyFiles(), [{ origin: 'local', path: 'part.gcode' }]);
    assert.equal(jobs.isPrinting('local', 'part.gcode'), true);
    assert.throws(() => jobs.unselect(), (error: Error & { code?: string }) => error.code === 'conflict');
    await runUntil(() => (jobs.jobData().progress.completion ?? 0) > 30, 3);
    const mid = jobs.jobData().progress;
    assert.ok(mid.filepos !== null && mid.filepos > 0);
    assert.ok(mid.printTimeLeft !== null && mid.printTimeLeft > 0 && mid.printTimeLeft <= 420);
    assert.match(mid.printTimeLeftOrigin ?? '', /analysis/);
    assert.equal(jobs.current().state.text, 'Printing');
    await runUntil(() => printer.driver.state === 'OPERATIONAL');
    const done = jobs.jobData().progress;
    assert.equal(done.completion, 100);
    assert.equal(done.printTimeLeft, 0);
    const order = fired.map((event) => event.name).filter((name) => name.startsWith('Print') && name !== 'PrinterStateChanged');
    assert.deepEqual(order, ['PrintStarted', 'PrintDone']);
    assert.equal(fired.find((event) => event.name === 'PrintStarted')?.payload.user, 'bob');
    for (let i = 0; i < 50 && !Array.isArray((await files.getMetadata('part.gcode'))?.history); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const history = (await files.getMetadata('part.gcode'))?.history as Array<{ success: boolean; printerProfile: string }>;
    assert.equal(history[0]?.success, true);
    assert.equal(history[0]?.printerProfile, '_default');
    assert.deepEqual(jobs.busyFiles(), []);
  });

  it('fails the print when the printer goes away', async () => {
    await connect();
    await jobs.select('local', 'part.gcode', { print: true, user: null });
    await runUntil(() => printer.driver.state === 'PRINTING');
    firmware.unplug();
    await runUntil(() => fired.some((event) => event.name === 'PrintFailed'));
    assert.equal(fired.find((event) => event.name === 'PrintFailed')?.payload.reason, 'error');
    assert.deepEqual(jobs.busyFiles(), []);
  });

  it('refuses to select from an SD card it does not know', async () => {
    await connect();
    await assert.rejects(jobs.select('sdcard', 'nothing.gco', { print: false, user: null }), (error: Error & { code?: string }) => error.code === 'not-found');
  });
});
