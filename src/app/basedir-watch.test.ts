// The basedir watcher: a file replaced by rename or written in place is reported once per burst; other files are not.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { watchBasedirFiles } from './basedir-watch.js';
import { until } from '../../test/support/until.js';

const dir = mkdtempSync(join(tmpdir(), 'argonaut-watch-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('watchBasedirFiles', { skip: process.platform !== 'linux' && process.platform !== 'darwin' }, () => {
  it('reports a file replaced by rename and one written in place, once per burst, and nothing else', async () => {
    const config = join(dir, 'config.yaml');
    const users = join(dir, 'users.yaml');
    const profiles = join(dir, 'printerProfiles');
    mkdirSync(profiles);
    writeFileSync(config, 'a: 1\n');
    const calls: string[] = [];
    const errors: string[] = [];
    const watching = watchBasedirFiles(
      [
        { file: config, onChange: () => calls.push('config') },
        { file: users, onChange: () => calls.push('users') },
        { file: profiles, anyFile: true, onChange: () => calls.push('profiles') },
      ],
      { settleMs: 50, onError: (folder) => errors.push(folder), onHandlerError: (file) => errors.push(file) },
    );
    try {
      // An editor's save: a swap file, several writes, a rename over the original.
      for (let i = 0; i < 5; i += 1) writeFileSync(`${config}.swp`, `a: ${i}\n`);
      renameSync(`${config}.swp`, config);
      await until(() => calls.includes('config'), 'the config change', 5000);
      writeFileSync(join(dir, 'unrelated.txt'), 'x');
      writeFileSync(users, 'bob: {}\n');
      await until(() => calls.includes('users'), 'the users change', 5000);
      writeFileSync(join(profiles, 'mk3.profile'), 'name: MK3\n');
      await until(() => calls.includes('profiles'), 'the profile change', 5000);
      assert.deepEqual(calls, ['config', 'users', 'profiles']);
      assert.deepEqual(errors, []);
    } finally {
      watching.dispose();
    }
    writeFileSync(config, 'a: 2\n');
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.deepEqual(calls, ['config', 'users', 'profiles'], 'nothing after dispose');
  });

  it('reports a failing handler and keeps watching', async () => {
    const file = join(dir, 'keys.yaml');
    let calls = 0;
    const failures: string[] = [];
    const watching = watchBasedirFiles(
      [
        {
          file,
          onChange: () => {
            calls += 1;
            if (calls === 1) throw new Error('unreadable');
          },
        },
      ],
      { settleMs: 20, onError: () => undefined, onHandlerError: (failed, error) => failures.push(`${failed}: ${error.message}`) },
    );
    try {
      writeFileSync(file, 'one\n');
      await until(() => failures.length === 1, 'the failure', 5000);
      assert.equal(failures[0], `${file}: unreadable`);
      writeFileSync(file, 'two\n');
      await until(() => calls === 2, 'the second change', 5000);
    } finally {
      watching.dispose();
    }
  });

  it('checks the files every pollMs where no events come, tells a folder it cannot watch once, and watches it once it can', async () => {
    const folder = join(dir, 'not-yet');
    const file = join(folder, 'users.yaml');
    let calls = 0;
    const errors: string[] = [];
    const watching = watchBasedirFiles([{ file, onChange: () => (calls += 1) }], {
      settleMs: 20,
      pollMs: 50,
      onError: (failed) => errors.push(failed),
      onHandlerError: () => undefined,
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(errors, [folder], 'told once, not at every check');
      mkdirSync(folder);
      writeFileSync(file, 'bob: {}\n');
      await until(() => calls >= 1, 'the file seen without a watcher', 5000);
      writeFileSync(file, 'bob: {active: false}\n');
      await until(() => calls >= 2, 'the next change', 5000);
      assert.deepEqual(errors, [folder]);
    } finally {
      watching.dispose();
    }
  });
});
