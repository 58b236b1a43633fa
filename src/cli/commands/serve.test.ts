// Tests of `argonaut serve` in a child process: a SIGTERM that comes while the server is still starting stops it cleanly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { until } from '../../../test/support/until.js';
import { repoRoot, startServer } from '../../../test/support/cli.js';

describe('argonaut serve', () => {
  const basedir = mkdtempSync(join(tmpdir(), 'argonaut-cli-serve-'));
  after(() => rmSync(basedir, { recursive: true, force: true }));

  it('names the addresses other machines can use when it listens on every interface', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'argonaut-cli-serve-all-'));
    writeFileSync(join(dir, 'config.yaml'), 'plugins:\n  discovery:\n    enabled: false\n');
    const server = await startServer(dir, ['--host', '0.0.0.0']);
    try {
      const { reachableLine } = await import('../reachable-addresses.js');
      const expected = reachableLine('0.0.0.0', server.port);
      assert.ok(expected);
      await until(() => server.output().includes(expected), `the reachable addresses in the start message:\n${server.output()}`, 30_000);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops cleanly, once started, on a SIGTERM sent while it starts', async () => {
    // An unknown setting: the server warns about it first thing while it builds itself, long before it listens.
    writeFileSync(join(basedir, 'config.yaml'), 'noSuchSetting: 1\nplugins:\n  discovery:\n    enabled: false\n');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--basedir', basedir, '--host', '127.0.0.1', '--port', '0'], {
      cwd: repoRoot,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let signalled = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!signalled && /noSuchSetting/.test(output)) {
        signalled = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the server did not stop in time:\n${output}`));
      }, 60_000);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal });
      });
    });
    assert.ok(signalled, output);
    assert.deepEqual(exit, { code: 0, signal: null }, output);
    assert.match(output, /listening on http:\/\/127\.0\.0\.1:\d+\//);
    assert.match(output, /Received SIGTERM, stopping/);
    assert.equal(existsSync(join(basedir, 'data', 'server.pid')), false, 'the pid file is removed');
  });
});
