// Part header decoding: UTF-8 first, ISO-8859-1 fallback, nameless parts, CR/LF in file names, boundaries.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { HttpError } from '../errors.js';
import { decodeFilename, decodeHeaderText, multipartBoundary } from './header-text.js';
import { receiveMultipart } from './receive-multipart.js';

describe('part header text', () => {
  it('decodes UTF-8 bytes, falls back to ISO-8859-1, and takes a missing name as empty', () => {
    assert.equal(decodeHeaderText(Buffer.from('ü.gcode', 'utf8').toString('latin1')), 'ü.gcode');
    assert.equal(decodeHeaderText('\u00fc.gcode'), 'ü.gcode');
    assert.equal(decodeHeaderText(undefined), '');
  });

  it('refuses file names with line breaks or none at all (400)', () => {
    assert.throws(() => decodeFilename('a\r\nb.gcode'), HttpError);
    assert.throws(() => decodeFilename(undefined), HttpError);
  });

  it('reads the boundary parameter, refusing missing and overlong ones', () => {
    assert.equal(multipartBoundary('multipart/form-data; boundary="abc"'), 'abc');
    assert.equal(multipartBoundary('multipart/form-data'), null);
    assert.equal(multipartBoundary(`multipart/form-data; boundary=${'b'.repeat(71)}`), null);
  });

  it('a part without a name is answered, not a crash', async () => {
    const tempDir = mkdtempSync(join(tmpdir(), 'argonaut-nameless-'));
    try {
      const body = Buffer.from('--B\r\nContent-Disposition: form-data; filename="x.gcode"\r\n\r\nG28\r\n--B\r\nContent-Disposition: form-data\r\n\r\nv\r\n--B--\r\n');
      const form = await receiveMultipart(Readable.from([body]), { 'content-type': 'multipart/form-data; boundary=B' }, { tempDir, maxFileBytes: 1024 });
      assert.equal(form.file, null);
      await form.discard();
      assert.deepEqual(readdirSync(tempDir), []);
    } finally {
      rmSync(tempDir, { recursive: true, force: true });
    }
  });
});
