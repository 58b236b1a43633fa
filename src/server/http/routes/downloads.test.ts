// Tests of GET /downloads/files/local/<path>: content, Range, headers, refusals; and the Range parser itself.
import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { contentDisposition, parseRange } from './downloads.js';

describe('parseRange', () => {
  it('handles single ranges, suffixes, open ends, and ignores what it may ignore', () => {
    assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 9 });
    assert.deepEqual(parseRange('bytes=90-', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=50-1000', 100), { start: 50, end: 99 });
    assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable');
    assert.equal(parseRange('bytes=5-1', 100), 'unsatisfiable');
    assert.equal(parseRange('bytes=-0', 100), 'unsatisfiable');
    assert.equal(parseRange(undefined, 100), null);
    assert.equal(parseRange('bytes=0-1,5-6', 100), null);
    assert.equal(parseRange('items=0-1', 100), null);
  });

  it('builds an attachment disposition with an exact UTF-8 name', () => {
    assert.equal(contentDisposition('Grüße.gcode'), `attachment; filename="Gr%C3%BC%C3%9Fe.gcode"; filename*=UTF-8''Gr%C3%BC%C3%9Fe.gcode`, "OctoPrint's form");
  });
});

describe('GET /downloads/files/local', () => {
  let t: TestApp;
  const content = Array.from({ length: 100 }, (_, i) => `G1 X${i}`).join('\n');
  const get = (url: string, headers: Record<string, string> = {}) => t.app.http.inject({ method: 'GET', url, headers });

  before(async () => {
    t = await createTestApp({ config: 'accessControl:\n  enabled: false\n' });
    const source = join(t.basedir, 'source');
    writeFileSync(source, content);
    await t.app.files.addFile('dir/Grüße.gcode', source);
    writeFileSync(join(t.basedir, 'secret.gcode'), 'secret');
    symlinkSync(join(t.basedir, 'secret.gcode'), join(t.basedir, 'uploads', 'l.gcode'));
    writeFileSync(join(t.basedir, 'uploads', 'page.html'), '<script>');
  });
  after(() => t.close());

  it('streams the whole file as an attachment', async () => {
    const response = await get(`/downloads/files/local/dir/${encodeURIComponent('Grüße.gcode')}`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, content);
    assert.match(String(response.headers['content-type']), /^text\/plain/);
    assert.match(String(response.headers['content-disposition']), /^attachment; /);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['accept-ranges'], 'bytes');
    assert.equal(Number(response.headers['content-length']), Buffer.byteLength(content));
  });

  it('answers a Range with 206 and Content-Range, and an impossible one with 416', async () => {
    const url = '/downloads/files/local/dir%2FGr%C3%BC%C3%9Fe.gcode';
    const partial = await get(url, { range: 'bytes=5-14' });
    assert.equal(partial.statusCode, 206);
    assert.equal(partial.body, content.slice(5, 15));
    assert.equal(partial.headers['content-range'], `bytes 5-14/${content.length}`);
    const tail = await get(url, { range: 'bytes=-6' });
    assert.equal(tail.body, content.slice(-6));
    const impossible = await get(url, { range: `bytes=${content.length}-` });
    assert.equal(impossible.statusCode, 416);
    assert.equal(impossible.headers['content-range'], `bytes */${content.length}`);
  });

  it('refuses unknown, traversing, symlinked and non-printable files', async () => {
    for (const url of [
      '/downloads/files/local/none.gcode',
      '/downloads/files/local/../../config.yaml',
      '/downloads/files/local/..%2F..%2Fconfig.yaml',
      '/downloads/files/local/%252e%252e%252fconfig.yaml',
      '/downloads/files/local/l.gcode',
      '/downloads/files/local/page.html',
      '/downloads/files/local/.metadata.json',
      '/downloads/files/local/dir',
    ]) {
      const response = await get(url);
      assert.ok([400, 404].includes(response.statusCode), `${url} → ${response.statusCode}`);
      assert.ok(!response.body.includes('secret') && !response.body.includes('accessControl'), url);
    }
  });
});
