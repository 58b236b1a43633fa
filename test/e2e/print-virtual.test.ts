// End to end over loopback: connect to VIRTUAL, upload torus.gcode with print=true, print it to completion with
// checksum errors, lost oks and busy injected, then prove from the virtual printer's record that every line of the
// file arrived exactly once and in order.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { prepareCommand } from '../../src/printer/protocol/index.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';
import { loopbackApi } from '../support/loopback-api.js';

const TORUS = fileURLToPath(new URL('../fixtures/gcode/torus.gcode', import.meta.url));
/** With access control off, any API key header spares the CSRF token. */
const KEY = { 'x-api-key': 'e2e' };

const CONFIG = `
accessControl:
  enabled: false
serial:
  timeout:
    communication: 0.5
  maxCommunicationTimeouts:
    printing: 20
plugins:
  virtual_printer:
    instant: true
    checksumErrorRate: 0.01
    dropOkRate: 0.001
    busyRate: 0.01
    seed: 7
`;

describe('printing torus.gcode on the virtual printer with faults injected', () => {
  let t: TestApp;
  let base: string;

  before(async () => {
    t = await createTestApp({ config: CONFIG });
    const { port } = await t.app.start();
    base = `http://127.0.0.1:${port}`;
  });
  after(() => t.close());

  const api = loopbackApi(() => base, KEY);

  it('prints every line exactly once, in order', { timeout: 60_000 }, async () => {
    const connect = await api('POST', '/api/connection', { command: 'connect', port: 'VIRTUAL', baudrate: 250000 });
    assert.equal(connect.status, 204);
    await until(async () => ((await api('GET', '/api/connection')).json.current as { state: string }).state === 'Operational', 'Operational', 10_000);

    // The virtual printer runs in the driver's process: its record is asked for by a call, and a question asked
    // when PrintStarted goes out is answered before the print's first line (calls to the process keep their order).
    const record = () => t.app.printer.virtualRecord();
    assert.ok((await record()).received, 'the virtual printer is connected');
    const done = t.app.events.once('PrintDone', 55_000);
    let atStart: ReturnType<typeof record> | null = null;
    t.app.events.on('PrintStarted', () => {
      atStart = record();
    });

    const content = readFileSync(TORUS);
    const form = new FormData();
    form.append('file', new Blob([content]), 'torus.gcode');
    form.append('print', 'true');
    const upload = await fetch(`${base}/api/files/local`, { method: 'POST', headers: KEY, body: form });
    assert.equal(upload.status, 201, await upload.clone().text());
    const uploaded = (await upload.json()) as { effectivePrint: boolean };
    assert.equal(uploaded.effectivePrint, true);

    const printing = await api('GET', '/api/job');
    assert.equal((printing.json.job as { file: { name: string } }).file.name, 'torus.gcode');

    const result = await done;
    assert.equal(result.name, 'torus.gcode');
    assert.ok(result.time > 0);
    const atEnd = await record();
    assert.ok(atStart, 'PrintStarted was seen');
    const startCount = ((await atStart) as Awaited<ReturnType<typeof record>>).received?.length ?? -1;

    // The file's commands, as the host prepares them (comments stripped), against what the firmware accepted.
    const expected = content
      .toString('latin1')
      .split('\n')
      .map((line) => prepareCommand(line))
      .filter((command): command is string => command !== null);
    assert.ok(!expected.includes('M105'), 'the fixture has no M105 of its own');
    const accepted = (atEnd.received ?? []).slice(startCount);
    const fromFile = accepted.filter((command) => command !== 'M105');
    assert.equal(fromFile.length, expected.length, 'every line arrived exactly once');
    assert.deepEqual(fromFile, expected, 'in order');

    const kinds = new Set(atEnd.faults);
    for (const kind of ['checksum', 'drop-ok', 'busy']) assert.ok(kinds.has(kind as never), `${kind} faults were injected`);
    const state = t.app.printer.driver.snapshot();
    assert.ok(state.resends.count > 0, 'resends happened');

    const job = await api('GET', '/api/job');
    assert.equal(job.json.state, 'Operational');
    assert.equal((job.json.progress as { completion: number }).completion, 100);
    assert.equal((job.json.progress as { printTimeLeft: number }).printTimeLeft, 0);
    await until(async () => Array.isArray((await t.app.files.getMetadata('torus.gcode'))?.history), 'the print result', 5000);
    const history = (await t.app.files.getMetadata('torus.gcode'))?.history as Array<{ success: boolean }>;
    assert.equal(history[0]?.success, true);
  });
});
