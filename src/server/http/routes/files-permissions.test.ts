// Permissions of the files API with access control on and real API keys: readers, operators, upload-only, guests.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addUser } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { buildMultipart, field, filePart } from '../multipart/multipart-body-builder.js';
import type { MultipartPart } from '../multipart/multipart-body-builder.js';

describe('files API permissions', () => {
  let t: TestApp;
  const keys: Record<string, string> = {};

  before(async () => {
    t = await createTestApp();
    await addUser(t.app, 'admin', 'admin-password-1', ['admins', 'users']);
    await addUser(t.app, 'operator', 'operator-password-1', ['users']);
    await addUser(t.app, 'reader', 'reader-password-1', ['readonly']);
    await t.app.access.accounts.addGroup({ key: 'uploaders', name: 'Uploaders', permissions: ['FILES_LIST', 'FILES_UPLOAD'] });
    await addUser(t.app, 'uploader', 'uploader-password-1', ['uploaders']);
    for (const name of ['operator', 'reader', 'uploader']) keys[name] = await t.app.access.accounts.generateApiKey(name);
    const source = join(t.basedir, 'seed');
    writeFileSync(source, 'G28\n');
    await t.app.files.addFile('seed.gcode', source);
  });
  after(() => t.close());

  const as = (user: string | null): Record<string, string> => (user ? { 'x-api-key': keys[user] ?? '' } : {});
  const get = (url: string, user: string | null) => t.app.http.inject({ method: 'GET', url, headers: as(user) });
  function upload(parts: MultipartPart[], user: string | null) {
    const { body, contentType } = buildMultipart(parts);
    return t.app.http.inject({ method: 'POST', url: '/api/files/local', payload: body, headers: { 'content-type': contentType, ...as(user) } });
  }
  const command = (path: string, body: Record<string, unknown>, user: string | null) =>
    t.app.http.inject({ method: 'POST', url: `/api/files/local/${path}`, payload: body, headers: as(user) });

  it('guests can neither list nor download (403), nor write (CSRF 400)', async () => {
    assert.equal((await get('/api/files', null)).statusCode, 403);
    assert.equal((await get('/api/files/local/seed.gcode', null)).statusCode, 403);
    assert.equal((await get('/downloads/files/local/seed.gcode', null)).statusCode, 403);
    assert.equal((await upload([filePart('g.gcode', 'G1')], null)).statusCode, 400);
    assert.equal((await t.app.http.inject({ method: 'GET', url: '/api/files', headers: { 'x-api-key': 'wrong' } })).statusCode, 403);
    assert.equal(existsSync(join(t.basedir, 'uploads', 'g.gcode')), false);
  });

  it('readers list and download but cannot upload, move or delete', async () => {
    assert.equal((await get('/api/files', 'reader')).statusCode, 200);
    assert.equal((await get('/downloads/files/local/seed.gcode', 'reader')).statusCode, 200);
    assert.equal((await upload([filePart('r.gcode', 'G1')], 'reader')).statusCode, 403);
    assert.equal((await upload([field('foldername', 'r')], 'reader')).statusCode, 403);
    assert.equal((await command('seed.gcode', { command: 'move', destination: 'x.gcode' }, 'reader')).statusCode, 403);
    assert.equal((await command('seed.gcode', { command: 'select' }, 'reader')).statusCode, 403);
    assert.equal((await t.app.http.inject({ method: 'DELETE', url: '/api/files/local/seed.gcode', headers: as('reader') })).statusCode, 403);
    assert.ok(existsSync(join(t.basedir, 'uploads', 'seed.gcode')));
  });

  it('operators upload, move and delete', async () => {
    const response = await upload([filePart('op.gcode', 'G1')], 'operator');
    assert.equal(response.statusCode, 201, response.body);
    assert.equal((await command('op.gcode', { command: 'move', destination: 'op2.gcode' }, 'operator')).statusCode, 201);
    assert.equal((await t.app.http.inject({ method: 'DELETE', url: '/api/files/local/op2.gcode', headers: as('operator') })).statusCode, 204);
  });

  it('upload without PRINT/FILES_SELECT: 201 with effective flags false; no overwrite without FILES_DELETE (403)', async () => {
    const first = await upload([field('select', 'true'), field('print', 'true'), filePart('up.gcode', 'G1')], 'uploader');
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().effectiveSelect, false);
    assert.equal(first.json().effectivePrint, false);
    const overwrite = await upload([filePart('up.gcode', 'G2')], 'uploader');
    assert.equal(overwrite.statusCode, 403);
    assert.equal(overwrite.json().error, 'File already exists, cannot overwrite due to a lack of permissions');
    assert.equal((await command('up.gcode', { command: 'move', destination: 'moved.gcode' }, 'uploader')).statusCode, 403);
    assert.equal((await command('up.gcode', { command: 'copy', destination: 'copied.gcode' }, 'uploader')).statusCode, 201);
  });
});
