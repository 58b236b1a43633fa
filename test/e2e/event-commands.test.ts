// End to end: event subscriptions run a real helper program without a shell. A hostile file name reaches it as one
// argv entry, byte for byte, and nothing else runs (marker files that a shell would have made do not exist).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

/** Writes its argv to the next free argv-<n>.json in its folder, and says so on stdout. */
const RECORDER = `import { existsSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
const folder = join(dirname(fileURLToPath(import.meta.url)), 'calls');
let n = 0;
while (existsSync(join(folder, 'argv-' + n + '.json'))) n++;
writeFileSync(join(folder, 'argv-' + n + '.json'), JSON.stringify(process.argv.slice(2)));
console.log('recorded call ' + n);
`;
const HOSTILE = "a;touch pwned-1 $(touch pwned-2) `touch pwned-3` && touch pwned-4 | x 'q' \"d\" {name}.gcode";

function configFor(helper: string): string {
  const node = JSON.stringify(process.execPath);
  const script = JSON.stringify(helper);
  return `
accessControl:
  enabled: false
plugins:
  virtual_printer:
    instant: true
events:
  enabled: true
  timeout: 2
  subscriptions:
    - event: PrintDone
      type: system
      name: record
      command: ${JSON.stringify(`${node.slice(1, -1)} ${script.slice(1, -1)} {name} --path={path} "{__eventname}" {origin} {__json}`)}
    - event: PrintDone
      type: system
      name: needs a shell
      command: 'touch pwned-5 && touch pwned-6'
    - event: PrintDone
      type: system
      enabled: false
      command: ${JSON.stringify(`${node.slice(1, -1)} ${script.slice(1, -1)} disabled`)}
    - event: [Connected]
      type: gcode
      command: "M117 on {port}\\nM118 {__eventname}"
    - event: PrintFailed
      type: system
      name: sleeper
      command: ${JSON.stringify(`${node.slice(1, -1)} -e "setTimeout(() => undefined, 60000)"`)}
`;
}

describe('event subscriptions', () => {
  let t: TestApp;
  let helperDir: string;
  const logged: Array<Record<string, unknown>> = [];

  before(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n')) if (line.trim()) logged.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    helperDir = mkdtempSync(join(tmpdir(), 'argonaut-helper-'));
    mkdirSync(join(helperDir, 'calls'));
    writeFileSync(join(helperDir, 'record-argv.mjs'), RECORDER);
    t = await createTestApp({ config: configFor(join(helperDir, 'record-argv.mjs')), logger: pino({ level: 'info' }, sink) });
  });
  after(async () => {
    await t.close();
    rmSync(helperDir, { recursive: true, force: true });
  });

  const calls = (): unknown[][] => readdirSync(join(helperDir, 'calls')).sort().map((file) => JSON.parse(readFileSync(join(helperDir, 'calls', file), 'utf8')) as unknown[]);

  it('passes a hostile file name as data and runs nothing else', { timeout: 60_000 }, async () => {
    assert.equal(t.app.config.config.events.subscriptions.length, 5);
    const payload = { name: HOSTILE, path: `folder/${HOSTILE}`, origin: 'local', size: 1, owner: null, user: 'alice', time: 12.5 };
    t.app.events.emit('PrintDone', payload);
    await t.app.eventCommands.idle();
    assert.deepEqual(calls(), [[HOSTILE, `--path=folder/${HOSTILE}`, 'PrintDone', 'local', JSON.stringify(payload)]]);
    for (const folder of [t.basedir, helperDir, process.cwd()]) {
      for (let n = 1; n <= 6; n++) assert.equal(existsSync(join(folder, `pwned-${n}`)), false, `pwned-${n} in ${folder}`);
    }
    assert.ok(
      logged.some((entry) => String(entry.msg).includes('needs a shell did not run') && String(entry.error).includes('needs a shell')),
      'the command that needs a shell is refused and logged',
    );
    assert.ok(
      logged.some((entry) => String(entry.msg) === 'event PrintDone: record finished' && entry.stdout === 'recorded call 0'),
      `the command's output is logged: ${JSON.stringify(logged.filter((entry) => String(entry.msg).includes('record')))}`,
    );
  });

  it('ends a command at its timeout and logs it', { timeout: 60_000 }, async () => {
    t.app.events.emit('PrintFailed', { name: 'x.gcode', path: 'x.gcode', origin: 'local', size: 1, owner: null, user: null, time: 1, reason: 'error' });
    await t.app.eventCommands.idle();
    assert.ok(logged.some((entry) => String(entry.msg).includes('sleeper was ended after 2 s')));
  });

  it('sends G-code subscriptions to the printer', { timeout: 60_000 }, async () => {
    await t.app.printer.service.connect({ port: 'VIRTUAL', baudrate: 250000 });
    await until(async () => {
      const received = (await t.app.printer.virtualRecord()).received ?? [];
      return received.includes('M117 on VIRTUAL') && received.includes('M118 Connected');
    }, 'the G-code of the Connected subscription', 30_000);
  });
});
