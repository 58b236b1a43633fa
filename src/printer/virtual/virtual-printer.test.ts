// Tests of the virtual printer as a Transport: greeting, line checks and resends, faults, the record, kill, and cleanup.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { frameLine } from '../protocol/index.js';
import { PrinterConversation, delay } from '../../../test/support/printer-conversation.js';
import { VirtualPrinter } from './virtual-printer.js';
import type { VirtualPrinterOptions } from './virtual-options.js';

async function openPrinter(options: Partial<VirtualPrinterOptions> = {}) {
  const printer = new VirtualPrinter({ instant: true, ...options });
  const talk = new PrinterConversation(printer);
  await printer.open();
  await talk.until((lines) => lines.includes('start'));
  return { printer, talk };
}

/**
 * A minimal host: one line in flight, answers resend requests from its history, and on silence re-sends its
 * last line (the firmware then asks for the next one). Returns the transcript of what the printer said.
 * The silence timer starts after the first ok: a repeated M110 would be taken again (Marlin exempts it from the
 * line-number check), so the handshake line is never repeated.
 */
async function stream(printer: VirtualPrinter, commands: string[], silenceMs = 30): Promise<string[]> {
  const transcript: string[] = [];
  let cursor = 0;
  let lastSent = -1;
  let timer: NodeJS.Timeout | undefined;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const all = ['M110 N0', ...commands];
  const sendLine = (n: number) => {
    lastSent = n;
    printer.write(frameLine(all[n] ?? '', n));
  };
  let handshakeDone = false;
  const arm = () => {
    if (timer) clearTimeout(timer);
    if (handshakeDone) timer = setTimeout(() => sendLine(lastSent), silenceMs);
  };
  printer.onLine((line) => {
    transcript.push(line);
    arm();
    const resend = /^Resend: (\d+)$/.exec(line);
    if (resend) cursor = Number(resend[1]);
    else if (line.startsWith('ok')) {
      handshakeDone = true;
      if (cursor >= all.length) {
        clearTimeout(timer);
        finish();
        return;
      }
      sendLine(cursor++);
    }
  });
  sendLine(cursor++);
  const guard = setTimeout(() => finish(), 20000);
  await done;
  clearTimeout(guard);
  clearTimeout(timer);
  return transcript;
}

function numberedCommands(printer: VirtualPrinter): { lineNumber: number | null; command: string }[] {
  return printer.received.filter((entry) => entry.lineNumber !== null);
}

describe('VirtualPrinter basics', () => {
  it('greets with start, answers ok to each line, and reports M115 capabilities', async () => {
    const { printer, talk } = await openPrinter();
    assert.equal(talk.lines[0], 'start');
    assert.deepEqual(await talk.send('G28'), ['ok']);
    const m115 = await talk.send('M115');
    assert.match(m115[0] ?? '', /^FIRMWARE_NAME:Marlin Argonaut Virtual .*PROTOCOL_VERSION:1\.0/);
    assert.ok(m115.includes('Cap:AUTOREPORT_TEMP:1'));
    assert.ok(m115.includes('Cap:EMERGENCY_PARSER:1'));
    assert.equal(m115.at(-1), 'ok');
    assert.equal(printer.port, 'VIRTUAL');
    await printer.close();
  });

  it('refuses a second open and ignores writes after close', async () => {
    const { printer, talk } = await openPrinter();
    await assert.rejects(printer.open(), /already opened/);
    await printer.close();
    const before = talk.lines.length;
    printer.write('M105');
    await delay(5);
    assert.equal(talk.lines.length, before);
  });

  it('rejects invalid options with the option name', () => {
    assert.throws(() => new VirtualPrinter({ dropOkRate: 2 }), /dropOkRate/);
    assert.throws(() => new VirtualPrinter({ extruders: 0 }), /extruders/);
  });
});

