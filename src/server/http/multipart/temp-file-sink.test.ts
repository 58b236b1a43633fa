// Tests of the upload temp file writer: content and hash over many gathered writes, backpressure, abort, exclusivity.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { TempFileSink } from './temp-file-sink.js';

function chunkOf(index: number, length: number): Buffer {
  const chunk = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) chunk[i] = (index * 31 + i) & 0xff;
  return chunk;
}

describe('TempFileSink', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'argonaut-sink-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every chunk in order with its size and SHA-1, through many gathered writes and syncs', async () => {
    const path = join(dir, 'a.part');
    const sink = new TempFileSink(path, { batchBytes: 1000, maxPendingBytes: 5000, syncEveryBytes: 3000 });
    const chunks: Buffer[] = [];
    let paused = 0;
    for (let i = 0; i < 200; i += 1) {
      const chunk = chunkOf(i, 1 + ((i * 97) % 700));
      chunks.push(chunk);
      if (!sink.push(chunk)) {
        paused += 1;
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no drain')), 5000);
          sink.onDrain(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    }
    const expected = Buffer.concat(chunks);
    const result = await sink.finish();
    assert.ok(paused > 0, 'backpressure was signalled');
    assert.equal(result.size, expected.length);
    assert.equal(result.sha1, createHash('sha1').update(expected).digest('hex'));
    assert.deepEqual(readFileSync(path), expected);
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('finishes an empty file', async () => {
    const path = join(dir, 'empty.part');
    const sink = new TempFileSink(path);
    const result = await sink.finish();
    assert.equal(result.size, 0);
    assert.equal(result.sha1, createHash('sha1').digest('hex'));
    assert.equal(readFileSync(path).length, 0);
  });

  it('refuses a path that exists (reported and thrown by finish) and stops writing on abort', async () => {
    const taken = join(dir, 'taken.part');
    writeFileSync(taken, 'x');
    const refused = new TempFileSink(taken);
    let reported: Error | null = null;
    refused.onError((error) => (reported = error));
    refused.push(Buffer.alloc(10));
    await assert.rejects(refused.finish(), { code: 'EEXIST' });
    assert.equal((reported as { code?: string } | null)?.code, 'EEXIST');
    assert.equal(readFileSync(taken, 'utf8'), 'x');
    const path = join(dir, 'b.part');
    const sink = new TempFileSink(path, { batchBytes: 10 });
    sink.push(Buffer.alloc(100, 1));
    await sink.abort();
    sink.push(Buffer.alloc(100, 2));
    assert.ok(readFileSync(path).length <= 100);
    assert.ok(!readFileSync(path).includes(2));
  });
});
