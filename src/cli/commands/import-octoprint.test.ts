// `argonaut import-octoprint`: the progress bar on a terminal, plain lines otherwise, and the exit codes.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Command } from 'commander';
import { UsageError } from '../options.js';
import { EXIT_SKIPPED, progressPrinter, registerImportCommand } from './import-octoprint.js';
import type { ImportOutput } from './import-octoprint.js';
import { runCli } from '../../../test/support/cli.js';
import { makeOctoPrintBasedir, octoprintFiles } from '../../../test/support/octoprint-basedir.js';

function capture(isTTY: boolean, columns = 80): ImportOutput & { text(): string } {
  const chunks: string[] = [];
  return { line: (text) => chunks.push(`${text}\n`), write: (text) => chunks.push(text), isTTY, columns, text: () => chunks.join('') };
}

async function run(args: string[], output: ImportOutput): Promise<{ status: number; stderr: string }> {
  const program = new Command('argonaut').exitOverride();
  registerImportCommand(program, output);
  try {
    await program.parseAsync(['import-octoprint', ...args], { from: 'user' });
    return { status: 0, stderr: '' };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { status: error.exitCode, stderr: `argonaut: ${error.message}\n` };
  }
}

describe('argonaut import-octoprint', () => {
  const work = mkdtempSync(join(tmpdir(), 'argonaut-cli-import-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('draws a progress bar in place on a terminal, at most every 100 ms and always at the end, then clears it', () => {
    const output = capture(true, 60);
    let now = 0;
    const progress = progressPrinter(output, () => now);
    progress.update({ done: 1, total: 4, path: 'a.gcode' });
    now = 50;
    progress.update({ done: 2, total: 4, path: 'b.gcode' });
    now = 200;
    progress.update({ done: 3, total: 4, path: 'a/very/long/folder/name/with/c.gcode' });
    progress.update({ done: 4, total: 4, path: 'd.gcode' });
    progress.finish();
    const frames = output.text().split('\r').filter(Boolean);
    assert.deepEqual(frames, [
      '\u001b[2KFiles [######------------------] 1/4 a.gcode',
      '\u001b[2KFiles [##################------] 3/4 …der/name/with/c.gcode',
      '\u001b[2KFiles [########################] 4/4 d.gcode',
      '\u001b[2K',
    ]);
    for (const frame of frames) assert.ok(frame.length - 4 < 60, `fits the terminal: ${frame}`);
    const narrow = capture(true, 30);
    progressPrinter(narrow, () => 0).update({ done: 1, total: 1, path: 'x.gcode' });
    assert.equal(narrow.text(), '\r\u001b[2KFiles [##########] 1/1 …gcode', 'a narrow terminal gets a shorter bar');
  });

  it('prints one plain line per file when not on a terminal', () => {
    const output = capture(false);
    const progress = progressPrinter(output, () => 0);
    progress.update({ done: 1, total: 2, path: 'a.gcode' });
    progress.update({ done: 2, total: 2, path: '' });
    progress.finish();
    assert.equal(output.text(), 'files 1/2  a.gcode\n');
  });

  it('imports with the bar on a terminal and writes the report after it', async () => {
    const octoprint = makeOctoPrintBasedir();
    const output = capture(true);
    const result = await run([octoprint, '--basedir', join(work, 'tty')], output);
    rmSync(octoprint, { recursive: true, force: true });
    assert.equal(result.status, 0, result.stderr);
    assert.match(output.text(), /\r\u001b\[2KFiles \[#+\] 4\/4 parts\/torus\.gcode\r\u001b\[2KImporting OctoPrint's /);
    assert.match(output.text(), /Summary: \d+ imported/);
  });

  it('exits with 2 and one line on stderr when something was skipped, after the whole report', async () => {
    const files = octoprintFiles();
    files['users.yaml'] = 'alice: [broken\n';
    const octoprint = makeOctoPrintBasedir(files);
    const output = capture(false);
    const result = await run([octoprint, '--basedir', join(work, 'bad')], output);
    rmSync(octoprint, { recursive: true, force: true });
    assert.equal(result.status, EXIT_SKIPPED);
    assert.equal(result.stderr, 'argonaut: 1 item was skipped because of the problems listed above.\n');
    assert.match(output.text(), /PROBLEM +\S*users\.yaml: is not valid YAML: .*; no user imported/);
    assert.ok(existsSync(join(work, 'bad/uploads/nut.gcode')), 'the rest was imported');
  });

  it('exits with 2 for a missing OctoPrint basedir when run as a real command', () => {
    const missing = join(work, 'no-octoprint-here');
    const result = runCli(['import-octoprint', missing, '--basedir', join(work, 'real')]);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stdout, new RegExp(`PROBLEM +${missing}: OctoPrint's basedir cannot be read: it does not exist; nothing imported`));
    assert.equal(result.stderr, 'argonaut: 1 item was skipped because of the problems listed above.\n');
    assert.equal(existsSync(join(work, 'real')), false);
  });
});
