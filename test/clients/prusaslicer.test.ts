// PrusaSlicer / OrcaSlicer replayed (physical printer type "OctoPrint", src/slic3r/Utils/OctoPrint.cpp): the
// connection test GET api/version with X-Api-Key, then the libcurl multipart upload (print, path, file — no select)
// to api/files/local; print=true must start the print on the virtual printer by itself.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { prepareCommand } from '../../src/printer/protocol/index.js';
import { connectVirtualPrinter, fixture, multipart, send, startClientServer, userWithKey } from './client-harness.js';
import type { ClientServer, Part, RawResponse } from './client-harness.js';

/** What libcurl adds to every request of the slicer (Http.cpp sets the user agent). */
const CURL_HEADERS = { Accept: '*/*', 'User-Agent': 'PrusaSlicer/2.8.1' };

interface UploadBody {
  files: { local: { name: string; path: string; origin: string; refs: { resource: string; download: string } } };
  done: boolean;
  effectiveSelect: boolean;
  effectivePrint: boolean;
}

/** `OctoPrint::test`: any HTTP error fails; the body must be JSON with `api`; `text`, if present, starts with OctoPrint. */
async function connectionTest(server: ClientServer, apiKey: string): Promise<RawResponse> {
  const response = await send(server.base, 'GET', '/api/version', { headers: { ...CURL_HEADERS, 'X-Api-Key': apiKey } });
  if (response.status >= 200 && response.status < 300) {
    const body = response.json<{ api?: unknown; text?: unknown; server?: unknown }>();
    assert.equal(typeof body.api, 'string', 'the test fails without "api"');
    if (body.text !== undefined) assert.ok(String(body.text).startsWith('OctoPrint'), `Mismatched type of print host: ${String(body.text)}`);
  }
  return response;
}

/**
 * `upload_inner_with_host`: the test first, then the form libcurl builds — `print`, `path` (the parent of the
 * upload path, "" at the root), optionally OrcaSlicer's `plateindex`, then `file` named by the last path component.
 * libcurl waits for `100 Continue` on bodies this size.
 */