describe('VirtualPrinter line checks', () => {
  it('answers a checksum mismatch like Marlin and does not take the line', async () => {
    const { printer, talk } = await openPrinter();
    await talk.send(frameLine('M110 N0', 0));
    await talk.send(frameLine('G28', 1));
    const bad = frameLine('G1 X5', 2).replace(/\*\d+$/, '*0');
    assert.deepEqual(await talk.send(bad), ['Error:checksum mismatch, Last Line: 1', 'Resend: 2', 'ok']);
    assert.deepEqual(await talk.send(frameLine('G1 X5', 2)), ['ok']);
    assert.deepEqual(numberedCommands(printer), [
      { lineNumber: 0, command: 'M110 N0' },
      { lineNumber: 1, command: 'G28' },
      { lineNumber: 2, command: 'G1 X5' },
    ]);
    await printer.close();
  });

  const errors: [string, string, string[]][] = [
    ['a skipped line number', frameLine('G28', 3), ['Error:Line Number is not Last Line Number+1, Last Line: 1', 'Resend: 2', 'ok']],
    ['a repeated line number', frameLine('G28', 1), ['Error:Line Number is not Last Line Number+1, Last Line: 1', 'Resend: 2', 'ok']],
    ['a line number without checksum', 'N2 G28', ['Error:No Checksum with line number, Last Line: 1', 'Resend: 2', 'ok']],
    ['a checksum without line number', 'G28*5', ['Error:No Line Number with checksum, Last Line: 1', 'Resend: 2', 'ok']],
  ];
  for (const [name, line, expected] of errors) {
    it(`answers ${name}`, async () => {
      const { printer, talk } = await openPrinter();
      await talk.send(frameLine('M110 N0', 0));
      await talk.send(frameLine('M105', 1));
      assert.deepEqual(await talk.send(line), expected);
      assert.equal(numberedCommands(printer).length, 2);
      await printer.close();
    });
  }

  it('M110 N<n> sets the last line, with or without a line number of its own', async () => {
    const { printer, talk } = await openPrinter();
    assert.deepEqual(await talk.send(frameLine('M110 N41', 41)), ['ok']);
    assert.deepEqual(await talk.send(frameLine('G28', 42)), ['ok']);
    assert.deepEqual(await talk.send('M110 N99'), ['ok']);
    assert.deepEqual(await talk.send(frameLine('G28', 100)), ['ok']);
    await printer.close();
  });
});

