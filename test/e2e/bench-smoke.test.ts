// Makes sure `npm run bench` still runs: the smoke mode runs every benchmark once, briefly, and prints the table.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/cli.js';

describe('bench smoke', () => {
  it('runs every benchmark briefly and prints the table', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke'], { cwd: repoRoot, encoding: 'utf8', timeout: 400_000 });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /\| figure \| median \| min \| max \| target \| met \| of limit \| note \|/);
    const figures = ['startup', 'idle memory', 'API /api/version', 'upload 5 MB', 'streaming', 'wire 250000 baud', 'serial pty 250000 baud', 'serial server 250000 baud', 'streaming slowdown under API load, one core', 'push 10 clients', 'camera CPU, 10 viewers / 1 viewer'];
    for (const figure of figures) assert.match(result.stdout, new RegExp(`\\| ${figure.replace(/\//g, '\\/')} \\|`));
  });
});
