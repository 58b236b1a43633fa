// In-memory tests of POST /api/files/local: filename encodings, folders, fields, answers, refusals and traversal.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { buildMultipart, field, filePart } from '../multipart/multipart-body-builder.js';
import type { MultipartPart } from '../multipart/multipart-body-builder.js';

function rawFile(disposition: Buffer | string, content = 'G28\n'): MultipartPart {
  const tail = Buffer.isBuffer(disposition) ? disposition : Buffer.from(disposition);
  return { disposition: Buffer.concat([Buffer.from('name="file"; '), tail]), content, contentType: 'application/octet-stream' };
}

/** Every file below a folder, relative, for "nothing written outside uploads/" checks. */
function listTree(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? [path, ...listTree(root, path)] : [path];
  });
}

/** With access control off, a key header (any value) marks the request as non-browser, so no CSRF token is needed. */
const KEY = { 'x-api-key': 'tests' };

describe('POST /api/files/local', () => {
  let t: TestApp;
  let outsideBefore: string[];

  before(async () => {
    t = await createTestApp({
      config: 'accessControl:\n  enabled: false\nserver:\n  reverseProxy:\n    trustedProxies: ["127.0.0.1/32"]\n',
    });
    outsideBefore = listTree(t.basedir).filter((p) => !p.startsWith('uploads') && !p.startsWith('data/tmp') && !p.startsWith('logs'));
  });
  after(() => t.close());

  async function upload(parts: MultipartPart[], headers: Record<string, string> = {}, url = '/api/files/local') {
    const { body, contentType } = buildMultipart(parts);
    return t.app.http.inject({ method: 'POST', url, payload: body, headers: { 'content-type': contentType, ...KEY, ...headers } });
  }

  const uploads = (): string => join(t.basedir, 'uploads');

  it('stores a UTF-8 name unchanged and answers 201 with an absolute Location', async () => {
    const response = await upload([filePart('Grüße_测试.gcode', 'G28\nG1 X10\n')]);
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json();
    assert.equal(body.done, true);
    assert.equal(body.effectiveSelect, false);
    assert.equal(body.effectivePrint, false);
    assert.deepEqual(Object.keys(body.files), ['local']);
    const local = body.files.local;
    assert.equal(local.name, 'Grüße_测试.gcode');
    assert.equal(local.path, 'Grüße_测试.gcode');
    assert.equal(local.origin, 'local');
    const encoded = encodeURIComponent('Grüße_测试.gcode');
    assert.equal(local.refs.resource, `http://localhost:80/api/files/local/${encoded}`);
    assert.equal(response.headers.location, local.refs.resource);
    assert.match(local.refs.download, /\/downloads\/files\/local\/Gr%C3%BC%C3%9Fe_/);
    assert.equal(readFileSync(join(uploads(), 'Grüße_测试.gcode'), 'utf8'), 'G28\nG1 X10\n');
  });

  it('decodes an ISO-8859-1 part header', async () => {
    const response = await upload([rawFile(Buffer.concat([Buffer.from('filename="latin-'), Buffer.from([0xfc]), Buffer.from('.gcode"')]))]);
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.json().files.local.name, 'latin-ü.gcode');
    assert.ok(existsSync(join(uploads(), 'latin-ü.gcode')));
  });

  it('honours filename* alone and when filename is present too', async () => {
    const alone = await upload([rawFile("filename*=UTF-8''star-%C3%BC.gcode")]);
    assert.equal(alone.json().files.local.name, 'star-ü.gcode');
    const both = await upload([rawFile("filename=\"fallback.gcode\"; filename*=UTF-8''%E6%B5%8B%E8%AF%95-star.gcode")]);
    assert.equal(both.json().files.local.name, '测试-star.gcode');
    assert.equal(existsSync(join(uploads(), 'fallback.gcode')), false);
  });

  it('normalises names to NFC', async () => {
    const response = await upload([filePart('Gru\u0308n.gcode', 'G1')]);
    assert.equal(response.json().files.local.name, 'Grün.gcode');
  });

  it('creates missing folders from the path field and honours reverse-proxy headers in refs', async () => {
    const response = await upload([field('path', 'prusa/new folder'), filePart('part.gcode', 'G1')], {
      'x-forwarded-host': 'printer.example',
      'x-forwarded-proto': 'https',
      'x-script-name': '/octoprint',
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.json().files.local.path, 'prusa/new folder/part.gcode');
    assert.equal(response.headers.location, 'https://printer.example/octoprint/api/files/local/prusa/new%20folder/part.gcode');
    assert.ok(existsSync(join(uploads(), 'prusa', 'new folder', 'part.gcode')));
  });

  it('takes a Windows path field, the undocumented filename field, and userdata', async () => {
    const response = await upload([
      field('path', 'win\\sub'),
      field('filename', 'renamed.gcode'),
      field('userdata', '{"slicer":"test"}'),
      filePart('original.gcode', 'G1'),
    ]);
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.json().files.local.path, 'win/sub/renamed.gcode');
    const metadata = JSON.parse(readFileSync(join(uploads(), 'win', 'sub', '.metadata.json'), 'utf8'));
    assert.deepEqual(metadata['renamed.gcode'].userdata, { slicer: 'test' });
  });

  it('sanitises names (leading dot, forbidden characters) and keeps the original as display', async () => {
    const response = await upload([filePart('.a;b|c.gcode', 'G1')]);
    assert.equal(response.json().files.local.name, 'abc.gcode');
    const listed = await t.app.http.inject({ method: 'GET', url: '/api/files/local/abc.gcode' });
    assert.equal(listed.json().display, '.a;b|c.gcode');
  });

  it('overwrites an existing file, and refuses with noOverwrite', async () => {
    await upload([filePart('same.gcode', 'first')]);
    const again = await upload([filePart('same.gcode', 'second')]);
    assert.equal(again.statusCode, 201);
    assert.equal(readFileSync(join(uploads(), 'same.gcode'), 'utf8'), 'second');
    const refused = await upload([field('noOverwrite', 'true'), filePart('same.gcode', 'third')]);
    assert.equal(refused.statusCode, 409);
    assert.equal(readFileSync(join(uploads(), 'same.gcode'), 'utf8'), 'second');
  });

  it('fires Upload, FileAdded and UpdatedFiles', async () => {
    const seen: string[] = [];
    const subscription = t.app.events.onAny((name, payload) => seen.push(`${name}:${JSON.stringify(payload)}`));
    await upload([field('select', 'true'), field('print', 'true'), filePart('events.gcode', 'G1')]);
    subscription.dispose();
    assert.ok(seen.includes('FileAdded:{"storage":"local","path":"events.gcode","name":"events.gcode","type":["machinecode","gcode"]}'), seen.join('\n'));
    assert.ok(seen.includes('UpdatedFiles:{"type":"printables"}'));
    const uploadEvent = seen.find((s) => s.startsWith('Upload:'));
    assert.equal(
      uploadEvent,
      'Upload:{"name":"events.gcode","path":"events.gcode","target":"local","select":true,"print":true,"effective_select":false,"effective_print":false}',
    );
  });

  it('creates a folder with foldername (multipart and form-encoded)', async () => {
    const multipart = await upload([field('foldername', 'made'), field('path', 'parent')]);
    assert.equal(multipart.statusCode, 201, multipart.body);
    assert.deepEqual(multipart.json().folder.path, 'parent/made');
    assert.equal(multipart.json().done, true);
    assert.match(String(multipart.headers.location), /\/api\/files\/local\/parent\/made$/);
    const form = await t.app.http.inject({
      method: 'POST',
      url: '/api/files/local',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...KEY },
      payload: 'foldername=formmade',
    });
    assert.equal(form.statusCode, 201, form.body);
    assert.ok(existsSync(join(uploads(), 'formmade')));
    const fileLike = await upload([field('foldername', 'looks.gcode')]);
    assert.equal(fileLike.statusCode, 409);
  });

  it('refuses: wrong type 415, no file 400, missing length 411, missing boundary 400, unknown origin 404', async () => {
    for (const name of ['x.html', 'x.svg', 'x.gcode.html', 'x.js', 'noextension']) {
      const response = await upload([filePart(name, 'G1')]);
      assert.equal(response.statusCode, 415, `${name}: ${response.body}`);
      assert.equal(typeof response.json().error, 'string');
    }
    assert.equal((await upload([filePart('UPPER.GCODE', 'G1')])).statusCode, 201);
    assert.equal((await upload([field('print', 'true')])).statusCode, 400);
    // (411 for a body without Content-Length is tested over a real socket: inject always sets the length.)
    const { body } = buildMultipart([filePart('x.gcode', 'G1')]);
    const noBoundary = await t.app.http.inject({ method: 'POST', url: '/api/files/local', payload: body, headers: { 'content-type': 'multipart/form-data', ...KEY } });
    assert.equal(noBoundary.statusCode, 400);
    const longBoundary = await t.app.http.inject({
      method: 'POST',
      url: '/api/files/local',
      payload: body,
      headers: { 'content-type': `multipart/form-data; boundary=${'b'.repeat(71)}`, ...KEY },
    });
    assert.equal(longBoundary.statusCode, 400);
    assert.equal((await upload([filePart('x.gcode', 'G1')], {}, '/api/files/elsewhere')).statusCode, 404);
    assert.equal((await upload([field('userdata', '{bad'), filePart('u.gcode', 'G1')])).statusCode, 400);
    assert.equal((await t.app.http.inject({ method: 'POST', url: '/api/files/local', headers: KEY })).statusCode, 400);
  });

  it('answers the SD card like OctoPrint without a card: 409 for uploads, 400 for folders', async () => {
    assert.equal((await upload([filePart('sd.gcode', 'G1')], {}, '/api/files/sdcard')).statusCode, 409);
    assert.equal((await upload([field('foldername', 'x')], {}, '/api/files/sdcard')).statusCode, 400);
  });

  it('ignores the internal field names OctoPrint once trusted', async () => {
    const response = await upload([field('file.name', 'usfhsec.gcode'), field('file.path', join(t.basedir, 'config.yaml')), field('file.size', '1')]);
    assert.equal(response.statusCode, 400);
    const query = await t.app.http.inject({
      method: 'POST',
      url: `/api/files/local?file.name=q.gcode&file.path=${encodeURIComponent(join(t.basedir, 'config.yaml'))}`,
      headers: KEY,
    });
    assert.equal(query.statusCode, 400);
    assert.equal((await t.app.http.inject({ method: 'GET', url: '/api/files/local/usfhsec.gcode' })).statusCode, 404);
    assert.equal(existsSync(join(uploads(), 'q.gcode')), false);
  });

  it('keeps every traversal attempt inside uploads/', async () => {
    const names = ['../../evil.gcode', '..\\..\\evil.gcode', '/etc/evil.gcode', '%2e%2e%2fevil.gcode', '....//evil.gcode', 'evil.gcode\u0000.txt', '..', '.'];
    for (const name of names) {
      const response = await upload([rawFile(`filename="${name}"`)]);
      assert.ok([201, 400, 415].includes(response.statusCode), `${JSON.stringify(name)} → ${response.statusCode}`);
      if (response.statusCode === 201) assert.ok(!String(response.json().files.local.path).includes('..'));
    }
    for (const path of ['../../', 'sub/../../', '..', 'a/../b']) {
      const response = await upload([field('path', path), filePart('p.gcode', 'G1')]);
      assert.equal(response.statusCode, 400, `path ${path}`);
    }
    for (const folder of ['../../x', '..', 'a/../../x']) {
      const response = await upload([field('foldername', folder)]);
      assert.equal(response.statusCode, 400, `foldername ${folder}`);
    }
    const outsideNow = listTree(t.basedir).filter((p) => !p.startsWith('uploads') && !p.startsWith('data/tmp') && !p.startsWith('logs'));
    assert.deepEqual(outsideNow, outsideBefore);
    assert.deepEqual(readdirSync(join(t.basedir, 'data', 'tmp')), []);
    assert.equal(existsSync(join(t.basedir, '..', 'evil.gcode')), false);
  });
});
