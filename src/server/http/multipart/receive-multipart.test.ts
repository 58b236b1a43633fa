// Tests of the streaming multipart reader: filename encodings, limits, malformed and aborted bodies, temp cleanup.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { decodeHeaderText, multipartBoundary } from './header-text.js';
import { buildMultipart, field, filePart } from './multipart-body-builder.js';
import type { MultipartPart } from './multipart-body-builder.js';
import { receiveMultipart, removeStaleUploads } from './receive-multipart.js';

function fileWithDisposition(disposition: Buffer | string, content = 'G28\n'): MultipartPart {
  return { disposition: Buffer.concat([Buffer.from('name="file"; '), Buffer.isBuffer(disposition) ? disposition : Buffer.from(disposition)]), content, contentType: 'application/octet-stream' };
}

describe('receiveMultipart', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'argonaut-mp-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function receive(parts: MultipartPart[], maxFileBytes = 1024 * 1024) {
    const { body, contentType } = buildMultipart(parts);
    return receiveMultipart(Readable.from([body]), { 'content-type': contentType }, { tempDir: dir, maxFileBytes });
  }

  async function filenameOf(disposition: Buffer | string): Promise<string | undefined> {
    const form = await receive([fileWithDisposition(disposition)]);
    await form.discard();
    return form.file?.filename;
  }

  it('streams the file part to a temp file with size and SHA-1, and keeps fields', async () => {
    const form = await receive([field('path', 'a/b'), filePart('x.gcode', 'G28\n'), field('print', 'true'), field('path', 'second')]);
    assert.ok(form.file);
    assert.equal(readFileSync(form.file.tempPath, 'utf8'), 'G28\n');
    assert.equal(form.file.size, 4);
    assert.equal(form.file.sha1, createHash('sha1').update('G28\n').digest('hex'));
    assert.match(form.file.sha1, /^[0-9a-f]{40}$/);
    assert.equal(form.fields.get('path'), 'a/b');
    assert.equal(form.fields.get('print'), 'true');
    assert.ok(form.file.tempPath.startsWith(dir));
    await form.discard();
    assert.deepEqual(readdirSync(dir), []);
  });

  it('decodes raw UTF-8 names, falls back to ISO-8859-1, and lets filename* win', async () => {
    assert.equal(await filenameOf('filename="Grüße_测试.gcode"'), 'Grüße_测试.gcode');
    assert.equal(await filenameOf(Buffer.concat([Buffer.from('filename="'), Buffer.from([0xfc]), Buffer.from('.gcode"')])), 'ü.gcode');
    assert.equal(await filenameOf("filename*=UTF-8''%C3%BC.gcode"), 'ü.gcode');
    assert.equal(await filenameOf("filename*=ISO-8859-1''%FC.gcode"), 'ü.gcode');
    assert.equal(await filenameOf("filename=\"plain.gcode\"; filename*=UTF-8''%E6%B5%8B%E8%AF%95.gcode"), '测试.gcode');
    assert.equal(await filenameOf("filename*=UTF-8''%E6%B5%8B.gcode; filename=\"plain.gcode\""), '测.gcode');
    assert.equal(await filenameOf('filename="Gru\u0308sse.gcode"'), 'Grüsse.gcode');
  });

  it('refuses a filename* with a line break, and ignores an unparsable one', async () => {
    await assert.rejects(receive([fileWithDisposition("filename*=utf-8''a%0D%0Ab.gcode")]), { statusCode: 400 });
    const form = await receive([fileWithDisposition("filename*=utf-8''%ZZ.gcode")]);
    assert.equal(form.file, null);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('answers 413 beyond the size limit and removes the temp file', async () => {
    await assert.rejects(receive([filePart('big.gcode', Buffer.alloc(5000, 65))], 4096), { statusCode: 413 });
    assert.deepEqual(readdirSync(dir), []);
  });

  it('answers 400 for a body without its closing boundary and removes the temp file', async () => {
    const { body, contentType } = buildMultipart([filePart('x.gcode', 'G1 X1\n'.repeat(1000))]);
    const truncated = body.subarray(0, body.length - 20);
    await assert.rejects(
      receiveMultipart(Readable.from([truncated]), { 'content-type': contentType }, { tempDir: dir, maxFileBytes: 1e6 }),
      { statusCode: 400 },
    );
    assert.deepEqual(readdirSync(dir), []);
  });

  it('answers 400 when the client goes away mid-upload and leaves nothing behind', async () => {
    const { body, contentType } = buildMultipart([filePart('x.gcode', Buffer.alloc(200_000, 66))]);
    const source = new PassThrough();
    const pending = receiveMultipart(source, { 'content-type': contentType }, { tempDir: dir, maxFileBytes: 1e6 });
    source.write(body.subarray(0, 100_000));
    await new Promise((resolve) => setTimeout(resolve, 20));
    source.destroy(new Error('aborted'));
    await assert.rejects(pending, { statusCode: 400 });
    assert.deepEqual(readdirSync(dir), []);
  });

  it('cuts a trickling upload with 408 and removes its temp file', async () => {
    const { body, contentType } = buildMultipart([filePart('slow.gcode', Buffer.alloc(10_000, 67))]);
    const source = new PassThrough();
    const pending = receiveMultipart(source, { 'content-type': contentType }, { tempDir: dir, maxFileBytes: 1e6, stall: { minBytes: 1000, windowMs: 150 } });
    source.write(body.subarray(0, 2000));
    const trickle = setInterval(() => source.write(Buffer.alloc(10, 67)), 20);
    try {
      await assert.rejects(pending, { statusCode: 408 });
    } finally {
      clearInterval(trickle);
      source.destroy();
    }
    assert.deepEqual(readdirSync(dir), []);
  });

  it('does not count the time it pauses the body for the disk as a stall', async () => {
    // The disk is held up for sure: every libuv pool thread waits to open a FIFO nobody writes to yet.
    const fifos = Array.from({ length: Number(process.env.UV_THREADPOOL_SIZE ?? 4) }, (_, i) => join(dir, `hold-${i}.fifo`));
    for (const fifo of fifos) execFileSync('mkfifo', [fifo]);
    const held = fifos.map((fifo) => open(fifo, 'r'));
    const { body, contentType } = buildMultipart([filePart('big.gcode', Buffer.alloc(12 * 1024 * 1024, 68))]);
    const source = new PassThrough();
    const pending = receiveMultipart(source, { 'content-type': contentType }, { tempDir: dir, maxFileBytes: 1e8, stall: { minBytes: 1000, windowMs: 100 } });
    let failed: unknown = null;
    pending.catch((error: unknown) => (failed = error));
    for (let at = 0; at < body.length; at += 1024 * 1024) source.write(body.subarray(at, at + 1024 * 1024));
    source.end();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(failed, null, 'paused by the server for five stall windows, not cut');
    for (const fifo of fifos) closeSync(openSync(fifo, 'w'));
    await Promise.all(held.map(async (handle) => (await handle).close()));
    const form = await pending;
    assert.equal(form.file?.size, 12 * 1024 * 1024);
    await form.discard();
  });

  it('answers 400 without a boundary', async () => {
    await assert.rejects(
      receiveMultipart(Readable.from([Buffer.from('x')]), { 'content-type': 'multipart/form-data' }, { tempDir: dir, maxFileBytes: 10 }),
      { statusCode: 400 },
    );
  });

  it('keeps only the part named file; other file parts are read and dropped', async () => {
    const form = await receive([filePart('other.gcode', 'X', 'attachment'), filePart('x.gcode', 'G1'), filePart('second.gcode', 'Y')]);
    assert.equal(form.file?.filename, 'x.gcode');
    assert.equal(readdirSync(dir).length, 1);
    await form.discard();
  });

  it('keeps content byte for byte through a body arriving in small uneven pieces, with backpressure', async () => {
    const content = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < content.length; i += 1) content[i] = (i * 7) % 251;
    content.write('\r\n--', 1000);
    const { body, contentType } = buildMultipart([field('select', 'true'), filePart('big.gcode', content)]);
    const pieces: Buffer[] = [];
    for (let at = 0, step = 1; at < body.length; at += step, step = (step * 31 + 7) % 70_000 || 1) pieces.push(body.subarray(at, at + step));
    const form = await receiveMultipart(Readable.from(pieces), { 'content-type': contentType }, { tempDir: dir, maxFileBytes: 1e8 });
    assert.ok(form.file);
    assert.deepEqual(readFileSync(form.file.tempPath), content);
    assert.equal(form.file.size, content.length);
    assert.equal(form.file.sha1, createHash('sha1').update(content).digest('hex'));
    assert.equal(form.fields.get('select'), 'true');
    await form.discard();
  });

  it('skips parts without Content-Disposition or of another type, and decodes fields in their charset', async () => {
    const { body, contentType, boundary } = buildMultipart([field('a', '1')]);
    const extra = Buffer.concat([
      Buffer.from(`--${boundary}\r\nX-Other: 1\r\n\r\nnothing\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: attachment; name="b"\r\n\r\nnot a field\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="c"\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n\r\n`),
      Buffer.from([0xfc]),
      Buffer.from('\r\n'),
    ]);
    const whole = Buffer.concat([extra, body]);
    const form = await receiveMultipart(Readable.from([whole]), { 'content-type': contentType }, { tempDir: dir, maxFileBytes: 10 });
    assert.deepEqual([...form.fields], [['c', 'ü'], ['a', '1']]);
    assert.equal(form.file, null);
  });

  it('refuses too many fields, a field over its limit, too many parts, and an octet-stream part without a filename', async () => {
    const many = Array.from({ length: 4 }, (_, i) => field(`f${i}`, 'x'));
    const options = { tempDir: dir, maxFileBytes: 1000, maxFields: 3, maxFieldBytes: 8 };
    const send = (parts: MultipartPart[]) => {
      const { body, contentType } = buildMultipart(parts);
      return receiveMultipart(Readable.from([body]), { 'content-type': contentType }, options);
    };
    await assert.rejects(send(many), { statusCode: 400, message: 'Too many form fields' });
    await assert.rejects(send([field('long', '123456789')]), { statusCode: 400, message: 'A form field is too large' });
    const parts = Array.from({ length: 1000 }, () => ({ disposition: 'name="x"; filename="x.gcode"', content: '', contentType: 'text/plain' }));
    await assert.rejects(send([...parts, filePart('x.gcode', 'G1')]), { statusCode: 400, message: 'Too many form parts' });
    await assert.rejects(send([{ disposition: 'name="file"', content: 'G1', contentType: 'application/octet-stream' }]), { statusCode: 400 });
    await assert.rejects(send([filePart('x.gcode', 'x'.repeat(1000))]), { statusCode: 413 });
    assert.deepEqual(readdirSync(dir), []);
  });

  it('answers 400 for a body with garbage instead of multipart, and for a header block that never ends', async () => {
    const contentType = 'multipart/form-data; boundary=abc';
    const options = { tempDir: dir, maxFileBytes: 1000 };
    await assert.rejects(receiveMultipart(Readable.from([Buffer.from('just text')]), { 'content-type': contentType }, options), {
      statusCode: 400,
      message: 'Malformed multipart body: Unexpected end of form',
    });
    await assert.rejects(receiveMultipart(Readable.from([Buffer.from('--abc\r\nA: 1\r\n')]), { 'content-type': contentType }, options), {
      statusCode: 400,
      message: 'Malformed multipart body: Malformed part header',
    });
  });

  it('removes stale temp files, only its own', async () => {
    writeFileSync(join(dir, 'upload-abc.part'), 'x');
    writeFileSync(join(dir, 'someone-else.tmp'), 'x');
    await removeStaleUploads(dir);
    assert.deepEqual(readdirSync(dir), ['someone-else.tmp']);
  });
});

describe('header text', () => {
  it('decodes UTF-8 first, then ISO-8859-1', () => {
    assert.equal(decodeHeaderText(Buffer.from('ü', 'utf8').toString('latin1')), 'ü');
    assert.equal(decodeHeaderText('\u00fc'), 'ü');
    assert.equal(decodeHeaderText('plain'), 'plain');
    assert.equal(decodeHeaderText('测'), '测');
  });

  it('finds the boundary, refusing missing or over-long ones', () => {
    assert.equal(multipartBoundary('multipart/form-data; boundary=abc'), 'abc');
    assert.equal(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"'), 'a b');
    assert.equal(multipartBoundary('multipart/form-data'), null);
    assert.equal(multipartBoundary(`multipart/form-data; boundary=${'x'.repeat(71)}`), null);
  });
});
