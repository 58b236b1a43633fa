// The sequence an OctoRest 0.4 client ran before GET /api/printer/tool answered `{}` (no reading yet: the first came
// with the firmware's auto-report seconds after connecting), replayed on the virtual printer.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addUser } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { until } from '../../../../test/support/until.js';

const FILE = ['G90', 'M104 S0', ...Array.from({ length: 200 }, (_, i) => `G1 X${i % 2 === 0 ? 10 : 0} F6000`)].join('\n');

describe('OctoRest 0.4 sequence', () => {
  let t: TestApp;
  let key = '';

  before(async () => {
    t = await createTestApp({ config: 'plugins:\n  virtual_printer:\n    instant: true\n' });
    await addUser(t.app, 'octorest', 'octorest-password-1', ['users']);
    key = await t.app.access.accounts.generateApiKey('octorest');
    const source = join(t.basedir, 'octorest-source');
    writeFileSync(source, FILE);
    await t.app.files.addFile('octorest.gcode', source);
  });
  after(() => t.close());

  const headers = () => ({ 'x-api-key': key });
  const get = (url: string) => t.app.http.inject({ method: 'GET', url, headers: headers() });
  const post = (url: string, body: unknown) => t.app.http.inject({ method: 'POST', url, payload: body as object, headers: headers() });
  const state = async () => String((await get('/api/connection')).json().current.state);

  it('reports tool0 and the bed at once after connecting, a print, head moves, a two-line command and targets of 0', async () => {
    assert.equal((await post('/api/connection', { command: 'connect', port: 'VIRTUAL' })).statusCode, 204);
    await until(async () => (await state()) === 'Operational', "(await state()) === 'Operational'", 8000);
    // Polled at once on connecting, long before the firmware's first auto-report.
    await until(async () => 'tool0' in (await get('/api/printer/tool')).json(), "'tool0' in (await get('/api/printer/tool')).json()", 1000);
    assert.equal((await post('/api/files/local/octorest.gcode', { command: 'select', print: false })).statusCode, 204);
    assert.equal((await post('/api/job', { command: 'start' })).statusCode, 204);
    await post('/api/job', { command: 'pause', action: 'pause' });
    await post('/api/job', { command: 'pause', action: 'resume' });
    await post('/api/job', { command: 'cancel' });
    await until(async () => (await state()) === 'Operational', "(await state()) === 'Operational'", 8000);
    assert.equal((await post('/api/printer/printhead', { command: 'home', axes: ['x', 'y', 'z'] })).statusCode, 204);
    assert.equal((await post('/api/printer/printhead', { command: 'jog', x: 10, y: 10, z: 1 })).statusCode, 204);
    assert.equal((await post('/api/printer/command', { command: 'M114' })).statusCode, 204);
    // OctoRest's gcode() splits `M105\nM115` at the line break and sends both as `commands`.
    assert.equal((await post('/api/printer/command', { commands: ['M105', 'M115'] })).statusCode, 204);
    assert.equal((await post('/api/printer/bed', { command: 'target', target: 0 })).statusCode, 204);
    assert.equal((await post('/api/printer/tool', { command: 'target', targets: { tool0: 0 } })).statusCode, 204);
    const received = (await t.app.printer.virtualRecord()).received ?? [];
    assert.deepEqual(received.slice(-4), ['M105', 'M115', 'M140 S0', 'M104 T0 S0'], 'the commands as sent');
    const printer = await get('/api/printer?exclude=sd');
    assert.equal(printer.statusCode, 200);
    assert.ok(printer.json().temperature.tool0, JSON.stringify(printer.json()));
    const tool = (await get('/api/printer/tool')).json();
    assert.deepEqual(Object.keys(tool.tool0 ?? {}).sort(), ['actual', 'offset', 'target'], JSON.stringify(tool));
    assert.equal(tool.tool0.target, 0);
    const bed = (await get('/api/printer/bed')).json();
    assert.deepEqual(Object.keys(bed.bed ?? {}).sort(), ['actual', 'offset', 'target'], JSON.stringify(bed));
  });
});
