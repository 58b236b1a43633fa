// HTTP tests of /api/job (start, pause/resume/toggle, cancel, restart, every 409 and 400) and /api/printerprofiles.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { EventName } from '../../../events/index.js';
import { addUser } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { until } from '../../../../test/support/until.js';

/** Moves of 1 s each on the (real-time) virtual printer: the print lasts minutes unless cancelled. */
const SLOW_FILE = ['G90', ...Array.from({ length: 400 }, (_, i) => `G1 X${i % 2 === 0 ? 10 : 0} F600`)].join('\n');

describe('job API', () => {
  let t: TestApp;
  const keys: Record<string, string> = {};
  const events: Array<{ name: EventName; payload: unknown }> = [];

  before(async () => {
    t = await createTestApp();
    await addUser(t.app, 'admin', 'admin-password-1', ['admins']);
    await addUser(t.app, 'operator', 'operator-password-1', ['users']);
    await addUser(t.app, 'reader', 'reader-password-1', ['readonly']);
    for (const name of ['admin', 'operator', 'reader']) keys[name] = await t.app.access.accounts.generateApiKey(name);
    const source = join(t.basedir, 'slow-source');
    writeFileSync(source, SLOW_FILE);
    await t.app.files.addFile('slow.gcode', source);
    t.app.events.onAny((name, payload) => events.push({ name, payload }));
  });
  after(() => t.close());

  const as = (user: string) => ({ 'x-api-key': keys[user] ?? '' });
  const get = (url: string, user = 'operator') => t.app.http.inject({ method: 'GET', url, headers: as(user) });
  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, body: unknown, user = 'operator') =>
    t.app.http.inject({ method, url, payload: body === undefined ? undefined : (body as object), headers: as(user) });
  const post = (url: string, body: unknown, user = 'operator') => send('POST', url, body, user);
  const job = (body: unknown, user = 'operator') => post('/api/job', body, user);
  const driver = () => t.app.printer.driver;
  const fired = (name: EventName) => events.filter((event) => event.name === name);

  describe('printing', () => {
    before(async () => {
      assert.equal((await post('/api/connection', { command: 'connect', port: 'VIRTUAL' })).statusCode, 204);
      await until(() => driver().state === 'OPERATIONAL', "driver().state === 'OPERATIONAL'", 8000);
    });

    it('answers 409 when there is nothing to start, pause, cancel or restart', async () => {
      assert.equal((await job({ command: 'start' })).statusCode, 409);
      assert.equal((await job({ command: 'pause', action: 'pause' })).statusCode, 409);
      assert.equal((await job({ command: 'cancel' })).statusCode, 409);
      assert.equal((await job({ command: 'restart' })).statusCode, 409);
      assert.equal((await job({ command: 'fly' })).statusCode, 400);
      assert.equal((await t.app.http.inject({ method: 'POST', url: '/api/job', payload: 'command=start', headers: { ...as('operator'), 'content-type': 'text/plain' } })).statusCode, 415);
    });

    it('selects a file and shows it in GET /api/job', async () => {
      assert.equal((await post('/api/files/local/slow.gcode', { command: 'select' })).statusCode, 204);
      const body = (await get('/api/job')).json();
      assert.equal(body.state, 'Operational');
      assert.equal(body.job.file.name, 'slow.gcode');
      assert.equal(body.job.file.origin, 'local');
      assert.equal(body.job.file.size, Buffer.byteLength(SLOW_FILE));
      assert.deepEqual(Object.keys(body.job).sort(), ['averagePrintTime', 'estimatedPrintTime', 'filament', 'file', 'lastPrintTime', 'user']);
      assert.deepEqual(Object.keys(body.progress).sort(), ['completion', 'filepos', 'printTime', 'printTimeLeft', 'printTimeLeftOrigin']);
      assert.equal(fired('FileSelected').length, 1);
    });

    it('needs PRINT, checked after the printer state', async () => {
      assert.equal((await job({ command: 'start' }, 'reader')).statusCode, 403);
      assert.equal(driver().state, 'OPERATIONAL');
    });

    it('starts, and refuses a second start, a restart and head moves while printing', async () => {
      assert.equal((await job({ command: 'start' })).statusCode, 204);
      await until(() => driver().state === 'PRINTING', "driver().state === 'PRINTING'", 8000);
      const started = fired('PrintStarted')[0]?.payload as Record<string, unknown>;
      assert.deepEqual(started, { name: 'slow.gcode', path: 'slow.gcode', origin: 'local', size: Buffer.byteLength(SLOW_FILE), owner: null, user: 'operator' });
      assert.equal((await job({ command: 'start' })).statusCode, 409);
      assert.equal((await job({ command: 'restart' })).statusCode, 409);
      assert.equal((await post('/api/printer/printhead', { command: 'jog', x: 1 })).statusCode, 409);
      assert.equal((await post('/api/printer/printhead', { command: 'feedrate', factor: 100 })).statusCode, 204);
      assert.equal((await post('/api/printer/tool', { command: 'extrude', amount: 5 })).statusCode, 409);
      assert.equal((await post('/api/printer/sd', { command: 'init' })).statusCode, 409);
      assert.equal((await post('/api/files/local/slow.gcode', { command: 'select' })).statusCode, 409);
      assert.equal((await post('/api/connection', { command: 'connect', port: 'VIRTUAL' })).statusCode, 204, 'a connect leaves the print alone');
      assert.equal(driver().state, 'PRINTING');
      const body = (await get('/api/job')).json();
      assert.equal(body.state, 'Printing');
      assert.equal(body.job.user, 'operator');
      assert.ok(body.progress.completion > 0 && body.progress.completion < 100);
      assert.equal(typeof body.progress.printTime, 'number');
      const current = (await get('/api/printer')).json().state.flags;
      assert.equal(current.printing, true);
      assert.equal(current.ready, false);
    });

    it('pauses, resumes and toggles; an unknown action is 400', async () => {
      const sideways = await job({ command: 'pause', action: 'sideways' });
      assert.deepEqual([sideways.statusCode, sideways.json()], [400, { error: 'Unknown action' }]);
      assert.equal((await job({ command: 'pause', action: 'pause' })).statusCode, 204);
      await until(() => driver().state === 'PAUSED', "driver().state === 'PAUSED'", 8000);
      assert.equal(fired('PrintPaused').length, 1);
      assert.equal((await get('/api/job')).json().state, 'Paused');
      const paused = (await get('/api/job')).json().progress.filepos;
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal((await get('/api/job')).json().progress.filepos, paused, 'nothing is sent while paused');
      assert.equal((await post('/api/printer/printhead', { command: 'jog', x: 1 })).statusCode, 204, 'jogging is allowed while paused');
      assert.equal((await job({ command: 'pause', action: 'resume' })).statusCode, 204);
      await until(() => driver().state === 'PRINTING', "driver().state === 'PRINTING'", 8000);
      assert.equal(fired('PrintResumed').length, 1);
      assert.equal((await job({ command: 'pause' })).statusCode, 204, 'toggle');
      await until(() => driver().state === 'PAUSED', "driver().state === 'PAUSED'", 8000);
      assert.equal((await job({ command: 'pause', action: 'toggle' })).statusCode, 204);
      await until(() => driver().state === 'PRINTING', "driver().state === 'PRINTING'", 8000);
    });

    it('restarts a paused job from the beginning', async () => {
      assert.equal((await job({ command: 'pause', action: 'pause' })).statusCode, 204);
      await until(() => driver().state === 'PAUSED', "driver().state === 'PAUSED'", 8000);
      const before = (await get('/api/job')).json().progress.filepos;
      assert.ok(before > 0);
      assert.equal((await job({ command: 'restart' })).statusCode, 204);
      await until(() => driver().state === 'PRINTING', "driver().state === 'PRINTING'", 8000);
      const after = (await get('/api/job')).json().progress.filepos;
      assert.ok(after < before, `${after} < ${before}`);
    });

    it('cancels promptly with PrintCancelling, PrintCancelled and PrintFailed, and records the result', async () => {
      assert.equal((await job({ command: 'cancel' })).statusCode, 204);
      await until(() => driver().state === 'OPERATIONAL', "driver().state === 'OPERATIONAL'", 8000);
      assert.equal(fired('PrintCancelling').length, 1);
      assert.equal(fired('PrintCancelled').length, 1);
      const failed = fired('PrintFailed')[0]?.payload as Record<string, unknown>;
      assert.equal(failed.reason, 'cancelled');
      assert.equal(typeof failed.time, 'number');
      let metadata = await t.app.files.getMetadata('slow.gcode');
      for (let i = 0; i < 100 && !Array.isArray(metadata?.history); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        metadata = await t.app.files.getMetadata('slow.gcode');
      }
      assert.equal((metadata?.history as Array<{ success: boolean }>)[0]?.success, false);
      assert.equal((await job({ command: 'cancel' })).statusCode, 409);
      assert.equal((await get('/api/job')).json().state, 'Operational');
      assert.deepEqual((await get('/api/job')).json().progress.completion, null, 'no progress after a cancel, as OctoPrint');
    });
  });

  describe('printer profiles', () => {
    it('lists _default as default and current, with an absolute resource', async () => {
      const response = await get('/api/printerprofiles');
      assert.equal(response.statusCode, 200);
      const profile = response.json().profiles._default;
      assert.equal(profile.default, true);
      assert.equal(profile.current, true);
      assert.match(profile.resource, /^http:\/\/[^/]+\/api\/printerprofiles\/_default$/);
      assert.deepEqual(Object.keys(profile.axes), ['x', 'y', 'z', 'e']);
      const etag = String(response.headers.etag);
      const again = await t.app.http.inject({ method: 'GET', url: '/api/printerprofiles', headers: { ...as('operator'), 'if-none-match': etag } });
      assert.equal(again.statusCode, 304);
      const forced = await t.app.http.inject({ method: 'GET', url: '/api/printerprofiles?force=true', headers: { ...as('operator'), 'if-none-match': etag } });
      assert.equal(forced.statusCode, 200);
      assert.equal((await get('/api/printerprofiles', 'reader')).statusCode, 403);
      assert.equal((await get('/api/printerprofiles/nothing')).statusCode, 404);
    });

    it('creates, updates and deletes with SETTINGS', async () => {
      assert.equal((await post('/api/printerprofiles', { profile: { id: 'big', name: 'Big' } })).statusCode, 403);
      const created = await post('/api/printerprofiles', { profile: { id: 'big', name: 'Big', volume: { width: 300 } } }, 'admin');
      assert.equal(created.statusCode, 200);
      assert.equal(created.json().profile.volume.width, 300);
      assert.equal(created.json().profile.volume.depth, 200);
      assert.equal(created.json().profile.default, false);
      assert.equal((await post('/api/printerprofiles', { profile: { id: 'big', name: 'Again' } }, 'admin')).statusCode, 400);
      assert.equal((await post('/api/printerprofiles', { nothing: true }, 'admin')).statusCode, 400);
      assert.equal((await post('/api/printerprofiles', { profile: { name: 'No id' } }, 'admin')).statusCode, 400);
      assert.equal((await post('/api/printerprofiles', { profile: { id: 'bad', name: 'Bad', heatedBed: 'maybe' } }, 'admin')).statusCode, 400);
      const patched = await send('PATCH', '/api/printerprofiles/big', { profile: { name: 'Bigger', default: true } }, 'admin');
      assert.equal(patched.statusCode, 200);
      assert.equal(patched.json().profile.name, 'Bigger');
      assert.equal(patched.json().profile.default, true);
      assert.equal((await send('DELETE', '/api/printerprofiles/big', undefined, 'admin')).statusCode, 409, 'the default cannot be deleted');
      await send('PATCH', '/api/printerprofiles/_default', { profile: { default: true } }, 'admin');
      assert.equal((await send('DELETE', '/api/printerprofiles/_default', undefined, 'admin')).statusCode, 409);
      assert.equal((await send('DELETE', '/api/printerprofiles/big', undefined, 'operator')).statusCode, 403);
      assert.equal((await send('DELETE', '/api/printerprofiles/big', undefined, 'admin')).statusCode, 204);
      assert.equal((await get('/api/printerprofiles/big')).statusCode, 404);
    });
  });
});
