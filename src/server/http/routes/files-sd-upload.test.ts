// POST /api/files/sdcard with the virtual printer: OctoPrint's 409s, the permission, the 201 answer, and the copy.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { until } from '../../../../test/support/until.js';
import { buildMultipart, field, filePart } from '../multipart/multipart-body-builder.js';
import type { MultipartPart } from '../multipart/multipart-body-builder.js';

const BUSY = 'Can not upload to SD card, printer is either not operational or already busy';
const NOT_READY = 'Can not upload to SD card, not yet initialized';
const GCODE = `G28\n${Array.from({ length: 50 }, (_, i) => `G1 X${i} Y${i}`).join('\n')}\n`;

describe('upload to the SD card', () => {
  let t: TestApp;
  const keys: Record<string, string> = {};

  before(async () => {
    // The wire at 115200 baud: a copy of a few thousand lines takes seconds, long enough to be seen under way.
    t = await createTestApp({ config: 'plugins:\n  virtual_printer:\n    emulateBaudrate: true\n' });
    await addUser(t.app, 'admin', 'admin-password-1', ['admins', 'users']);
    await addUser(t.app, 'reader', 'reader-password-1', ['readonly']);
    await t.app.access.accounts.addGroup({ key: 'listers', name: 'Listers', permissions: ['FILES_LIST', 'CONNECTION', 'STATUS'] });
    await addUser(t.app, 'lister', 'lister-password-1', ['listers']);
    for (const name of ['admin', 'reader', 'lister']) keys[name] = await t.app.access.accounts.generateApiKey(name);
  });
  after(() => t.close());

  function upload(parts: MultipartPart[], user = 'admin') {
    const { body, contentType } = buildMultipart(parts);
    return t.app.http.inject({ method: 'POST', url: '/api/files/sdcard', payload: body, headers: { 'content-type': contentType, 'x-api-key': keys[user] ?? '' } });
  }
  const get = (url: string) => t.app.http.inject({ method: 'GET', url, headers: { 'x-api-key': keys.admin ?? '' } });

  it('answers 409 while the printer is offline, and stores nothing', async () => {
    const response = await upload([filePart('offline.gcode', GCODE)]);
    assert.equal(response.statusCode, 409);
    assert.deepEqual(response.json(), { error: BUSY });
    assert.equal((await get('/api/files/local/offline.gcode')).statusCode, 404);
  });

  it('needs FILES_UPLOAD, as an upload to the host does', async () => {
    assert.equal((await upload([filePart('r.gcode', GCODE)], 'reader')).statusCode, 403);
    assert.equal((await upload([filePart('l.gcode', GCODE)], 'lister')).statusCode, 403);
  });

  it('answers 409 while the card is not ready', async () => {
    const { attempt } = await t.app.printer.service.connect({ port: 'VIRTUAL', baudrate: 115200 });
    assert.equal(await attempt, true);
    const driver = t.app.printer.driver;
    await until(() => driver.sd.ready(), 'the card is ready', 10_000);
    await driver.call('releaseSd');
    await until(() => !driver.sd.ready(), 'the card is released', 10_000);
    const response = await upload([filePart('nocard.gcode', GCODE)]);
    assert.equal(response.statusCode, 409);
    assert.deepEqual(response.json(), { error: NOT_READY });
    await driver.call('initSd');
    await until(() => driver.sd.ready(), 'the card is ready again', 10_000);
  });

  it('stores the file, copies it onto the card, answers 201 with the card as Location, then selects the copy', async () => {
    const fired: Array<[string, unknown]> = [];
    for (const name of ['TransferStarted', 'TransferDone', 'Upload'] as const) t.app.events.on(name, (payload) => fired.push([name, payload]));
    const response = await upload([field('select', 'true'), filePart('Big Part.gcode', GCODE)]);
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json();
    assert.equal(response.headers.location, 'http://localhost:80/api/files/sdcard/big_part.gco');
    assert.deepEqual(body.files.sdcard, { name: 'big_part.gco', path: 'big_part.gco', origin: 'sdcard', refs: { resource: 'http://localhost:80/api/files/sdcard/big_part.gco' } });
    assert.equal(body.files.local.path, 'Big Part.gcode');
    assert.equal(body.done, false);
    assert.equal(body.effectiveSelect, true);
    assert.equal((await get('/api/files/local/Big%20Part.gcode')).statusCode, 200);
    await until(() => fired.some(([name]) => name === 'TransferDone'), 'TransferDone', 20_000);
    assert.deepEqual(fired.find(([name]) => name === 'TransferStarted')?.[1], { local: 'Big Part.gcode', remote: 'big_part.gco' });
    assert.equal((fired.find(([name]) => name === 'Upload')?.[1] as { target: string }).target, 'sdcard');
    await until(async () => (await get('/api/files/sdcard')).json().files.some((f: { name: string }) => f.name === 'big_part.gco'), 'listed on the card', 10_000);
    await until(async () => (await get('/api/job')).json().job.file.path === 'big_part.gco', 'the copy is selected', 10_000);
    const job = (await get('/api/job')).json();
    assert.equal(job.job.file.origin, 'sdcard');
    assert.equal(job.state, 'Operational');
  });

  it('answers 409 while a transfer runs, shows it as the job, and cancels it', async () => {
    const big = `${Array.from({ length: 3000 }, (_, i) => `G1 X${i % 100} Y${i % 90} F3000`).join('\n')}\n`;
    const first = await upload([filePart('long.gcode', big)]);
    assert.equal(first.statusCode, 201, first.body);
    const second = await upload([filePart('second.gcode', GCODE)]);
    assert.equal(second.statusCode, 409);
    assert.deepEqual(second.json(), { error: BUSY });
    await until(async () => (await get('/api/job')).json().progress.filepos > 0, 'the copy under way', 20_000);
    const job = (await get('/api/job')).json();
    assert.equal(job.state, 'Sending file to SD');
    assert.deepEqual(job.job.file, { name: 'long.gco', path: 'long.gco', display: 'long.gco', origin: 'sdcard', size: Buffer.byteLength(big), date: null });
    assert.ok(job.progress.completion > 0 && job.progress.completion < 100, String(job.progress.completion));
    const printer = (await get('/api/printer')).json();
    assert.equal(printer.state.flags.printing, true);
    assert.equal(printer.state.flags.ready, false);
    // The push socket's `current` reports the same.
    const current = t.app.printer.jobs.current();
    assert.equal(current.state.text, 'Sending file to SD');
    assert.equal(current.job.file.name, 'long.gco');
    assert.deepEqual(current.busyFiles, [{ origin: 'sdcard', path: 'long.gco' }]);
    // Cancelling the job stops the copy and deletes what was written; the printer is usable again.
    const failed = t.app.events.once('TransferFailed', 20_000);
    const cancel = await t.app.http.inject({ method: 'POST', url: '/api/job', payload: { command: 'cancel' }, headers: { 'x-api-key': keys.admin ?? '' } });
    assert.equal(cancel.statusCode, 204, cancel.body);
    assert.equal((await failed).remote, 'long.gco');
    await until(async () => {
      const files = (await get('/api/files/sdcard')).json().files as Array<{ name: string }>;
      return files.length > 0 && !files.some((file) => file.name === 'long.gco');
    }, 'the partial copy deleted', 20_000);
    await until(() => t.app.printer.driver.snapshot().state.id === 'OPERATIONAL' && t.app.printer.driver.sd.transfer() === null, 'transfers over', 30_000);
  });
});
