// HTTP tests of /api/connection and /api/printer/* against the virtual printer: shapes, every 409 and 400, order of checks.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { until } from '../../../../test/support/until.js';

const CONFIG = `
plugins:
  virtual_printer:
    instant: true
serial:
  timeout:
    temperature: 0.5
`;

describe('printer API', () => {
  let t: TestApp;
  const keys: Record<string, string> = {};

  before(async () => {
    t = await createTestApp({ config: CONFIG });
    await addUser(t.app, 'operator', 'operator-password-1', ['users']);
    await addUser(t.app, 'reader', 'reader-password-1', ['readonly']);
    for (const name of ['operator', 'reader']) keys[name] = await t.app.access.accounts.generateApiKey(name);
  });
  after(() => t.close());

  const as = (user: string) => ({ 'x-api-key': keys[user] ?? '' });
  const get = (url: string, user = 'operator') => t.app.http.inject({ method: 'GET', url, headers: as(user) });
  const post = (url: string, body: unknown, user = 'operator') => t.app.http.inject({ method: 'POST', url, payload: body as object, headers: as(user) });
  const driver = () => t.app.printer.driver;
  /** What the virtual printer (in the driver's process) accepted so far. */
  const received = async () => (await t.app.printer.virtualRecord()).received ?? [];

  describe('while offline', () => {
    it('GET /api/connection shows Closed, the ports (VIRTUAL), baud rates and profiles', async () => {
      const response = await get('/api/connection', 'reader');
      assert.equal(response.statusCode, 200);
      const body = response.json();
      assert.deepEqual(body.current, { state: 'Closed', port: null, baudrate: null, printerProfile: '_default' });
      assert.ok(body.options.ports.includes('VIRTUAL'));
      assert.ok(body.options.baudrates.includes(115200));
      assert.deepEqual(body.options.printerProfiles, [{ id: '_default', name: 'Default' }]);
      assert.equal(body.options.printerProfilePreference, '_default');
      assert.ok(!('autoconnect' in body.options));
    });

    it('answers 409 on the printer endpoints and on POST /api/job, never on GET /api/job', async () => {
      for (const url of ['/api/printer', '/api/printer/tool', '/api/printer/bed', '/api/printer/chamber']) {
        const response = await get(url);
        assert.equal(response.statusCode, 409, url);
        assert.deepEqual(response.json(), { error: 'Printer is not operational' });
      }
      assert.equal((await post('/api/printer/tool', { command: 'target', targets: { tool0: 200 } })).statusCode, 409);
      assert.equal((await post('/api/printer/bed', { command: 'target', target: 60 })).statusCode, 409);
      assert.equal((await post('/api/printer/chamber', { command: 'target', target: 40 })).statusCode, 409);
      assert.equal((await post('/api/printer/command', { command: 'G28' })).statusCode, 409);
      assert.equal((await post('/api/printer/printhead', { command: 'home', axes: ['x'] })).statusCode, 409);
      assert.equal((await post('/api/printer/sd', { command: 'init' })).statusCode, 409);
      assert.equal((await post('/api/job', { command: 'start' })).statusCode, 409);
      const job = await get('/api/job', 'reader');
      assert.equal(job.statusCode, 200);
      assert.equal(job.json().state, 'Offline');
      assert.equal(job.json().job.file.name, null);
      assert.equal(job.json().progress.completion, null);
    });

    it('checks the order: 409 before the body on tool/command, but the body first on printhead', async () => {
      assert.equal((await post('/api/printer/tool', { command: 'nonsense' })).statusCode, 409);
      assert.equal((await post('/api/printer/command', {})).statusCode, 409);
      assert.equal((await post('/api/job', { command: 'nonsense' })).statusCode, 409);
      assert.equal((await post('/api/printer/printhead', { command: 'nonsense' })).statusCode, 400);
      assert.equal((await post('/api/printer/printhead', { command: 'home' })).statusCode, 400);
    });

    it('checks CONTROL before operational, and PRINT after it', async () => {
      assert.equal((await post('/api/printer/tool', { command: 'target', targets: { tool0: 1 } }, 'reader')).statusCode, 403);
      assert.equal((await post('/api/printer/command', { command: 'G28' }, 'reader')).statusCode, 403);
      assert.equal((await post('/api/printer/printhead', { command: 'home', axes: ['x'] }, 'reader')).statusCode, 403);
      assert.equal((await post('/api/connection', { command: 'connect' }, 'reader')).statusCode, 403);
      assert.equal((await post('/api/job', { command: 'start' }, 'reader')).statusCode, 409);
    });

    it('refuses bad connect requests with 400', async () => {
      // OctoPrint's words, which clients show to people.
      const refusals: Array<[unknown, string]> = [
        [{ command: 'connect', port: '/dev/nothing' }, 'port is invalid'],
        [{ command: 'connect', port: 'VIRTUAL', baudrate: 12345 }, 'baudrate is invalid'],
        [{ command: 'connect', port: 'VIRTUAL', printerProfile: 'nope' }, 'printerProfile is invalid'],
        [{ command: 'connect', port: 7 }, 'port is invalid'],
        [{ command: 'dance' }, 'command is invalid'],
      ];
      for (const [body, error] of refusals) {
        const answer = await post('/api/connection', body);
        assert.deepEqual([answer.statusCode, answer.json()], [400, { error }], JSON.stringify(body));
      }
      assert.equal(driver().state, 'OFFLINE');
    });
  });

  describe('while connected to VIRTUAL', () => {
    before(async () => {
      const response = await post('/api/connection', { command: 'connect', port: 'VIRTUAL', baudrate: 115200, printerProfile: '_default' });
      assert.equal(response.statusCode, 204);
      await until(() => driver().state === 'OPERATIONAL', "driver().state === 'OPERATIONAL'", 5000);
      await until(() => Object.keys(driver().temperatures.current()).length > 0, 'Object.keys(driver().temperatures.current()).length > 0', 5000);
    });

    it('GET /api/connection shows the connection', async () => {
      const body = (await get('/api/connection')).json();
      assert.deepEqual(body.current, { state: 'Operational', port: 'VIRTUAL', baudrate: 115200, printerProfile: '_default' }, 'the rate asked for, as OctoPrint reports it');
    });

    it('GET /api/printer has state, temperatures, sd and a history on request', async () => {
      const body = (await get('/api/printer?history=true&limit=2')).json();
      assert.equal(body.state.text, 'Operational');
      assert.equal(body.state.flags.operational, true);
      assert.equal(body.state.flags.ready, true);
      assert.equal(typeof body.temperature.tool0.actual, 'number');
      assert.ok('offset' in body.temperature.bed);
      assert.ok(!('chamber' in body.temperature));
      assert.ok(Array.isArray(body.temperature.history) && body.temperature.history.length <= 2);
      assert.equal(typeof body.sd.ready, 'boolean');
      const only = (await get('/api/printer?exclude=temperature,sd')).json();
      assert.deepEqual(Object.keys(only), ['state']);
      const tools = (await get('/api/printer/tool')).json();
      assert.deepEqual(Object.keys(tools), ['tool0']);
      assert.deepEqual(Object.keys((await get('/api/printer/bed?history=true')).json()).sort(), ['bed', 'history']);
      assert.equal((await get('/api/printer/chamber')).statusCode, 409, 'the default profile has no heated chamber');
    });

    it('sends temperatures, offsets and printhead moves', async () => {
      assert.equal((await post('/api/printer/tool', { command: 'target', targets: { tool0: 205 } })).statusCode, 204);
      assert.equal((await post('/api/printer/bed', { command: 'target', target: 55, offset: 3 })).statusCode, 204);
      assert.equal((await post('/api/printer/tool', { command: 'offset', offsets: { tool0: 5 } })).statusCode, 204);
      assert.equal((await post('/api/printer/printhead', { command: 'jog', x: 10, y: -5, speed: 1000 })).statusCode, 204);
      assert.equal((await post('/api/printer/printhead', { command: 'home', axes: ['x', 'y'] })).statusCode, 204);
      assert.equal((await post('/api/printer/printhead', { command: 'feedrate', factor: 1.1 })).statusCode, 204);
      assert.equal((await post('/api/printer/tool', { command: 'flowrate', factor: 95 })).statusCode, 204);
      await until(async () => (await received()).includes('M221 S95'), "(await received()).includes('M221 S95')", 5000);
      const lines = await received();
      for (const expected of ['M104 T0 S205', 'M140 S55', 'G1 X10 Y-5 F1000', 'G28 X0 Y0', 'M220 S110']) assert.ok(lines.includes(expected), expected);
      assert.deepEqual(driver().snapshot().offsets, { tool0: 5 });
      assert.equal((await get('/api/printer/tool')).json().tool0.offset, 5);
    });

    it('answers 400 for bad values', async () => {
      const cases: Array<[string, unknown]> = [
        ['/api/printer/tool', { command: 'target', targets: { extruder: 200 } }],
        ['/api/printer/tool', { command: 'target', targets: { tool0: 'hot' } }],
        ['/api/printer/tool', { command: 'offset', offsets: { tool0: 51 } }],
        ['/api/printer/tool', { command: 'select', tool: 'bed' }],
        ['/api/printer/tool', { command: 'extrude', amount: 'lots' }],
        ['/api/printer/tool', { command: 'flowrate', factor: 300 }],
        ['/api/printer/tool', { command: 'target' }],
        ['/api/printer/bed', { command: 'target', target: '60' }],
        ['/api/printer/bed', { command: 'offset', offset: -60 }],
        ['/api/printer/printhead', { command: 'jog', x: 'far' }],
        ['/api/printer/printhead', { command: 'home', axes: ['e'] }],
        ['/api/printer/printhead', { command: 'feedrate', factor: 5 }],
        ['/api/printer/command', { command: 'G28', commands: ['G28'] }],
        ['/api/printer/command', { command: 'G28', script: 'afterPrintDone' }],
        ['/api/printer/command', { parameters: {} }],
        ['/api/printer/command', { commands: 'G28' }],
        ['/api/printer/sd', { command: 'format' }],
        ['/api/connection', { command: 'connect', baudrate: 'fast' }],
      ];
      for (const [url, body] of cases) assert.equal((await post(url, body)).statusCode, 400, `${url} ${JSON.stringify(body)}`);
    });

    it('refuses commands with line breaks or control characters, and sends none of them', async () => {
      const before = (await received()).length;
      for (const body of [{ command: 'M117 hi\nM112' }, { commands: ['G28', 'M117 a\rM112'] }, { command: 'G1 X1\u0000' }, { command: 'M117 %(x)s', parameters: { x: 'a\nM112' } }]) {
        const response = await post('/api/printer/command', body);
        assert.equal(response.statusCode, 400, JSON.stringify(body));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      const after = (await received()).slice(before);
      assert.ok(!after.some((command) => command.startsWith('G28') || command.startsWith('M117') || command.startsWith('M112')), after.join(' | '));
      assert.equal(driver().state, 'OPERATIONAL');
    });

    it('sends commands and scripts, with %(name)s parameters', async () => {
      assert.equal((await post('/api/printer/command', { commands: ['M117 hello %(who)s', 'G4 P1'], parameters: { who: 'you' } })).statusCode, 204);
      assert.equal((await post('/api/printer/command', { script: 'afterPrintCancelled' })).statusCode, 204);
      assert.equal((await post('/api/printer/command', { script: 'noSuchScript' })).statusCode, 404);
      await until(async () => (await received()).includes('M84'), "(await received()).includes('M84')", 5000);
      assert.ok((await received()).includes('M117 hello you'));
    });

    it('lists custom controls and SD state, and runs SD commands', async () => {
      assert.deepEqual((await get('/api/printer/command/custom')).json(), { controls: [] });
      assert.equal((await get('/api/printer/command/custom', 'reader')).statusCode, 403);
      assert.equal((await post('/api/printer/sd', { command: 'init' })).statusCode, 204);
      await until(() => driver().sd.ready(), 'driver().sd.ready()', 5000);
      assert.deepEqual((await get('/api/printer/sd')).json(), { ready: true });
      assert.equal((await post('/api/printer/sd', { command: 'refresh' })).statusCode, 204);
      assert.equal((await post('/api/printer/sd', { command: 'release' })).statusCode, 204);
      await until(() => !driver().sd.ready(), '!driver().sd.ready()', 5000);
    });

    it('answers 409 for a heated bed the profile does not have', async () => {
      await t.app.printer.service.profiles.save({ id: 'cold', name: 'Cold', heatedBed: false }, { allowOverwrite: true, makeDefault: false });
      assert.equal((await post('/api/connection', { command: 'connect', port: 'VIRTUAL', printerProfile: 'cold' })).statusCode, 204);
      await until(() => driver().state === 'OPERATIONAL' && t.app.printer.service.profiles.currentId() === 'cold', "driver().state === 'OPERATIONAL' && t.app.printer.service.profiles....", 5000);
      assert.equal((await get('/api/printer/bed')).statusCode, 409);
      assert.deepEqual((await post('/api/printer/bed', { command: 'target', target: 50 })).json(), { error: 'Printer does not have a heated bed' });
      assert.ok(!('bed' in (await get('/api/printer')).json().temperature));
      assert.equal((await get('/api/connection')).json().current.printerProfile, 'cold');
    });

    it('disconnects with 204', async () => {
      assert.equal((await post('/api/connection', { command: 'disconnect' })).statusCode, 204);
      assert.equal(driver().state, 'OFFLINE');
      assert.equal((await get('/api/printer')).statusCode, 409);
      assert.equal((await get('/api/connection')).json().current.state, 'Closed');
    });
  });
});
