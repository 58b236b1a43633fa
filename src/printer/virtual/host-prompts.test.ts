// The virtual printer's switches for action commands: M118 A1 emits any of them, and a Prusa-style filament-runout prompt.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { frameLine } from '../protocol/index.js';
import { PrinterConversation } from '../../../test/support/printer-conversation.js';
import { VirtualPrinter } from './virtual-printer.js';
import type { VirtualPrinterOptions } from './virtual-options.js';

/** Every action command OctoPrint acts on. */
const ACTIONS = ['pause', 'paused', 'resume', 'resumed', 'cancel', 'start', 'disconnect', 'shutdown', 'sd_inserted', 'sd_ejected', 'sd_updated',
  'notification Filament low', 'prompt_begin Hi', 'prompt_choice OK', 'prompt_button Other', 'prompt_show', 'prompt_end'];

async function openPrinter(options: Partial<VirtualPrinterOptions> = {}) {
  const printer = new VirtualPrinter({ instant: true, ...options });
  const talk = new PrinterConversation(printer);
  await printer.open();
  await talk.until((lines) => lines.includes('start'), 15_000);
  return { printer, talk };
}

const RUNOUT = [
  '//action:paused',
  '//action:prompt_end',
  '//action:prompt_begin Filament runout: load new filament',
  '//action:prompt_choice Continue',
  '//action:prompt_choice Purge more',
  '//action:prompt_show',
];

describe('virtual printer action commands', () => {
  it('M118 A1 action:<name> emits every action command as //action:<name>', async () => {
    const { printer, talk } = await openPrinter();
    for (const action of ACTIONS) assert.deepEqual(await talk.send(`M118 A1 action:${action}`), [`//action:${action}`, 'ok']);
    await printer.close();
  });

  it('reports Cap:PROMPT_SUPPORT only with hostPrompts', async () => {
    const plain = await openPrinter();
    assert.ok((await plain.talk.send('M115')).includes('Cap:PROMPT_SUPPORT:0'));
    await plain.printer.close();
    const prompts = await openPrinter({ hostPrompts: true });
    assert.ok((await prompts.talk.send('M115')).includes('Cap:PROMPT_SUPPORT:1'));
    await prompts.printer.close();
  });

  it('M600 with hostPrompts asks the host and waits; M876 S<n> through the emergency parser answers it', async () => {
    const { printer, talk } = await openPrinter({ hostPrompts: true, busyInterval: 50 });
    const from = talk.lines.length;
    printer.write(frameLine('M600', 1));
    await talk.until((lines) => lines.includes('//action:prompt_show'), 15_000);
    assert.deepEqual(talk.since(from).filter((line) => line.startsWith('//')), RUNOUT);
    await talk.until((lines) => lines.slice(from).includes('echo:busy: paused for user'), 15_000);
    assert.ok(!talk.since(from).includes('ok'), 'M600 waits for the answer');
    printer.write(frameLine('M876 S1', 2));
    await talk.until((lines) => lines.slice(from).filter((line) => line === 'ok').length === 2, 15_000);
    const after = talk.since(from);
    assert.ok(after.indexOf('echo:Host prompt answered: Purge more') < after.indexOf('//action:resumed'));
    assert.deepEqual(printer.received.map((line) => line.command), ['M600', 'M876 S1']);
    await printer.close();
  });

  it('filamentRunoutAfterLines pauses before that line with the prompt, and runs it once answered', async () => {
    const { printer, talk } = await openPrinter({ filamentRunoutAfterLines: 3, busyInterval: 50 });
    for (let n = 1; n <= 2; n++) await talk.send(frameLine(`G1 X${n}`, n));
    const from = talk.lines.length;
    printer.write(frameLine('G1 X3', 3));
    await talk.until((lines) => lines.includes('//action:prompt_show'), 15_000);
    assert.deepEqual(talk.since(from).filter((line) => line.startsWith('//')), RUNOUT);
    printer.write(frameLine('M876 S0', 4));
    await talk.until((lines) => lines.slice(from).filter((line) => line === 'ok').length === 2, 15_000);
    assert.ok(talk.since(from).includes('//action:resumed'));
    assert.deepEqual(printer.received.map((line) => line.command), ['G1 X1', 'G1 X2', 'G1 X3', 'M876 S0']);
    await printer.close();
  });
});
