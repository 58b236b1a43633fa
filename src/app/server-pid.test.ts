// The server's pid file: written on start, removed on stop, stale files (dead process) not counted as a running server.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { removeServerPid, runningServerPid, writeServerPid } from './server-pid.js';
import { createTestApp } from '../../test/support/test-app.js';

describe('server pid file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argonaut-pid-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('names a live process until it is removed', async () => {
    const file = join(dir, 'server.pid');
    assert.equal(runningServerPid(file), null);
    await writeServerPid(file);
    assert.equal(readFileSync(file, 'utf8'), `${process.pid}\n`);
    assert.equal(runningServerPid(file), process.pid);
    removeServerPid(file);
    assert.equal(existsSync(file), false);
  });

  it('ignores a dead process and garbage, and leaves another process its file', () => {
    const file = join(dir, 'other.pid');
    const finished = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(file, `${finished.stdout}\n`);
    assert.equal(runningServerPid(file), null, 'the process has exited');
    writeFileSync(file, 'not a pid\n');
    assert.equal(runningServerPid(file), null);
    writeFileSync(file, `${process.pid + 1_000_000}\n`);
    removeServerPid(file);
    assert.equal(existsSync(file), true, 'not ours: left alone');
  });

  it('is written by a started app and removed when it stops', async () => {
    const t = await createTestApp();
    try {
      assert.equal(existsSync(t.app.basedir.pidFile), false, 'not before listening');
      await t.app.start();
      assert.equal(runningServerPid(t.app.basedir.pidFile), process.pid);
      await t.app.stop();
      assert.equal(existsSync(t.app.basedir.pidFile), false);
    } finally {
      await t.close();
    }
  });
});
