// End to end: with plugins.display_progress on, the virtual printer receives M73 and M117 at the configured interval
// of an injected clock, never in between, and nothing once the print is over.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualScheduler } from '../support/manual-scheduler.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

const KEY = { 'x-api-key': 'e2e' };
const CONFIG = `
accessControl:
  enabled: false
plugins:
  virtual_printer:
    instant: false
  display_progress:
    enabled: true
    m73: true
    m117: true
    message: 'Printing {progress}%'
    interval: 30
`;
/** A print that keeps the printer busy for a while (each dwell is real time on the virtual printer). */
const SLOW = `G90\n${'G4 P40\n'.repeat(3000)}`;

describe('progress on the printer display', () => {
  let t: TestApp;
  let base: string;
  const clock = new ManualScheduler();

  before(async () => {
    t = await createTestApp({ config: CONFIG, displayClock: clock });
    const { port } = await t.app.start();
    base = `http://127.0.0.1:${port}`;
  });
  after(() => t.close());

  const displayLines = async (): Promise<string[]> => ((await t.app.printer.virtualRecord()).received ?? []).filter((line) => /^M(73|117)\b/.test(line));

  it('sends M73 and M117 every interval of the injected clock while printing', { timeout: 120_000 }, async () => {
    const connect = await fetch(`${base}/api/connection`, {
      method: 'POST',
      headers: { ...KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ command: 'connect', port: 'VIRTUAL', baudrate: 250000 }),
    });
    assert.equal(connect.status, 204);
    await until(() => t.app.printer.driver.isOperational, 'the printer to be operational', 30_000);
    const form = new FormData();
    form.append('file', new Blob([SLOW]), 'slow.gcode');
    form.append('print', 'true');
    const upload = await fetch(`${base}/api/files/local`, { method: 'POST', headers: KEY, body: form });
    assert.equal(upload.status, 201);
    await until(() => t.app.printer.driver.isPrinting, 'the print to start', 30_000);

    clock.advance(29_000);
    clock.advance(1_000);
    await until(async () => (await displayLines()).length >= 2, 'the first update', 30_000);
    clock.advance(29_999);
    clock.advance(1);
    await until(async () => (await displayLines()).length >= 4, 'the second update', 30_000);
    const lines = await displayLines();
    assert.equal(lines.length, 4, `one update per interval, none in between: ${lines.join(' | ')}`);
    assert.match(lines[0] ?? '', /^M73 P\d+( R\d+)?$/);
    assert.match(lines[1] ?? '', /^M117 Printing \d+%$/);
    assert.match(lines[2] ?? '', /^M73 P\d+/);

    const cancelled = t.app.events.once('PrintCancelled', 60_000);
    await t.app.printer.jobs.cancel();
    await cancelled;
    clock.advance(120_000);
    await until(() => t.app.printer.driver.isOperational, 'the printer to be operational again', 30_000);
    // A command sent now reaches the printer after any update that was still on its way.
    await t.app.printer.driver.call('commands', ['M115']);
    await until(async () => ((await t.app.printer.virtualRecord()).received ?? []).includes('M115'), 'M115', 30_000);
    assert.equal((await displayLines()).length, 4, 'nothing after the print');
  });
});
