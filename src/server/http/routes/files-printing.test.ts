// Files API with the real job service and the virtual printer: select/print after upload, and the 409s while printing.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { buildMultipart, field, filePart } from '../multipart/multipart-body-builder.js';
import type { MultipartPart } from '../multipart/multipart-body-builder.js';
import { until } from '../../../../test/support/until.js';

const KEY = { 'x-api-key': 'tests' };
const CONFIG = 'accessControl:\n  enabled: false\nplugins:\n  discovery:\n    enabled: false\n';

/** A print that lasts a few seconds on the (non-instant) virtual printer. */
function slowGcode(): string {
  const lines = ['G21', 'G90', 'M82', 'G28', 'G92 E0'];
  for (let i = 0; i < 400; i += 1) lines.push(`G1 X${50 + (i % 2) * 40} Y${50 + i * 0.1} E${(i * 0.05).toFixed(2)} F1200`);
  return `${lines.join('\n')}\n`;
}

describe('files API with a printer', () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp({ config: CONFIG });
    const { attempt } = await t.app.printer.service.connect({ port: 'VIRTUAL', baudrate: 115200 });
    assert.equal(await attempt, true);
  });
  after(async () => {
    // Nothing may be printing any more (a conflict then).
    await t.app.printer.jobs.cancel().catch(() => undefined);
    await t.close();
  });

  const jobs = () => t.app.printer.jobs;
  const selectedPath = () => jobs().jobData().job.file.path;
  const printing = () => jobs().current().state.flags.printing;

  function upload(parts: MultipartPart[]) {
    const { body, contentType } = buildMultipart(parts);
    return t.app.http.inject({ method: 'POST', url: '/api/files/local', payload: body, headers: { 'content-type': contentType, ...KEY } });
  }
  const command = (path: string, body: Record<string, unknown>) =>
    t.app.http.inject({ method: 'POST', url: `/api/files/local/${path}`, payload: body, headers: KEY });

  it('selects after upload with select=true, and select/unselect commands work', async () => {
    const response = await upload([field('select', 'true'), filePart('sel.gcode', 'G28\n')]);
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.json().effectiveSelect, true);
    assert.equal(response.json().effectivePrint, false);
    assert.equal(selectedPath(), 'sel.gcode');
    await upload([filePart('other.gcode', 'G28\n')]);
    assert.equal((await command('other.gcode', { command: 'select' })).statusCode, 204);
    assert.equal(selectedPath(), 'other.gcode');
    const wrong = await command('sel.gcode', { command: 'unselect' });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.body, 'Only the currently selected file can be unselected');
    assert.equal((await command('current', { command: 'unselect' })).statusCode, 204);
    assert.equal(selectedPath(), null);
  });

  it('lists, selects and deletes files on the SD card of the printer', async () => {
    const get = (url: string) => t.app.http.inject({ method: 'GET', url, headers: KEY });
    await until(() => t.app.printer.driver.sd.files().length >= 2, 'the SD listing', 10_000);
    const listing = (await get('/api/files/sdcard')).json();
    const cube = listing.files.find((f: { name: string }) => f.name === 'cube.gco');
    assert.deepEqual(
      { ...cube, size: typeof cube.size },
      {
        type: 'machinecode',
        typePath: ['machinecode', 'gcode'],
        name: 'cube.gco',
        display: 'calibration-cube.gcode',
        path: 'cube.gco',
        origin: 'sdcard',
        refs: { resource: 'http://localhost:80/api/files/sdcard/cube.gco' },
        size: 'number',
      },
    );
    const all = (await get('/api/files')).json();
    assert.ok(all.files.some((f: { origin: string; name: string }) => f.origin === 'sdcard' && f.name === 'hello.gco'));
    assert.equal((await get('/api/files/sdcard/cube.gco')).json().name, 'cube.gco');
    assert.equal((await get('/api/files/sdcard/none.gco')).statusCode, 404);
    const sdCommand = (name: string, body: Record<string, unknown>) =>
      t.app.http.inject({ method: 'POST', url: `/api/files/sdcard/${name}`, payload: body, headers: KEY });
    assert.equal((await sdCommand('cube.gco', { command: 'move', destination: 'x.gco' })).statusCode, 400);
    assert.equal((await sdCommand('none.gco', { command: 'select' })).statusCode, 404);
    assert.equal((await sdCommand('hello.gco', { command: 'select' })).statusCode, 204);
    assert.deepEqual(jobs().jobData().job.file.origin, 'sdcard');
    assert.equal((await sdCommand('hello.gco', { command: 'unselect' })).statusCode, 204);
    assert.equal((await t.app.http.inject({ method: 'DELETE', url: '/api/files/sdcard/hello.gco', headers: KEY })).statusCode, 204);
    await until(() => !t.app.printer.driver.sd.files().some((f) => f.name === 'hello.gco'), 'hello.gco to leave the card', 10_000);
  });

  it('deleting the selected file unselects it', async () => {
    await upload([field('select', 'true'), filePart('gone.gcode', 'G28\n')]);
    assert.equal(selectedPath(), 'gone.gcode');
    assert.equal((await t.app.http.inject({ method: 'DELETE', url: '/api/files/local/gone.gcode', headers: KEY })).statusCode, 204);
    assert.equal(selectedPath(), null);
  });

  it('starts a print from print=true alone (PrusaSlicer), then refuses to touch the printing file', async () => {
    const started = t.app.events.once('PrintStarted', 5_000);
    const response = await upload([field('print', 'true'), field('path', 'jobs'), filePart('cube.gcode', slowGcode())]);
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.json().effectivePrint, true);
    assert.equal(response.json().effectiveSelect, false);
    assert.equal((await started).path, 'jobs/cube.gcode');
    assert.ok(printing());

    const overwrite = await upload([field('path', 'jobs'), filePart('cube.gcode', 'G28\n')]);
    assert.equal(overwrite.statusCode, 409);
    assert.equal(overwrite.json().error, 'Trying to overwrite file that is currently being printed');
    assert.equal((await t.app.http.inject({ method: 'DELETE', url: '/api/files/local/jobs/cube.gcode', headers: KEY })).statusCode, 409);
    assert.equal((await t.app.http.inject({ method: 'DELETE', url: '/api/files/local/jobs', headers: KEY })).statusCode, 409);
    assert.equal((await command('jobs/cube.gcode', { command: 'move', destination: 'moved.gcode' })).statusCode, 409);
    assert.equal((await command('jobs', { command: 'move', destination: 'elsewhere' })).statusCode, 409);
    assert.equal((await command('jobs/cube.gcode', { command: 'copy', destination: 'copy.gcode' })).statusCode, 201);
    assert.equal((await command('copy.gcode', { command: 'select' })).statusCode, 409);
    const unselect = await command('current', { command: 'unselect' });
    assert.equal(unselect.statusCode, 409);
    assert.match(String(unselect.headers['content-type']), /^text\/plain/);

    const during = await upload([field('select', 'true'), field('print', 'true'), filePart('next.gcode', 'G28\n')]);
    assert.equal(during.statusCode, 201);
    assert.equal(during.json().effectiveSelect, false);
    assert.equal(during.json().effectivePrint, false);
    assert.equal(selectedPath(), 'jobs/cube.gcode');
    assert.ok(existsSync(join(t.basedir, 'uploads', 'jobs', 'cube.gcode')));

    jobs().cancel();
    await until(() => !printing(), 'the print to stop', 10_000);
    assert.equal((await t.app.http.inject({ method: 'DELETE', url: '/api/files/local/jobs/cube.gcode', headers: KEY })).statusCode, 204);
  });
});
