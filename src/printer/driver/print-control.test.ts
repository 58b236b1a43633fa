// State-machine tests of printing against a scripted firmware: streaming, resends, timeouts, pause/resume/cancel, offsets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArrayPrintSource, connected, expectedCommands, fileLines, onlyMoves, settle } from '../../../test/support/driver-harness.js';

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

  it('recovers a lost ok within the communication timeout while auto-reported temperatures keep arriving', async () => {
    const { driver, firmware, scheduler } = await connected({ autoreport: true });
    assert.ok(firmware.accepted.includes('M155 S2'));
    for (let i = 0; i < 4; i++) firmware.faults.push(...Array<null>(9).fill(null), 'drop-ok');
    const ends: string[] = [];
    driver.print.onDidEnd((end) => ends.push(end.kind));
    driver.startPrint(new ArrayPrintSource(fileLines(60)));
    // A report every 250 ms: the line is never quiet for the 2 s communication timeout, only the ok is missing.
    let elapsed = 0;
    for (let step = 0; step < 200 && ends.length === 0; step++) {
      await new Promise((resolve) => setImmediate(resolve));
      firmware.send('T:200.00 /200.00 B:60.00 /60.00 @:0 B@:0');
      scheduler.advance(250);
      elapsed += 250;
    }
    assert.deepEqual(ends, ['done']);
    // Four lost oks, each recovered once the ok was 2 s overdue (the watchdog looks every 500 ms).
    assert.ok(elapsed <= 4 * 2500 + 2000, `took ${elapsed} ms`);
    assert.deepEqual(onlyMoves(firmware.accepted), expectedCommands(60));
    assert.equal(driver.state, 'OPERATIONAL');
    await driver.disconnect();
  });

  it('waits for a blocking heat-up while the heater is still away from its target, then recovers a lost ok', async () => {
    const { driver, firmware, scheduler } = await connected({ autoreport: true, mode: 'manual' });
    driver.commands(['M109 S200']);
    for (let i = 0; i < 100 && !firmware.written.some((line) => line.includes('M109 S200')); i++) {
      await new Promise((resolve) => setImmediate(resolve));
      firmware.flush();
    }
    assert.deepEqual(firmware.held, ['ok']);
    (firmware.held as string[]).length = 0; // the heat-up's ok is lost
    const written = firmware.written.length;
    for (let i = 0; i < 16; i++) {
      firmware.send(`T:${100 + i * 5}.00 /200.00 B:20.00 /0.00 @:127 B@:0`);
      scheduler.advance(500);
    }
    assert.equal(firmware.written.length, written, 'nothing sent while the hot end heats (8 s, the timeout is 2 s)');
    // Inside the window Marlin still waits its residency (10 s) before the ok: reports count as work for that long
    // plus one communication timeout.
    for (let i = 0; i < 22; i++) {
      firmware.send('T:199.00 /200.00 B:20.00 /0.00 @:60 B@:0');
      scheduler.advance(500);
    }
    assert.equal(firmware.written.length, written, 'nothing sent during the residency near the target (11 s)');
    for (let i = 0; i < 8; i++) {
      firmware.send('T:200.00 /200.00 B:20.00 /0.00 @:60 B@:0');
      scheduler.advance(500);
    }
    assert.ok(firmware.written.length > written, 'after the residency and a timeout the missing ok counts again: the printer is poked');
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
