// Tests of the simulated firmware's commands: heaters, motion and planner, SD card, reports and tool changes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemperatures } from '../protocol/index.js';
import { PrinterConversation } from '../../../test/support/printer-conversation.js';
import { VirtualPrinter } from './virtual-printer.js';
import type { VirtualPrinterOptions } from './virtual-options.js';

async function openPrinter(options: Partial<VirtualPrinterOptions> = {}) {
  const printer = new VirtualPrinter({ instant: true, ...options });
  const talk = new PrinterConversation(printer);
  await printer.open();
  await talk.until((lines) => lines.includes('start'));
  return { printer, talk };
}

function hotend(line: string | undefined): number {
  return parseTemperatures(line ?? '')?.heaters.tool0?.actual ?? NaN;
}

describe('heaters', () => {
  it('M109 blocks, reporting temperatures, until the hotend reaches its target', async () => {
    // About 40 s of simulated heating, 0.8 s real: a report every 20 ms real.
    const { printer, talk } = await openPrinter({ instant: false, timeScale: 50 });
    const answer = await talk.send('M109 S200', 8000);
    const reports = answer.filter((l) => l.endsWith('W:?'));
    assert.ok(reports.length >= 3, `only ${reports.length} reports`);
    const temperatures = reports.map(hotend);
    for (let i = 1; i < temperatures.length; i++) assert.ok((temperatures[i] ?? 0) >= (temperatures[i - 1] ?? 0), 'rising');
    assert.ok((temperatures[0] ?? 0) < 199, 'the first report comes before the target is reached');
    assert.equal(answer.at(-1), 'ok');
    const now = hotend((await talk.send('M105'))[0]);
    assert.ok(Math.abs(now - 200) <= 1, `hotend at ${now}`);
    await printer.close();
  });

  it('M190 waits for the bed, M104 and M140 do not wait', async () => {
    const { printer, talk } = await openPrinter({ instant: false, timeScale: 200 });
    assert.deepEqual(await talk.send('M104 S180'), ['ok']);
    assert.deepEqual(await talk.send('M140 S50'), ['ok']);
    const waiting = await talk.send('M190 S60', 5000);
    assert.ok(waiting.some((line) => line.endsWith('W:?') && line.includes(' B:')), waiting.join('\n'));
    const bed = parseTemperatures((await talk.send('M105'))[0] ?? '')?.heaters.bed;
    assert.ok(bed && Math.abs(bed.actual - 60) <= 1 && bed.target === 60, JSON.stringify(bed));
    await printer.close();
  });

  it('M109 S does not wait to cool down, M109 R does', async () => {
    const { printer, talk } = await openPrinter({ instant: false, timeScale: 200 });
    await talk.send('M109 S100', 5000);
    assert.deepEqual(await talk.send('M109 S50'), ['ok']);
    const cooling = await talk.send('M109 R90', 5000);
    assert.ok(cooling.length > 1, 'R waited with reports');
    await printer.close();
  });

  it('M108 ends a heating wait', async () => {
    const { printer, talk } = await openPrinter({ instant: false, timeScale: 1 });
    printer.write('M109 S250');
    await talk.until((lines) => lines.some((l) => l.endsWith('W:?')), 3000);
    const answer = await talk.send('M108', 3000);
    assert.equal(answer.filter((l) => l === 'ok').length, 1, 'the M109 ok came first');
    await talk.until((lines) => lines.filter((l) => l === 'ok').length >= 2, 3000);
    assert.ok(hotend((await talk.send('M105'))[0]) < 100);
    await printer.close();
  });

  it('instant mode settles heaters at once; M105 reports every tool and the bed', async () => {
    const { printer, talk } = await openPrinter({ extruders: 2, heatedChamber: true });
    await talk.send('M109 T1 S215');
    await talk.send('M190 S70');
    await talk.send('M191 S40');
    const report = parseTemperatures((await talk.send('M105'))[0] ?? '');
    assert.deepEqual(report?.heaters, {
      tool0: { actual: 21.3, target: 0 },
      tool1: { actual: 215, target: 215 },
      bed: { actual: 70, target: 70 },
      chamber: { actual: 40, target: 40 },
    });
    await printer.close();
  });

  it('M155 S<n> auto-reports temperatures until M155 S0', async () => {
    const { printer, talk } = await openPrinter({ instant: true, timeScale: 50 });
    await talk.send('M155 S1');
    await talk.until((lines) => lines.filter((l) => l.startsWith(' T:')).length >= 3, 3000);
    await talk.send('M155 S0');
    const count = talk.lines.filter((l) => l.startsWith(' T:')).length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(talk.lines.filter((l) => l.startsWith(' T:')).length <= count + 1);
    await printer.close();
  });
});

