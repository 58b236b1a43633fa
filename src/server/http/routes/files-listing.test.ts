// In-memory tests of the files listing: records as in OctoPrint's §5.5, recursion, filters, single entries, %2F paths.
import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

describe('GET /api/files', () => {
  let t: TestApp;
  const get = (url: string) => t.app.http.inject({ method: 'GET', url });

  before(async () => {
    t = await createTestApp({ config: 'accessControl:\n  enabled: false\n' });
    const uploads = join(t.basedir, 'uploads');
    const temp = (content: string): string => {
      const path = join(t.basedir, `src-${Math.random().toString(16).slice(2)}`);
      writeFileSync(path, content);
      return path;
    };
    await t.app.files.addFile('top.gcode', temp('G28\n'), { display: 'top.gcode' });
    await t.app.files.addFile('model.stl', temp('solid x'));
    await t.app.files.addFile('folder/inner.gcode', temp('G1 X1\n'));
    await t.app.files.addFile('folder/sub/deep.gcode', temp('G1 X2 Y2\n'));
    await t.app.files.setMetadata('top.gcode', 'analysis', { estimatedPrintTime: 12, filament: { tool0: { length: 1, volume: 0.1 } } });
    await t.app.files.addPrintResult('top.gcode', { success: true, printTime: 30, timestamp: 1700000000, profileId: '_default' });
    await t.app.files.setMetadata('top.gcode', 'userdata', { a: 1 });
    mkdirSync(join(t.basedir, 'outside'));
    writeFileSync(join(t.basedir, 'outside', 'secret.gcode'), 'secret');
    symlinkSync(join(t.basedir, 'outside'), join(uploads, 'link'));
  });
  after(() => t.close());

  it('lists the root with free and total bytes and one level of folders', async () => {
    const response = await get('/api/files');
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.ok(Number.isInteger(body.free) && Number.isInteger(body.total) && body.total >= body.free);
    assert.deepEqual(body.files.map((f: { name: string }) => f.name), ['folder', 'model.stl', 'top.gcode']);
    const folder = body.files[0];
    assert.equal(folder.type, 'folder');
    assert.deepEqual(folder.typePath, ['folder']);
    assert.deepEqual(folder.children, []);
    assert.equal(folder.size, 6 + 9);
    assert.deepEqual(folder.prints, { success: 0, failure: 0 }, "OctoPrint's folder records count prints too");
    assert.match(folder.refs.resource, /\/api\/files\/local\/folder$/);
    assert.equal(folder.refs.download, undefined);
  });

  it('gives file records with analysis, prints, statistics and user data', async () => {
    const body = (await get('/api/files/local')).json();
    const top = body.files.find((f: { name: string }) => f.name === 'top.gcode');
    assert.equal(top.display, 'top.gcode');
    assert.equal(top.path, 'top.gcode');
    assert.equal(top.type, 'machinecode');
    assert.deepEqual(top.typePath, ['machinecode', 'gcode']);
    assert.equal(top.origin, 'local');
    assert.equal(top.size, 4);
    assert.ok(Number.isInteger(top.date));
    assert.match(top.hash, /^[0-9a-f]{40}$/);
    assert.deepEqual(top.gcodeAnalysis, { estimatedPrintTime: 12, filament: { tool0: { length: 1, volume: 0.1 } } });
    assert.deepEqual(top.prints, { success: 1, failure: 0, last: { date: 1700000000, success: true, printTime: 30 } });
    assert.deepEqual(top.statistics, { averagePrintTime: { _default: 30 }, lastPrintTime: { _default: 30 } });
    assert.deepEqual(top.userdata, { a: 1 });
    assert.equal(top.history, undefined);
    assert.equal(top.analysis, undefined);
    assert.match(top.refs.resource, /^http:\/\/[^/]+\/api\/files\/local\/top\.gcode$/);
    assert.match(top.refs.download, /^http:\/\/[^/]+\/downloads\/files\/local\/top\.gcode$/);
    const model = body.files.find((f: { name: string }) => f.name === 'model.stl');
    assert.equal(model.type, 'model');
    assert.deepEqual(model.typePath, ['model', 'stl']);
  });

  it('recurses and filters', async () => {
    const recursive = (await get('/api/files/local?recursive=true')).json();
    const folder = recursive.files[0];
    assert.deepEqual(folder.children.map((c: { path: string }) => c.path), ['folder/inner.gcode', 'folder/sub']);
    assert.deepEqual(folder.children[1].children.map((c: { path: string }) => c.path), ['folder/sub/deep.gcode']);
    const filtered = (await get('/api/files?filter=model&recursive=true&force=true')).json();
    assert.deepEqual(filtered.files.map((f: { name: string }) => f.name), ['folder', 'model.stl']);
    assert.deepEqual(filtered.files[0].children.map((c: { name: string }) => c.name), ['sub']);
  });

  it('returns single files and folders, with %2F-encoded slashes too', async () => {
    const file = await get('/api/files/local/folder/inner.gcode');
    assert.equal(file.statusCode, 200);
    assert.equal(file.json().path, 'folder/inner.gcode');
    const encoded = await get('/api/files/local/folder%2Fsub%2Fdeep.gcode');
    assert.equal(encoded.statusCode, 200, encoded.body);
    assert.equal(encoded.json().path, 'folder/sub/deep.gcode');
    const folder = (await get('/api/files/local/folder')).json();
    assert.deepEqual(folder.children.map((c: { name: string }) => c.name), ['inner.gcode', 'sub']);
    assert.deepEqual(folder.children[1].children, []);
    const recursive = (await get('/api/files/local/folder?recursive=true')).json();
    assert.deepEqual(recursive.children[1].children.map((c: { name: string }) => c.name), ['deep.gcode']);
  });

  it('revalidates with ETag: 304 when unchanged, a new tag after a change, force bypasses', async () => {
    const first = await get('/api/files/local');
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[0-9a-f]{40}"$/);
    const again = await t.app.http.inject({ method: 'GET', url: '/api/files/local', headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    const forced = await t.app.http.inject({ method: 'GET', url: '/api/files/local?force=true', headers: { 'if-none-match': etag } });
    assert.equal(forced.statusCode, 200);
    await t.app.files.addFolder('new-folder');
    const changed = await t.app.http.inject({ method: 'GET', url: '/api/files/local', headers: { 'if-none-match': etag } });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, etag);
    await t.app.files.remove('new-folder');
  });

  it('answers 404 for unknown, unsanitised, hidden, symlinked and traversing paths', async () => {
    for (const url of [
      '/api/files/local/nothing.gcode',
      '/api/files/local/.metadata.json',
      '/api/files/local/link',
      '/api/files/local/link/secret.gcode',
      '/api/files/local/..%2F..%2Fconfig.yaml',
      '/api/files/local/%2e%2e/%2e%2e/config.yaml',
      '/api/files/local/%252e%252e%252fconfig.yaml',
      '/api/files/local/a:b.gcode',
      '/api/files/elsewhere',
      '/api/files/elsewhere/x.gcode',
      '/api/files/sdcard/x.gcode',
    ]) {
      const response = await get(url);
      assert.equal(response.statusCode, 404, `${url}: ${response.body}`);
      assert.equal(typeof response.json().error, 'string');
    }
    assert.deepEqual((await get('/api/files/sdcard')).json(), { files: [] });
  });
});