describe('VirtualPrinter fault injection and record', () => {
  const commands = Array.from({ length: 600 }, (_, i) => `G1 X${i % 100} Y${(i * 3) % 100} E${(i * 0.05).toFixed(2)}`);
  const faults = { checksumErrorRate: 0.05, dropOkRate: 0.02, busyRate: 0.05 };

  it('with resends, lost oks and busy, every line arrives exactly once and in order', async () => {
    const printer = new VirtualPrinter({ instant: true, seed: 7, ...faults });
    await printer.open();
    const transcript = await stream(printer, commands);
    assert.ok(transcript.some((l) => l.startsWith('Error:checksum mismatch')), 'checksum errors were injected');
    assert.ok(transcript.some((l) => l === 'echo:busy: processing'), 'busy was injected');
    assert.ok(transcript.some((l) => l.startsWith('Error:Line Number is not Last Line Number+1')), 'lost oks forced recoveries');
    assert.deepEqual(
      numberedCommands(printer).map((entry) => entry.command),
      ['M110 N0', ...commands],
    );
    assert.deepEqual(
      numberedCommands(printer).map((entry) => entry.lineNumber),
      Array.from({ length: commands.length + 1 }, (_, i) => i),
    );
    await printer.close();
  });

  it('repeats the same faults for the same seed, and different ones for another seed', async () => {
    const run = async (seed: number) => {
      const printer = new VirtualPrinter({ instant: true, seed, ...faults });
      await printer.open();
      await stream(printer, commands.slice(0, 200));
      await printer.close();
      return printer.injectedFaults;
    };
    const first = await run(11);
    assert.ok(first.length > 10, `only ${first.length} faults`);
    assert.deepEqual(new Set(first.map((f) => f.fault)), new Set(['checksum', 'drop-ok', 'busy']));
    assert.deepEqual(await run(11), first);
    assert.notDeepEqual(await run(12), first);
  });

  it('disconnects after the configured number of lines, reporting an error', async () => {
    const { printer, talk } = await openPrinter({ disconnectAfterLines: 3 });
    const closes: (Error | undefined)[] = [];
    const closed = new Promise<void>((resolve) => printer.onClose((error) => resolve(void closes.push(error))));
    await talk.send('M105');
    await talk.send('M105');
    printer.write('M105');
    await Promise.race([closed, delay(2000)]);
    assert.equal(closes.length, 1);
    assert.match(closes[0]?.message ?? '', /disconnected after 3 lines/);
    assert.deepEqual(printer.injectedFaults, []);
    assert.equal(printer.pendingTimers, 0);
  });

  it('injects errors before the ok', async () => {
    const { printer, talk } = await openPrinter({ errorRate: 1, errorMessage: 'Something odd' });
    assert.deepEqual(await talk.send('G28'), ['Error:Something odd', 'ok']);
    await printer.close();
  });

  it('keeps only the last recordLimit lines when bounded', async () => {
    const { printer, talk } = await openPrinter({ recordLimit: 3 });
    for (const command of ['G1 X1', 'G1 X2', 'G1 X3', 'G1 X4', 'G1 X5']) await talk.send(command);
    assert.deepEqual(printer.received.map((e) => e.command), ['G1 X3', 'G1 X4', 'G1 X5']);
    assert.equal(printer.receivedCount, 5);
    await printer.close();
  });

  it('answers ADVANCED_OK with line number, planner and buffer room', async () => {
    const { printer, talk } = await openPrinter({ advancedOk: true });
    await talk.send(frameLine('M110 N0', 0));
    assert.deepEqual(await talk.send(frameLine('G1 X1', 1)), ['ok N1 P16 B3']);
    assert.match((await talk.send('M105'))[0] ?? '', /^ok T:/);
    await printer.close();
  });
});

describe('VirtualPrinter kill and cleanup', () => {
  it('M112 halts at once and the printer stays silent', async () => {
    const { printer, talk } = await openPrinter();
    await talk.send('M109 S200');
    const start = talk.lines.length;
    printer.write('M112');
    await talk.until((lines) => lines.includes('Error:Printer halted. kill() called!'));
    printer.write('M105');
    await delay(10);
    assert.deepEqual(talk.since(start), ['Error:Printer halted. kill() called!']);
    assert.equal(printer.isHalted, true);
    assert.equal(printer.firmware.heaters.tool(0)?.target, 0);
    await printer.close();
  });

  it('clears every timer on close, even while waiting and auto-reporting', async () => {
    const printer = new VirtualPrinter({ timeScale: 1 });
    const talk = new PrinterConversation(printer);
    await printer.open();
    await talk.send('M155 S1');
    await talk.send('M27 S1');
    printer.write('M109 S250');
    await talk.until((lines) => lines.some((l) => l.endsWith('W:?')), 3000);
    assert.ok(printer.pendingTimers > 0);
    await printer.close();
    assert.equal(printer.pendingTimers, 0);
  });

  it('emulates the baud rate: a line takes its transmission time', async () => {
    const { printer, talk } = await openPrinter({ emulateBaudrate: true, baudrate: 9600 });
    const started = performance.now();
    const answer = await talk.send('M105');
    const bytes = 'M105\n'.length + (answer[0]?.length ?? 0) + 1;
    assert.ok(performance.now() - started >= (bytes * 10 * 1000) / 9600 - 2, `took ${performance.now() - started} ms`);
    await printer.close();
  });
});
