// In-memory tests of file commands and deletes: move, copy, delete, select/unselect while offline, slice, files/test.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

const KEY = { 'x-api-key': 'tests' };

describe('file commands and deletes', () => {
  let t: TestApp;
  const uploads = (): string => join(t.basedir, 'uploads');

  async function add(path: string, content = 'G1\n'): Promise<void> {
    const source = join(t.basedir, `src-${Math.random().toString(16).slice(2)}`);
    writeFileSync(source, content);
    await t.app.files.addFile(path, source);
  }

  const command = (path: string, body: unknown) =>
    t.app.http.inject({ method: 'POST', url: `/api/files/local/${path}`, headers: KEY, payload: body as Record<string, unknown> });
  const remove = (path: string) => t.app.http.inject({ method: 'DELETE', url: `/api/files/local/${path}`, headers: KEY });

  before(async () => {
    t = await createTestApp({ config: 'accessControl:\n  enabled: false\n' });
  });
  after(() => t.close());

  it('moves a file into an existing folder, and renames with a leading slash like the OctoPrint UI', async () => {
    await add('m1.gcode');
    await t.app.files.setMetadata('m1.gcode', 'userdata', { keep: true });
    await t.app.files.addFolder('target');
    const moved = await command('m1.gcode', { command: 'move', destination: 'target' });
    assert.equal(moved.statusCode, 201, moved.body);
    assert.deepEqual(moved.json().path, 'target/m1.gcode');
    assert.match(String(moved.headers.location), /\/api\/files\/local\/target\/m1\.gcode$/);
    assert.match(moved.json().refs.download, /\/downloads\/files\/local\/target\/m1\.gcode$/);
    assert.equal(existsSync(join(uploads(), 'm1.gcode')), false);
    const renamed = await command('target/m1.gcode', { command: 'move', destination: '/renamed m1.gcode' });
    assert.equal(renamed.statusCode, 201, renamed.body);
    assert.equal(renamed.json().path, 'renamed m1.gcode');
    const record = (await t.app.http.inject({ method: 'GET', url: '/api/files/local/renamed%20m1.gcode' })).json();
    assert.deepEqual(record.userdata, { keep: true });
  });

  it('copies files and folders, answering 409 on conflict and 400 for a bad destination', async () => {
    await add('c/one.gcode', 'ONE');
    const copied = await command('c/one.gcode', { command: 'copy', destination: 'c/two.gcode' });
    assert.equal(copied.statusCode, 201, copied.body);
    assert.equal(readFileSync(join(uploads(), 'c', 'two.gcode'), 'utf8'), 'ONE');
    const folder = await command('c', { command: 'copy', destination: 'c-copy' });
    assert.equal(folder.statusCode, 201, folder.body);
    assert.equal(folder.json().refs.download, undefined);
    assert.ok(existsSync(join(uploads(), 'c-copy', 'one.gcode')));
    assert.equal((await command('c/one.gcode', { command: 'copy', destination: 'c/two.gcode' })).statusCode, 409);
    for (const destination of ['../../x.gcode', '..', 'missing/folder/x.gcode', 'c/../../x.gcode', 42]) {
      const response = await command('c/one.gcode', { command: 'copy', destination });
      assert.equal(response.statusCode, 400, `${JSON.stringify(destination)}: ${response.body}`);
    }
    assert.equal((await command('c/one.gcode', { command: 'move', destination: 'c/one.html' })).statusCode, 415);
    assert.equal((await command('c', { command: 'move', destination: 'c/inside' })).statusCode, 400);
    assert.equal((await command('nothing.gcode', { command: 'copy', destination: 'x.gcode' })).statusCode, 404);
    assert.equal(existsSync(join(t.basedir, 'x.gcode')), false);
  });

  it('checks the command body like OctoPrint', async () => {
    await add('body.gcode');
    assert.equal((await command('body.gcode', { command: 'fly' })).statusCode, 400);
    assert.equal((await command('body.gcode', { command: 'move' })).statusCode, 400);
    const notJson = await t.app.http.inject({ method: 'POST', url: '/api/files/local/body.gcode', headers: { ...KEY, 'content-type': 'text/plain' }, payload: 'x' });
    assert.equal(notJson.statusCode, 415);
    assert.equal((await command('..%2Fbody.gcode', { command: 'select' })).statusCode, 404);
  });

  it('deletes files and folders (204), 404 for unknown ones', async () => {
    await add('d/x.gcode');
    await add('y.gcode');
    const seen: string[] = [];
    // background analysis of the two uploads may still be reporting; only the removal events count here
    const subscription = t.app.events.onAny((name) => { if (!name.startsWith('MetadataAnalysis')) seen.push(name); });
    assert.equal((await remove('y.gcode')).statusCode, 204);
    assert.equal((await remove('d')).statusCode, 204);
    subscription.dispose();
    assert.deepEqual(seen, ['FileRemoved', 'UpdatedFiles', 'FolderRemoved', 'UpdatedFiles']);
    assert.equal(existsSync(join(uploads(), 'd')), false);
    assert.equal((await remove('y.gcode')).statusCode, 404);
    assert.equal((await remove('..%2Fconfig.yaml')).statusCode, 404);
    assert.equal((await remove('.metadata.json')).statusCode, 404);
    assert.ok(existsSync(join(t.basedir, 'config.yaml')));
  });

  it('with the printer offline: select 409, unselect 409 as plain text, slice 415', async () => {
    await add('s.gcode');
    await add('s.stl', 'solid');
    const select = await command('s.gcode', { command: 'select', print: true });
    assert.equal(select.statusCode, 409);
    assert.equal((await command('s.stl', { command: 'select' })).statusCode, 415);
    assert.equal((await command('missing.gcode', { command: 'select' })).statusCode, 404);
    const unselect = await command('current', { command: 'unselect' });
    assert.equal(unselect.statusCode, 409);
    assert.match(String(unselect.headers['content-type']), /^text\/plain/);
    // OctoPrint's wording: an offline printer is not "ready".
    assert.equal(unselect.body, 'Printer is already printing, cannot unselect current file');
    assert.equal((await command('s.stl', { command: 'slice' })).statusCode, 415);
  });

  it('POST /api/files/test sanitizes and suggests free names', async () => {
    await add('exists.gcode');
    const post = (body: unknown) => t.app.http.inject({ method: 'POST', url: '/api/files/test', headers: KEY, payload: body as Record<string, unknown> });
    assert.deepEqual((await post({ command: 'sanitize', storage: 'local', path: 'a/b', filename: '.x:y.gcode' })).json(), { sanitized: 'a/b/xy.gcode' });
    const exists = (await post({ command: 'exists', storage: 'local', path: '', filename: 'exists.gcode' })).json();
    assert.deepEqual({ ...exists, date: typeof exists.date }, { exists: true, suggestion: 'exists_1.gcode', size: (await t.app.files.getFile('exists.gcode'))?.size, date: 'number' });
    assert.deepEqual((await post({ command: 'exists', storage: 'local', path: '', filename: 'free.gcode' })).json(), { exists: false });
    assert.equal((await post({ command: 'sanitize', storage: 'local', path: '../..', filename: 'x' })).statusCode, 400);
  });
});
