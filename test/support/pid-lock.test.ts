// Tests of the pid lock file: taken when free, refused while its owner lives, taken over from a dead owner.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { tryLock, unlock } from './pid-lock.js';

describe('pid lock', () => {
  const folder = mkdtempSync(join(tmpdir(), 'argonaut-pid-lock-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('is taken when free and released by its owner', () => {
    const lock = join(folder, 'free');
    assert.equal(tryLock(lock), true);
    assert.equal(readFileSync(lock, 'utf8'), String(process.pid));
    unlock(lock);
    assert.equal(existsSync(lock), false);
  });

  it('is refused while a live process holds it', () => {
    const lock = join(folder, 'held');
    writeFileSync(lock, String(process.ppid));
    assert.equal(tryLock(lock), false);
    unlock(lock);
    assert.equal(existsSync(lock), true, 'another owner keeps its lock');
  });

  it('is taken over at once from a process that is gone', () => {
    const lock = join(folder, 'stale');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(lock, gone.stdout);
    assert.equal(tryLock(lock), true);
    assert.equal(readFileSync(lock, 'utf8'), String(process.pid));
    unlock(lock);
  });
});
