// Tests of `argonaut analyse FILE` and the CLI progress bar.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { repoRoot, runCli } from '../../../test/support/cli.js';
import { gcodeFixture } from '../../../test/support/gcode-fixtures.js';
import { progressBar } from '../progress-bar.js';

const torus = gcodeFixture('torus.gcode');

describe('argonaut analyse', () => {
  it("prints OctoPrint's gcodeAnalysis for a fixture as JSON", () => {
    const result = runCli(['analyse', torus]);
    assert.equal(result.status, 0, result.stderr);
    const analysis = JSON.parse(result.stdout) as { filament: { tool0: { length: number } }; estimatedPrintTime: number; dimensions: { width: number } };
    assert.ok(Math.abs(analysis.filament.tool0.length - 521.737) < 0.5, String(analysis.filament.tool0.length));
    assert.ok(Math.abs(analysis.dimensions.width - 38) < 0.04);
    assert.ok(analysis.estimatedPrintTime > 300);
    // Not a terminal: no progress bar in the output.
    assert.equal(result.stderr, '');
  });

  it('gives the same answer from the small analysis bundle that bin/argonaut.js runs for `analyse FILE`', () => {
    const built = spawnSync(process.execPath, ['bin/argonaut.js', 'analyse', torus], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    assert.equal(built.status, 0, built.stderr);
    assert.equal(built.stdout, runCli(['analyse', torus]).stdout);
    const missing = spawnSync(process.execPath, ['bin/argonaut.js', 'analyse', '/nonexistent/file.gcode'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    assert.equal(missing.status, 1);
    assert.equal(missing.stderr, 'argonaut: /nonexistent/file.gcode is not a file.\n');
  });

  it('says a file that is not G-code is not, with the reason, and exits non-zero', () => {
    const dir = mkdtempSync(join(tmpdir(), 'argonaut-analyse-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'shopping list\n; milk\nbread\n');
    const binary = join(dir, 'model.stl');
    writeFileSync(binary, Buffer.from([0x73, 0x6f, 0x6c, 0x69, 0x64, 0x00, 0x01, 0x02, 0xff]));
    const commented = join(dir, 'tiny.gcode');
    writeFileSync(commented, `; ${'x'.repeat(70_000)}\nN3 M104 S200*12\n`);
    const notes = runCli(['analyse', text]);
    assert.equal(notes.status, 1);
    assert.match(notes.stderr, /notes\.txt is not a G-code file: it has no G-code command/);
    assert.equal(notes.stdout, '');
    const stl = runCli(['analyse', binary]);
    assert.equal(stl.status, 1);
    assert.match(stl.stderr, /model\.stl is not a G-code file: it holds binary data/);
    const tiny = runCli(['analyse', commented]);
    assert.equal(tiny.status, 0, `a command after a long comment counts: ${tiny.stderr}`);
  });

  it('refuses a missing file with one line', () => {
    const result = runCli(['analyse', '/nonexistent/file.gcode']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /is not a file/);
  });
});

describe('progressBar', () => {
  function fakeStream(isTTY: boolean) {
    const written: string[] = [];
    return { written, stream: { isTTY, columns: 120, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
  }

  it('draws on a terminal, with the share and the amount', () => {
    let time = 0;
    const { written, stream } = fakeStream(true);
    const bar = progressBar(stream, 'Analysing', 'bytes', () => time);
    time = 1000;
    bar.update(512 * 1024 * 1024, 1024 * 1024 * 1024);
    time = 1050;
    bar.update(600 * 1024 * 1024, 1024 * 1024 * 1024); // within 100 ms: not redrawn
    time = 2000;
    bar.update(1024 * 1024 * 1024, 1024 * 1024 * 1024);
    bar.finish();
    assert.equal(written.length, 3);
    assert.match(written[0] ?? '', /Analysing \[#{15}-{15}\]  50 %  512\.0 MiB \/ 1\.00 GiB/);
    assert.match(written[1] ?? '', /100 %/);
    assert.equal(written[2], '\n');
  });

  it('stays silent when the output is not a terminal', () => {
    const { written, stream } = fakeStream(false);
    const bar = progressBar(stream, 'Files');
    bar.update(1, 2);
    bar.finish();
    assert.deepEqual(written, []);
  });
});
