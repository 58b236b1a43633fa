// Each //action: command's meaning in the driver, against a scripted firmware: print control, SD card, requests, unknown ones.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONFIG, connected, fileLines, settle } from '../../../test/support/driver-harness.js';
import type { HostRequest, PrintSource } from './index.js';

/** A print source that hands out its first lines, then waits until the test opens it (the print stays in PRINTING). */
class GatedSource implements PrintSource {
  private index = 0;
  private available: number;
  private opened: (() => void) | null = null;
  closed = false;
  constructor(
    private readonly lines: string[],
    first: number,
  ) {
    this.available = first;
  }
  nextLine(): string | null {
    if (this.index >= this.available) return null;
    return this.lines[this.index++] ?? null;
  }
  get exhausted(): boolean {
    return this.index >= this.lines.length;
  }
  fill(): Promise<void> {
    if (this.available >= this.lines.length) return Promise.resolve();
    return new Promise((resolve) => {
      this.opened = () => {
        this.available = this.lines.length;
        resolve();
      };
    });
  }
  open(): void {
    this.opened?.();
  }
  close(): void {
    this.closed = true;
  }
}

async function printing(config = CONFIG) {
  const context = await connected({}, config);
  const source = new GatedSource(fileLines(50), 5);
  const ends: string[] = [];
  context.driver.print.onDidEnd((end) => ends.push(end.kind));
  context.driver.startPrint(source);
  await settle(() => context.driver.state === 'PRINTING' && context.firmware.accepted.includes('G1 X4 Y28 E4'));
  return { ...context, source, ends };
}

describe('action commands', () => {
  it('pause and resume run the pause and resume scripts, as the API does', async () => {
    const { driver, firmware, source, ends } = await printing();
    firmware.send('//action:pause');
    await settle(() => driver.state === 'PAUSED');
    assert.ok(firmware.accepted.includes('M117 paused'));
    firmware.send('//action:resume');
    await settle(() => driver.state === 'PRINTING');
    assert.ok(firmware.accepted.includes('M117 resumed'));
    source.open();
    await settle(() => ends.length > 0);
    assert.deepEqual(ends, ['done']);
  });

  it('paused and resumed change the state without sending anything', async () => {
    const { driver, firmware, source, ends, states } = await printing();
    const before = firmware.written.length;
    firmware.send('//action:paused');
    assert.equal(driver.state, 'PAUSED');
    assert.deepEqual(states.slice(-2), ['PAUSING', 'PAUSED']);
    firmware.send('//action:resumed');
    await settle(() => driver.state === 'PRINTING');
    assert.deepEqual(firmware.written.slice(before), [], 'nothing was sent for paused and resumed');
    assert.ok(!firmware.accepted.includes('M117 paused') && !firmware.accepted.includes('M117 resumed'));
    source.open();
    await settle(() => ends.length > 0);
    assert.deepEqual(ends, ['done']);
    assert.ok(firmware.accepted.includes('G1 X49 Y143 E49'));
  });

  it('cancel cancels the print', async () => {
    const { driver, firmware, ends } = await printing();
    firmware.send('//action:cancel');
    await settle(() => ends.length > 0);
    assert.deepEqual(ends, ['cancelled']);
    assert.equal(driver.state, 'OPERATIONAL');
    assert.ok(firmware.accepted.includes('M84'), 'the cancel script ran');
  });

  it('outside a print, pause, paused, resume, resumed and cancel change nothing', async () => {
    const { driver, firmware, states } = await connected();
    const seen = states.length;
    for (const action of ['pause', 'paused', 'resume', 'resumed', 'cancel']) firmware.send(`//action:${action}`);
    await settle(() => true);
    assert.equal(driver.state, 'OPERATIONAL');
    assert.equal(states.length, seen);
  });

  it('disconnect closes the connection', async () => {
    const { driver, firmware } = await connected();
    firmware.send('//action:disconnect');
    await settle(() => driver.state === 'OFFLINE');
    assert.equal(firmware.isOpen, false);
  });

  it('start and shutdown are asked of the web side', async () => {
    const { driver, firmware } = await connected();
    const requests: HostRequest[] = [];
    driver.onDidRequest((request) => requests.push(request));
    firmware.send('//action:start');
    firmware.send('// action:shutdown');
    assert.deepEqual(requests, ['start', 'shutdown']);
    assert.equal(driver.state, 'OPERATIONAL');
  });

  it('sd_inserted, sd_updated and sd_ejected update the card when SD support is on', async () => {
    const config = CONFIG.replace('sdSupport: false', 'sdSupport: true');
    const { driver, firmware } = await connected({}, config);
    const lists = () => firmware.accepted.filter((command) => command === 'M20' || command === 'M20 L').length;
    firmware.send('//action:sd_ejected');
    assert.equal(driver.sd.ready, false);
    const before = lists();
    firmware.send('//action:sd_inserted');
    assert.equal(driver.sd.ready, true);
    await settle(() => lists() === before + 1);
    firmware.send('//action:sd_updated');
    await settle(() => lists() === before + 2);
    firmware.send('//action:sd_ejected');
    assert.equal(driver.sd.ready, false);
    assert.deepEqual(driver.sd.files, []);
  });

  it('sd actions are ignored without SD support', async () => {
    const { driver, firmware } = await connected();
    firmware.send('//action:sd_inserted');
    firmware.send('//action:sd_updated');
    await settle(() => true);
    assert.equal(driver.sd.ready, false);
    assert.ok(!firmware.accepted.some((command) => command.startsWith('M20')));
  });

  it('an unknown action is logged and ignored', async () => {
    const { driver, firmware } = await connected();
    const sent = firmware.written.length;
    firmware.send('//action:make_coffee strong');
    assert.equal(driver.state, 'OPERATIONAL');
    assert.equal(firmware.written.length, sent);
    assert.ok(driver.log.lines().some((line) => line.includes('Unknown action command from the printer ignored: make_coffee')));
  });
});
