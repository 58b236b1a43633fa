// Tests of `argonaut analyse FILE` and the CLI progress bar.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
