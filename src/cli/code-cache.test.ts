// Tests of running a CommonJS file through node:vm with a code cache on disk: reuse, stale and refused caches, unwritable folders.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runWithCodeCache } from './code-cache.js';

describe('runWithCodeCache', () => {
  const folder = mkdtempSync(join(tmpdir(), 'argonaut-code-cache-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  let count = 0;
  /** A CommonJS file in a folder of its own that requires a neighbour and reports its own location. */
  function bundle(body: string): { file: string; dir: string } {
    count += 1;
    const dir = join(folder, `case-${count}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'helper.cjs'), 'module.exports = (x) => x * 2;\n');
    const file = join(dir, 'bundle.cjs');
    writeFileSync(file, `"use strict";const double = require('./helper.cjs');${body}\nmodule.exports.where = { filename: __filename, dirname: __dirname };\n`);
    return { file, dir };
  }

  it('runs the file as a CommonJS module and caches it; the next run uses the cache', () => {
    const { file, dir } = bundle('exports.answer = () => double(21);');
    const cacheFile = join(dir, 'cache', 'bundle.v8');
    const first = runWithCodeCache(file, [cacheFile]);
    const exported = first.exports as { answer(): number; where: { filename: string; dirname: string } };
    assert.equal(exported.answer(), 42);
    assert.deepEqual(exported.where, { filename: file, dirname: dir });
    assert.equal(first.cache, 'missing');
    assert.equal(first.saveCache(), cacheFile);
    assert.ok(readFileSync(cacheFile).length > 32);

    const second = runWithCodeCache(file, [cacheFile]);
    assert.equal(second.cache, 'accepted');
    assert.equal((second.exports as { answer(): number }).answer(), 42);
    assert.equal(second.saveCache(), null, 'a cache that was used is not written again');
  });

  it('keeps "use strict" of the source in force', () => {
    const { file, dir } = bundle('exports.strict = (function () { return this === undefined; })();');
    assert.equal((runWithCodeCache(file, [join(dir, 'c.v8')]).exports as { strict: boolean }).strict, true);
  });

  it('does not use the cache of other source of the same length, and runs the new code', () => {
    const { file, dir } = bundle('exports.answer = () => 1;');
    const cacheFile = join(dir, 'bundle.v8');
    runWithCodeCache(file, [cacheFile]).saveCache();
    writeFileSync(file, readFileSync(file, 'utf8').replace('=> 1;', '=> 2;'));
    const changed = runWithCodeCache(file, [cacheFile]);
    assert.equal(changed.cache, 'stale');
    assert.equal((changed.exports as { answer(): number }).answer(), 2);
    assert.equal(changed.saveCache(), cacheFile);
    assert.equal(runWithCodeCache(file, [cacheFile]).cache, 'accepted');
  });

  it('runs without the cache when V8 refuses its data, and writes a new one', () => {
    const { file, dir } = bundle('exports.answer = () => 3;');
    const cacheFile = join(dir, 'bundle.v8');
    // The digest of this very source, then data V8 cannot read. (Not run before: V8 would take the script from its
    // in-memory cache without looking at the data.)
    const digest = createHash('sha256').update(readFileSync(file)).digest();
    writeFileSync(cacheFile, Buffer.concat([digest, Buffer.from('not a code cache at all')]));
    const refused = runWithCodeCache(file, [cacheFile]);
    assert.equal(refused.cache, 'rejected');
    assert.equal((refused.exports as { answer(): number }).answer(), 3);
    assert.equal(refused.saveCache(), cacheFile);
    assert.ok(readFileSync(cacheFile).length > 32 + 'not a code cache at all'.length);
  });

  it('goes on to the next cache file when one cannot be read or written, and never throws', () => {
    const { file, dir } = bundle('exports.answer = () => 4;');
    // A regular file where the first cache's folder should be: it can be neither read nor created.
    writeFileSync(join(dir, 'blocked'), 'a file, not a folder');
    const blocked = join(dir, 'blocked', 'bundle.v8');
    const fallback = join(dir, 'fallback', 'bundle.v8');
    const first = runWithCodeCache(file, [blocked, fallback]);
    assert.equal(first.saveCache(), fallback);
    assert.equal(runWithCodeCache(file, [blocked, fallback]).cache, 'accepted');
    const nowhere = runWithCodeCache(file, [blocked]);
    assert.equal(nowhere.cache, 'missing');
    assert.equal(nowhere.saveCache(), null);
    assert.equal(readFileSync(join(dir, 'blocked'), 'utf8'), 'a file, not a folder');
  });

  it('reads UTF-8 source as UTF-8 (only ASCII is read the faster way)', () => {
    const { file, dir } = bundle("exports.text = 'Température 25 °C ✓';");
    assert.equal((runWithCodeCache(file, [join(dir, 'bundle.v8')]).exports as { text: string }).text, 'Température 25 °C ✓');
  });

  it('throws what the file throws (a broken bundle is not hidden)', () => {
    const { file, dir } = bundle('throw new Error("broken bundle");');
    assert.throws(() => runWithCodeCache(file, [join(dir, 'bundle.v8')]), /broken bundle/);
  });
});