describe('motion', () => {
  it('tracks the position through G28, G90/G91, G92 and M82/M83', async () => {
    const { printer, talk } = await openPrinter();
    const script = ['G28', 'G1 X10 Y20 Z0.3 E1 F3000', 'G91', 'G1 X5 E0.5', 'G90', 'M83', 'G1 Y25 E2', 'G92 E0', 'G28 X'];
    for (const command of script) await talk.send(command);
    assert.deepEqual(await talk.send('M114'), ['X:0.00 Y:25.00 Z:0.30 E:0.00 Count X:0 Y:2000 Z:120', 'ok']);
    await printer.close();
  });

  it('holds the ok of a move while the planner is full, saying busy', async () => {
    const { printer, talk } = await openPrinter({ instant: false, timeScale: 10, plannerBufferSize: 2, busyInterval: 500 });
    const started = performance.now();
    for (const command of ['G1 X100 F6000', 'G1 X0', 'G1 X100']) printer.write(command);
    await talk.until((lines) => lines.filter((l) => l === 'ok').length >= 3, 3000);
    // Each move takes 1 s simulated (0.1 s real); the third waits for the first to end.
    assert.ok(performance.now() - started >= 90, `${performance.now() - started} ms`);
    assert.ok(talk.lines.includes('echo:busy: processing'));
    const m400 = performance.now();
    await talk.send('M400');
    assert.ok(performance.now() - m400 >= 80, 'M400 waited for the planned moves');
    await printer.close();
  });

  it('G4 dwells for its time', async () => {
    const { printer, talk } = await openPrinter({ instant: false, timeScale: 10 });
    const started = performance.now();
    await talk.send('G4 P1000');
    assert.ok(performance.now() - started >= 90);
    await printer.close();
  });
});

describe('SD card', () => {
  it('lists the seeded files, with long names on M20 L', async () => {
    const { printer, talk } = await openPrinter();
    assert.deepEqual(await talk.send('M20'), ['Begin file list', 'CUBE.GCO 563', 'HELLO.GCO 35', 'End file list', 'ok']);
    assert.deepEqual((await talk.send('M20 L'))[1], 'CUBE.GCO 563 calibration-cube.gcode');
    await printer.close();
  });

  it('selects, prints and reports a file, then says Done printing file', async () => {
    const { printer, talk } = await openPrinter();
    assert.deepEqual(await talk.send('M23 hello.gco'), ['echo:Now fresh file: hello.gco', 'File opened: hello.gco Size: 35', 'File selected', 'ok']);
    assert.deepEqual(await talk.send('M27'), ['SD printing byte 0/35', 'ok']);
    await talk.send('M24');
    await talk.until((lines) => lines.includes('Done printing file'));
    assert.deepEqual(await talk.send('M27'), ['Not SD printing', 'ok']);
    assert.ok(printer.received.some((entry) => entry.command === 'M24'));
    assert.equal(printer.firmware.motion.report().startsWith('X:0.00'), true);
    assert.deepEqual(await talk.send('M23 missing.gco'), ['echo:open failed, File: missing.gco.', 'ok']);
    await printer.close();
  });

  it('pauses with M25, seeks with M26, and auto-reports with M27 S', async () => {
    const { printer, talk } = await openPrinter({ timeScale: 100 });
    await talk.send('M23 cube.gco');
    await talk.send('M26 S100');
    assert.deepEqual(await talk.send('M27'), ['SD printing byte 100/563', 'ok']);
    await talk.send('M27 S1');
    await talk.until((lines) => lines.filter((l) => l === 'SD printing byte 100/563').length >= 2);
    await talk.send('M27 S0');
    await printer.close();
  });

  it('writes a file with M28/M29 and deletes it with M30', async () => {
    const { printer, talk } = await openPrinter();
    assert.deepEqual(await talk.send('M28 new.gco'), ['Writing to file: new.gco', 'ok']);
    assert.deepEqual(await talk.send('G28'), ['ok']);
    assert.deepEqual(await talk.send('G1 X1'), ['ok']);
    assert.deepEqual(await talk.send('M29'), ['Done saving file.', 'ok']);
    assert.ok((await talk.send('M20')).includes('NEW.GCO 10'));
    assert.equal(printer.firmware.card?.find('new.gco')?.content, 'G28\nG1 X1\n');
    assert.deepEqual(await talk.send('M30 new.gco'), ['File deleted:new.gco', 'ok']);
    assert.deepEqual(await talk.send('M30 new.gco'), ['Deletion failed, File: new.gco.', 'ok']);
    await printer.close();
  });

  it('releases and re-mounts the card', async () => {
    const { printer, talk } = await openPrinter();
    assert.deepEqual(await talk.send('M22'), ['echo:SD card released', 'ok']);
    assert.deepEqual(await talk.send('M20'), ['echo:No media', 'ok']);
    assert.deepEqual(await talk.send('M21'), ['echo:SD card ok', 'ok']);
    await printer.close();
  });

  it('has no SD commands when the card is disabled', async () => {
    const { printer, talk } = await openPrinter({ sdCard: false });
    assert.deepEqual(await talk.send('M20'), ['echo:Unknown command: "M20"', 'ok']);
    assert.ok((await talk.send('M115')).includes('Cap:SDCARD:0'));
    await printer.close();
  });
});

describe('other commands', () => {
  const cases: [string, string[]][] = [
    ['T0', ['echo:Active Extruder: 0', 'ok']],
    ['T3', ['echo:T3 Invalid extruder', 'ok']],
    ['M118 Hello', ['Hello', 'ok']],
    ['M118 E1 Hello', ['echo:Hello', 'ok']],
    ['M118 A1 action:pause', ['//action:pause', 'ok']],
    ['M117 Printing', ['ok']],
    ['M201 X500', ['ok']],
    ['HELLO', ['echo:Unknown command: "HELLO"', 'ok']],
  ];
  for (const [command, expected] of cases) {
    it(command, async () => {
      const { printer, talk } = await openPrinter();
      assert.deepEqual(await talk.send(command), expected);
      await printer.close();
    });
  }
});
