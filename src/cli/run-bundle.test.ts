// Tests of running the command line from the CommonJS bundle: where each command's code cache lives, and when it is written.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { codeCacheFiles, runBundle, userCacheFolder } from './run-bundle.js';

describe('codeCacheFiles', () => {
  it('gives each command its own cache beside the bundle, then in the user cache folder', () => {
    const [beside, user] = codeCacheFiles('/opt/argonaut/dist/argonaut.cjs', ['serve', '--port', '5000'], '/home/me/.cache');
    assert.equal(beside, '/opt/argonaut/dist/.code-cache/argonaut.cjs-serve.v8');
    assert.match(user ?? '', /^\/home\/me\/.cache\/argonaut\/code-cache\/[0-9a-f]{16}\/argonaut.cjs-serve.v8$/);
    assert.equal(codeCacheFiles('/opt/argonaut/dist/argonaut.cjs', ['user', 'add', 'x'], '/c')[0], '/opt/argonaut/dist/.code-cache/argonaut.cjs-user.v8');
  });

  it('names options, odd words and an empty command line "other"', () => {
    for (const argv of [[], ['--help'], ['../../etc'], ['Serve'], ['x'.repeat(40)]]) {
      assert.equal(codeCacheFiles('/d/argonaut.cjs', argv, '/c')[0], '/d/.code-cache/argonaut.cjs-other.v8', JSON.stringify(argv));
    }
  });

  it('tells two installs apart in the user cache folder', () => {
    const one = codeCacheFiles('/a/dist/argonaut.cjs', ['serve'], '/c')[1];
    const two = codeCacheFiles('/b/dist/argonaut.cjs', ['serve'], '/c')[1];
    assert.notEqual(one, two);
  });
});

describe('userCacheFolder', () => {
  it('follows XDG_CACHE_HOME, then LOCALAPPDATA on Windows, else ~/.cache', () => {
    const home = () => '/home/me';
    assert.equal(userCacheFolder({ XDG_CACHE_HOME: '/xdg' }, 'linux', home), '/xdg');
    assert.equal(userCacheFolder({ LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' }, 'win32', () => 'C:\\Users\\me'), 'C:\\Users\\me\\AppData\\Local');
    assert.equal(userCacheFolder({ LOCALAPPDATA: '/ignored' }, 'linux', home), join('/home/me', '.cache'));
  });

  it('gives null without a home folder, and then the cache lives beside the bundle only', () => {
    const noHome = () => {
      throw new Error('no home directory');
    };
    assert.equal(userCacheFolder({}, 'linux', noHome), null);
    assert.deepEqual(codeCacheFiles('/d/argonaut.cjs', ['serve'], null), ['/d/.code-cache/argonaut.cjs-serve.v8']);
  });
});

describe('runBundle', () => {
  const folder = mkdtempSync(join(tmpdir(), 'argonaut-run-bundle-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  const bundle = join(folder, 'argonaut.cjs');
  writeFileSync(bundle, '"use strict";exports.runCli = async (argv) => (argv[0] === "fail" ? 2 : 0);\n');

  it('gives the exit code and writes the cache only after a command that succeeded', async () => {
    const failCache = join(folder, 'fail.v8');
    assert.deepEqual(await runBundle(bundle, ['fail'], [failCache]), { code: 2, cache: 'missing' });
    assert.equal(existsSync(failCache), false);
    const okCache = join(folder, 'ok.v8');
    assert.deepEqual(await runBundle(bundle, ['ok'], [okCache]), { code: 0, cache: 'missing' });
    assert.equal(existsSync(okCache), true);
  });

  it('a cache written by one process is used by the next', () => {
    const cacheFile = join(folder, 'shared.v8');
    const script = `import(${JSON.stringify(new URL('./run-bundle.ts', import.meta.url).href)}).then(async ({ runBundle }) => { const result = await runBundle(${JSON.stringify(bundle)}, ['ok'], [${JSON.stringify(cacheFile)}]); process.stdout.write(result.cache); });`;
    const run = () => spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    const first = run();
    assert.equal(first.stdout, 'missing', first.stderr);
    const second = run();
    assert.equal(second.stdout, 'accepted', second.stderr);
  });
});
