// Catalogue section G (FILE): upload field tricks, broken multipart, traversal in names, paths, moves and
// downloads, symlinks, file types, name encodings and sanitising, size limits — nothing lands outside uploads/.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildMultipart, field, filePart } from '../../src/server/http/multipart/multipart-body-builder.js';
import type { MultipartPart } from '../../src/server/http/multipart/multipart-body-builder.js';
import { assertAlive, assertRefused, sleep } from './support/checks.js';
import { makeSentinels, seedUsers } from './support/fixtures.js';
import type { Fixtures, Sentinels } from './support/fixtures.js';
import { rawExchange, rawStatus, send, upload } from './support/http-client.js';
import type { Reply } from './support/http-client.js';
import { probe, startSecurityServer } from './support/security-server.js';
import type { SecurityServer } from './support/security-server.js';

const T = { timeout: 20_000 };

describe('FILE: uploads, paths and file names', () => {
  let server: SecurityServer;
  let fixtures: Fixtures;
  let sentinels: Sentinels;
  let key: Record<string, string>;
  const temp = () => readdirSync(join(server.basedir, 'data', 'tmp')).filter((n) => n.startsWith('upload-'));
  /** Every file below the basedir's parent folder that is not in uploads/, data/, logs/ or a known file. */
  const strays = (): string[] => {
    const top = readdirSync(server.basedir).filter((n) => !['uploads', 'data', 'logs', 'printerProfiles', 'timelapse', 'config.yaml', 'users.yaml', 'groups.yaml'].includes(n));
    const outside = readdirSync(join(server.basedir, '..')).filter((n) => /evil|usfhsec/i.test(n));
    return [...top, ...outside, ...readdirSync(sentinels.dir).filter((n) => !n.startsWith('sentinel') && !n.startsWith('config-copy'))];
  };
  const sendParts = (parts: MultipartPart[], headers = key): Promise<Reply> => {
    const body = buildMultipart(parts);
    return send(server.port, 'POST', '/api/files/local', { body: body.body, headers: { ...headers, 'content-type': body.contentType } });
  };
  const storedNames = async (): Promise<string[]> => {
    const list = await send(server.port, 'GET', '/api/files/local?recursive=true', { headers: key });
    const names: string[] = [];
    const walk = (entries: Array<{ path: string; children?: unknown[] }>) => {
      for (const entry of entries) {
        names.push(entry.path);
        if (Array.isArray(entry.children)) walk(entry.children as Array<{ path: string }>);
      }
    };
    walk(list.json<{ files: Array<{ path: string }> }>().files);
    return names;
  };

  before(async () => {
    server = await startSecurityServer({ config: { server: { uploads: { maxSize: 1024 * 1024 } } } });
    fixtures = await seedUsers(server);
    sentinels = makeSentinels(server);
    key = { 'x-api-key': fixtures.keys.alice };
  });
  after(async () => {
    sentinels.remove();
    await server.close();
  });

  it('FILE-01: file.name/file.path fields without a file part are refused; nothing is read from the given path', T, async () => {
    const reply = await sendParts([field('file.name', 'usfhsec.gcode'), field('file.path', sentinels.secret)]);
    assert.equal(reply.status, 400);
    assert.equal((await send(server.port, 'GET', '/api/files/local/usfhsec.gcode', { headers: key })).status, 404);
    assert.ok(sentinels.untouched());
    assert.deepEqual(strays(), []);
  });

  it('FILE-02: file.* query parameters never become an upload', T, async () => {
    for (const query of [`file.name=x.gcode&file.path=${encodeURIComponent(sentinels.secret)}`, 'file.size=1', 'file.content_type=x']) {
      const post = await send(server.port, 'POST', `/api/files/local?${query}`, { headers: key });
      assert.equal(post.status, 400, query);
      for (const method of ['GET', 'HEAD']) {
        const reply = await send(server.port, method, `/api/files/local?${query}`, { headers: key });
        assert.ok(reply.status < 500 && !reply.text.includes(sentinels.secretText.trim()), `${method} ${query}`);
      }
    }
    assert.equal((await send(server.port, 'GET', '/api/files/local/x.gcode', { headers: key })).status, 404);
    assert.ok(sentinels.untouched());
  });

  it('FILE-02b: reserved upload field names answer 400 and write nothing: next to a real file, alone, in any query', T, async () => {
    const before = await storedNames();
    for (const name of ['file.name', 'file.path', 'file.size', 'file.content_type', 'upload.name', 'upload.path']) {
      const beside = await sendParts([filePart('reserved-beside.gcode', 'G28\n'), field(name, sentinels.secret)]);
      assert.equal(beside.status, 400, `${name} after the file: ${beside.text}`);
      assert.equal(typeof beside.json<{ error: string }>().error, 'string');
      const first = await sendParts([field(name, 'reserved-first.gcode'), filePart('reserved-first.gcode', 'G28\n')]);
      assert.equal(first.status, 400, `${name} before the file`);
      assert.equal((await sendParts([field(name, sentinels.secret)])).status, 400, `${name} alone`);
      const query = `${name}=${encodeURIComponent(sentinels.secret)}`;
      const withFile = buildMultipart([filePart('reserved-query.gcode', 'G28\n')]);
      const post = await send(server.port, 'POST', `/api/files/local?${query}`, { body: withFile.body, headers: { ...key, 'content-type': withFile.contentType } });
      assert.equal(post.status, 400, `POST ?${query}`);
      for (const method of ['GET', 'HEAD']) {
        for (const path of ['/api/files/local', '/api/files', '/api/version']) {
          assert.equal((await send(server.port, method, `${path}?${query}`, { headers: key })).status, 400, `${method} ${path}?${query}`);
        }
      }
    }
    await sleep(100);
    assert.deepEqual(await storedNames(), before, 'nothing was stored');
    assert.deepEqual(temp(), [], 'no temp file is left');
    assert.ok(sentinels.untouched());
  });

  it('FILE-04: unterminated multipart, a missing boundary and an overlong boundary are 400 at once; temp files go', T, async () => {
    const head = Buffer.from('--B\r\nContent-Disposition: form-data; name="file"; filename="open.gcode"\r\nContent-Type: text/plain\r\n\r\nG28\r\n');
    const open = (headers: string) => `POST /api/files/local HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Content-Type: multipart/form-data; boundary=B\r\nContent-Length: ${head.length}\r\n\r\n`;
    const started = Date.now();
    const [anonymous, authenticated, alive] = await Promise.all([
      rawExchange(server.port, Buffer.concat([Buffer.from(open('')), head]), 3000),
      rawExchange(server.port, Buffer.concat([Buffer.from(open(`X-Api-Key: ${fixtures.keys.alice}\r\n`)), head]), 3000),
      (async () => {
        await sleep(50);
        return probe(server.port);
      })(),
    ]);
    assert.ok([400, 403].includes(rawStatus(anonymous.response)), 'anonymous: refused (CSRF or permission) before the body');
    assert.equal(rawStatus(authenticated.response), 400, authenticated.response.slice(0, 200));
    assert.ok(Date.now() - started < 2500, 'answered quickly');
    assert.ok(alive.status === 200 && alive.ms < 500, `currentuser in ${alive.ms} ms`);
    const noBoundary = await send(server.port, 'POST', '/api/files/local', { body: head, headers: { ...key, 'content-type': 'multipart/form-data' } });
    assert.equal(noBoundary.status, 400);
    const long = 'b'.repeat(71);
    const longBoundary = await send(server.port, 'POST', '/api/files/local', { body: head, headers: { ...key, 'content-type': `multipart/form-data; boundary=${long}` } });
    assert.equal(longBoundary.status, 400);
    await sleep(100);
    assert.deepEqual(temp(), []);
    assert.equal((await send(server.port, 'GET', '/api/files/local/open.gcode', { headers: key })).status, 404);
  });

  it('a part without a name (found by fuzzing: it once crashed the server) is an answer, not a crash', T, async () => {
    const reply = await sendParts([{ disposition: 'filename="nameless.gcode"', content: 'G28\n' }, { disposition: Buffer.from(''), content: 'x' }]);
    assert.equal(reply.status, 400);
    await assertAlive(server);
    assert.deepEqual(temp(), []);
  });

  it('FILE-05: traversal in the uploaded file name is refused or sanitised strictly inside uploads/', T, async () => {
    const names = ['../../evil.gcode', '..\\..\\evil2.gcode', '/etc/evil3.gcode', '%2e%2e%2fevil4.gcode', '....//evil5.gcode', 'evil6.gcode\u0000.txt', './../evil7.gcode'];
    for (const name of names) {
      const reply = await sendParts([filePart(name, 'G28\n')]);
      assertRefused(reply, [201, 400, 415], JSON.stringify(name));
      if (reply.status === 201) {
        const stored = reply.json<{ files: { local: { path: string } } }>().files.local.path;
        assert.ok(!stored.split('/').some((s) => s === '..' || s === '.' || s === ''), `stored as ${stored}`);
      }
    }
    for (const stored of await storedNames()) assert.ok(!stored.includes('..'), stored);
    assert.deepEqual(strays(), []);
    assert.ok(sentinels.untouched());
  });

  it('FILE-06: traversal in the path field, folder names and move destinations is refused', T, async () => {
    for (const path of ['../../', 'sub/../../', '..', 'a/../..']) {
      assert.equal((await sendParts([filePart('f06.gcode', 'G28\n'), field('path', path)])).status, 400, `path=${path}`);
    }
    const absolute = await sendParts([filePart('f06abs.gcode', 'G28\n'), field('path', '/abs')]);
    assertRefused(absolute, [201, 400], 'path=/abs');
    if (absolute.status === 201) assert.equal(absolute.json<{ files: { local: { path: string } } }>().files.local.path, 'abs/f06abs.gcode');
    for (const foldername of ['../../x', '..', 'a/../../x']) {
      assert.equal((await send(server.port, 'POST', '/api/files/local', { headers: key, form: { foldername } })).status, 400, foldername);
    }
    assert.equal((await upload(server.port, 'x.gcode', 'G28\n', key)).status, 201);
    for (const destination of ['../../x.gcode', '../x.gcode', 'a/../../x.gcode']) {
      const move = await send(server.port, 'POST', '/api/files/local/x.gcode', { headers: key, json: { command: 'move', destination } });
      assert.equal(move.status, 400, destination);
      const copy = await send(server.port, 'POST', '/api/files/local/x.gcode', { headers: key, json: { command: 'copy', destination } });
      assert.equal(copy.status, 400, destination);
    }
    assert.deepEqual(strays(), []);
  });

  it('FILE-08: symlinks inside uploads/ are never listed, served, moved or copied', T, async () => {
    const uploads = join(server.basedir, 'uploads');
    symlinkSync('/etc', join(uploads, 'link'));
    symlinkSync(sentinels.secret, join(uploads, 'l.gcode'));
    const list = await send(server.port, 'GET', '/api/files/local?recursive=true&force=true', { headers: key });
    assert.equal(list.status, 200);
    assert.ok(!/"link"|"l\.gcode"/.test(list.text), 'symlinks are not listed');
    const reads = [
      await send(server.port, 'GET', '/api/files/local/link/passwd', { headers: key }),
      await send(server.port, 'GET', '/api/files/local/l.gcode', { headers: key }),
      await send(server.port, 'GET', '/downloads/files/local/l.gcode', { headers: key }),
      await send(server.port, 'GET', '/downloads/files/local/link/passwd', { headers: key }),
      await send(server.port, 'POST', '/api/files/local/link/passwd', { headers: key, json: { command: 'copy', destination: 'stolen.gcode' } }),
      await send(server.port, 'POST', '/api/files/local/l.gcode', { headers: key, json: { command: 'copy', destination: 'stolen2.gcode' } }),
      await send(server.port, 'POST', '/api/files/local/l.gcode', { headers: key, json: { command: 'move', destination: 'stolen3.gcode' } }),
      await send(server.port, 'POST', '/api/files/local/l.gcode', { headers: key, json: { command: 'select' } }),
      await send(server.port, 'DELETE', '/api/files/local/link', { headers: key }),
    ];
    for (const reply of reads) {
      assertRefused(reply, [400, 404, 409], 'symlink access');
      assert.ok(!reply.text.includes('root:') && !reply.text.includes(sentinels.secretText.trim()));
    }
    for (const name of ['stolen.gcode', 'stolen2.gcode', 'stolen3.gcode']) {
      assert.equal((await send(server.port, 'GET', `/api/files/local/${name}`, { headers: key })).status, 404);
    }
    assert.ok(sentinels.untouched());
    assert.equal(readFileSync('/etc/hostname', 'utf8').length >= 0, true);
  });

  it('FILE-09: only printable types are stored; downloads are attachments that are never sniffed', T, async () => {
    for (const name of ['x.html', 'x.svg', 'x.gcode.html', 'x.js', 'x.htm', 'x.exe']) {
      assert.equal((await upload(server.port, name, '<script>alert(1)</script>', key)).status, 415, name);
    }
    assert.equal((await upload(server.port, 'upper.GCODE', 'G28\n', key)).status, 201);
    assert.equal((await upload(server.port, 'nine.gcode', '<html><script>alert(1)</script>\n', key)).status, 201);
    const move = await send(server.port, 'POST', '/api/files/local/nine.gcode', { headers: key, json: { command: 'move', destination: 'nine.html' } });
    assert.equal(move.status, 415);
    const download = await send(server.port, 'GET', '/downloads/files/local/nine.gcode', { headers: key });
    assert.equal(download.status, 200);
    assert.match(String(download.headers['content-type']), /^(text\/plain|application\/octet-stream)/);
    assert.match(String(download.headers['content-disposition']), /^attachment/);
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
  });

  it('FILE-10: name encodings decode to the same name; filename* wins; broken or CR/LF-carrying names are 400', T, async () => {
    const display = async (disposition: string | Buffer): Promise<Reply> => sendParts([{ disposition, content: 'G28\n', contentType: 'text/plain' }]);
    const variants: Array<string | Buffer> = [
      Buffer.from('name="file"; filename="ü1.gcode"', 'utf8'),
      Buffer.concat([Buffer.from('name="file"; filename="'), Buffer.from([0xfc]), Buffer.from('2.gcode"')]),
      "name=\"file\"; filename*=UTF-8''%C3%BC3.gcode",
      "name=\"file\"; filename*=ISO-8859-1''%FC4.gcode",
    ];
    for (const [index, variant] of variants.entries()) {
      const reply = await display(variant);
      assert.equal(reply.status, 201, `${index}: ${reply.text}`);
      assert.equal(reply.json<{ files: { local: { name: string } } }>().files.local.name, `ü${index + 1}.gcode`);
    }
    const both = await display("name=\"file\"; filename=\"plain.gcode\"; filename*=UTF-8''%C3%BCstar.gcode");
    assert.equal(both.status, 201);
    assert.equal(both.json<{ files: { local: { name: string } } }>().files.local.name, 'üstar.gcode');
    assertRefused(await display("name=\"file\"; filename*=utf-8''%ZZ.gcode"), [400], 'an invalid escape');
    assert.equal((await display("name=\"file\"; filename*=UTF-8''a%0D%0Ab.gcode")).status, 400);
    assert.equal((await display("name=\"file\"; filename*=UTF-8''a%0Ab.gcode")).status, 400);
  });

  it('FILE-11: shell metacharacters, control characters, leading dots and trailing dots or spaces are stripped', T, async () => {
    // Control bytes raw in a part header make the header malformed (400); percent-encoded in filename* they
    // reach the sanitiser.
    for (const raw of ['ctl\u0001x.gcode', 'del\u007fx.gcode']) assertRefused(await upload(server.port, raw, 'G28\n', key), [201, 400], JSON.stringify(raw));
    const names = ['a;b|c&d?e$f*g<h>i.gcode', '.hidden.gcode', 'trail.gcode ', 'dots.gcode..', "*=UTF-8''ctl%01x.gcode", "*=UTF-8''del%7Fx.gcode", "*=UTF-8''bidi%E2%80%AEx.gcode"];
    for (const name of names) {
      const reply = name.startsWith('*=')
        ? await sendParts([{ disposition: `name="file"; filename${name}`, content: 'G28\n' }])
        : await upload(server.port, name, 'G28\n', key);
      assert.equal(reply.status, 201, `${JSON.stringify(name)}: ${reply.text}`);
      const stored = reply.json<{ files: { local: { name: string } } }>().files.local.name;
      assert.ok(!/[\u202a-\u202e]/.test(stored), stored);
      assert.ok(!/[;|&?$*<>\u0000-\u001f\u007f]/.test(stored), stored);
      assert.ok(!stored.startsWith('.') && !stored.endsWith(' ') && !stored.endsWith('.'), stored);
    }
  });

  it('FILE-13: long, reserved, empty and dot names are refused or neutralised, never a 5xx', T, async () => {
    const names = [`${'ü'.repeat(150)}.gcode`, 'CON.gcode', 'nul.gcode', 'aux.gcode', `${'a'.repeat(4096)}.gcode`, '', '.', '..'];
    for (const name of names) {
      const reply = await upload(server.port, name, 'G28\n', key);
      assertRefused(reply, [201, 400, 415], `${name.slice(0, 20)} (${name.length})`);
      if (reply.status === 201) {
        const stored = reply.json<{ files: { local: { name: string } } }>().files.local.name;
        assert.ok(Buffer.byteLength(stored) <= 255, `${Buffer.byteLength(stored)} bytes`);
        assert.ok(!/^(con|nul|aux)\./i.test(stored), stored);
      }
    }
    await assertAlive(server);
  });

  it('FILE-14: an upload over the limit is 413 before the body is read; a command body over 100 KB is 413', T, async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 0x41);
    const request = `POST /api/files/local HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: ${fixtures.keys.alice}\r\nContent-Type: multipart/form-data; boundary=B\r\nContent-Length: ${big.length}\r\n\r\n`;
    const exchange = await rawExchange(server.port, Buffer.concat([Buffer.from(request), big.subarray(0, 64 * 1024)]), 3000);
    assert.equal(rawStatus(exchange.response), 413);
    assert.ok(exchange.closed, 'the connection is closed instead of reading the rest');
    const lying = await rawExchange(
      server.port,
      Buffer.concat([Buffer.from(request.replace(`Content-Length: ${big.length}`, `Content-Length: ${big.length - 100}`).replace('boundary=B', 'boundary=C')), Buffer.from('--C\r\nContent-Disposition: form-data; name="file"; filename="big.gcode"\r\n\r\n'), big]),
      5000,
    );
    assert.ok([400, 413].includes(rawStatus(lying.response)), lying.response.slice(0, 100));
    const command = await send(server.port, 'POST', '/api/printer/command', { headers: key, json: { command: `M117 ${'x'.repeat(110 * 1024)}` } });
    assert.equal(command.status, 413);
    await sleep(100);
    assert.deepEqual(temp(), []);
    assert.equal((await send(server.port, 'GET', '/api/files/local/big.gcode', { headers: key })).status, 404);
  });

  it('FILE-16: traversal in download and file URLs never returns a file', T, async () => {
    const configText = readFileSync(join(server.basedir, 'config.yaml'), 'utf8');
    const paths = [
      '/api/files/local/..%2F..%2Fconfig.yaml',
      '/api/files/local/%2e%2e/%2e%2e/config.yaml',
      '/downloads/files/local/../../config.yaml',
      '/downloads/files/local/..%2F..%2Fconfig.yaml',
      '/downloads/files/local/%2e%2e/%2e%2e/config.yaml',
      '/downloads/files/local/%252e%252e%252fconfig.yaml',
      '/downloads/files/local/..%5C..%5Cconfig.yaml',
      '/api/timelapse/..%2Fconfig.yaml',
      '/downloads/timelapse/..%2F..%2Fconfig.yaml',
      '/downloads/logs/..%2Fconfig.yaml',
    ];
    for (const path of paths) {
      const reply = await send(server.port, 'GET', path, { headers: { 'x-api-key': fixtures.keys.admin } });
      assertRefused(reply, [400, 404, 405], path);
      assert.ok(!reply.text.includes('discovery') || !reply.text.includes(configText.slice(0, 20)), `${path} returned config text`);
    }
  });
});