async function upload(server: ClientServer, apiKey: string, uploadPath: string, content: Buffer, print: boolean, plateindex?: string): Promise<RawResponse> {
  const test = await connectionTest(server, apiKey);
  assert.equal(test.status, 200, `the upload stops when the test fails: ${test.text}`);
  const slash = uploadPath.lastIndexOf('/');
  const parent = slash < 0 ? '' : uploadPath.slice(0, slash);
  const filename = uploadPath.slice(slash + 1);
  const boundary = `------------------------${randomBytes(8).toString('hex')}`;
  const parts: Part[] = [
    { headers: ['Content-Disposition: form-data; name="print"'], body: print ? 'true' : 'false' },
    { headers: ['Content-Disposition: form-data; name="path"'], body: parent },
  ];
  if (plateindex !== undefined) parts.push({ headers: ['Content-Disposition: form-data; name="plateindex"'], body: plateindex });
  // The file name goes out as raw UTF-8 bytes inside the quotes.
  parts.push({ headers: [`Content-Disposition: form-data; name="file"; filename="${filename}"`, 'Content-Type: application/octet-stream'], body: content });
  const body = multipart(boundary, parts);
  return send(server.base, 'POST', '/api/files/local', {
    headers: { ...CURL_HEADERS, 'X-Api-Key': apiKey, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body,
    expectContinue: true,
    timeoutMs: 20_000,
  });
}

describe('PrusaSlicer and OrcaSlicer (OctoPrint host type) replayed against the real server', () => {
  let server: ClientServer;
  let apiKey: string;

  before(async () => {
    server = await startClientServer({ virtualPrinter: { instant: true } });
    apiKey = await userWithKey(server.t, 'slicer', ['users']);
    await connectVirtualPrinter(server.base, apiKey);
  });
  after(() => server.close());

  it('"Test" passes with the key, fails readably without it', async () => {
    const ok = await connectionTest(server, apiKey);
    assert.equal(ok.status, 200);
    const version = ok.json<{ api: string; server: string; text: string }>();
    assert.equal(version.api, '0.1');
    assert.match(version.text, /^OctoPrint /);
    assert.equal(typeof version.server, 'string');

    // A wrong key: an HTTP error whose body format_error shows to the user.
    const wrong = await connectionTest(server, 'not-the-key');
    assert.equal(wrong.status, 403);
    assert.equal(typeof wrong.json<{ error: unknown }>().error, 'string');
  });

  it('"Upload and Print" to the root: 201, and print=true alone starts the print, which runs to the end', { timeout: 30_000 }, async () => {
    const content = fixture('m3-nut-relative-e.gcode');
    const record = () => server.t.app.printer.virtualRecord();
    const received = (await record()).received;
    assert.ok(received, 'the virtual printer is connected');
    const started = server.t.app.events.once('PrintStarted', 15_000);
    const done = server.t.app.events.once('PrintDone', 25_000);
    const before = received.length;

    const response = await upload(server, apiKey, 'm3-nut-relative-e.gcode', content, true);
    assert.equal(response.status, 201, response.text);
    const body = response.json<UploadBody>();
    assert.equal(body.done, true);
    assert.equal(body.effectivePrint, true);
    assert.equal(body.files.local.name, 'm3-nut-relative-e.gcode');
    assert.equal(body.files.local.path, 'm3-nut-relative-e.gcode');
    assert.equal(body.files.local.origin, 'local');
    assert.equal(body.files.local.refs.resource, `${server.base}/api/files/local/m3-nut-relative-e.gcode`);
    assert.equal(response.headers.location, `${server.base}/api/files/local/m3-nut-relative-e.gcode`);

    const start = await started;
    assert.equal(start.path, 'm3-nut-relative-e.gcode');
    assert.equal(start.origin, 'local');
    const finish = await done;
    assert.equal(finish.path, 'm3-nut-relative-e.gcode');
    // The firmware received the file's own commands (comments stripped), in order.
    const expected = content
      .toString('latin1')
      .split('\n')
      .map((line) => prepareCommand(line))
      .filter((command): command is string => command !== null);
    const fromFile = ((await record()).received ?? []).slice(before).filter((command) => command !== 'M105');
    assert.deepEqual(fromFile.slice(-expected.length), expected);
  });

  it('"Upload" into a subfolder with a UTF-8 name: path replaces the folder, the name is kept, nothing prints', async () => {
    const response = await upload(server, apiKey, 'prusaslicer/plates/Würfel – 0.2mm.gcode', fixture('m3-nut-relative-e.gcode'), false);
    assert.equal(response.status, 201, response.text);
    const body = response.json<UploadBody>();
    assert.equal(body.effectivePrint, false);
    assert.equal(body.files.local.name, 'Würfel – 0.2mm.gcode');
    assert.equal(body.files.local.path, 'prusaslicer/plates/Würfel – 0.2mm.gcode');
    const stored = await send(server.base, 'GET', `/api/files/local/prusaslicer/plates/${encodeURIComponent('Würfel – 0.2mm.gcode')}`, { headers: { 'X-Api-Key': apiKey } });
    assert.equal(stored.status, 200, stored.text);
    assert.equal(stored.json<{ display: string }>().display, 'Würfel – 0.2mm.gcode');
    const job = await send(server.base, 'GET', '/api/job', { headers: { 'X-Api-Key': apiKey } });
    assert.equal(job.json<{ state: string }>().state, 'Operational');
  });

  it('OrcaSlicer adds plateindex: the unknown field is ignored', async () => {
    const response = await upload(server, apiKey, 'orca/plate_1.gcode', fixture('m3-nut-relative-e.gcode'), false, '0');
    assert.equal(response.status, 201, response.text);
    assert.equal(response.json<UploadBody>().files.local.path, 'orca/plate_1.gcode');
  });

  it('a failed upload answers with a status and a readable {"error"} body', async () => {
    // A mistyped key on a cookie-less upload: OctoPrint refuses it (CSRF, as the key is not valid); the slicer shows it.
    const boundary = `------------------------${randomBytes(8).toString('hex')}`;
    const refused = await send(server.base, 'POST', '/api/files/local', {
      headers: { ...CURL_HEADERS, 'X-Api-Key': 'mistyped', 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body: multipart(boundary, [{ headers: ['Content-Disposition: form-data; name="file"; filename="x.gcode"', 'Content-Type: application/octet-stream'], body: 'G28\n' }]),
    });
    assert.ok(refused.status === 400 || refused.status === 403, `status ${refused.status}`);
    assert.equal(typeof refused.json<{ error: unknown }>().error, 'string');

    // Not a G-code type: 415 with a message.
    const wrongType = await upload(server, apiKey, 'notes.txt', Buffer.from('hello'), false);
    assert.equal(wrongType.status, 415);
    assert.equal(typeof wrongType.json<{ error: unknown }>().error, 'string');
  });
});
