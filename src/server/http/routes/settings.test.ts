// GET/POST /api/settings over the real app: fields clients read, 304, atomic comment-keeping writes, 400/403/415.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

const CONFIG = [
  '# Argonaut test configuration',
  'accessControl:',
  '  enabled: false # everyone is admin in this test',
  'server:',
  '  firstRun: false',
  'plugins:',
  '  discovery:',
  '    enabled: false # never announce from tests',
  'webcam:',
  '  # the camera on the shelf',
  '  stream: /webcam/?action=stream',
  '',
].join('\n');

describe('/api/settings (access control off: admin)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: CONFIG });
  });
  after(() => t.close());

  const get = (headers: Record<string, string> = {}, url = '/api/settings') => t.app.http.inject({ method: 'GET', url, headers });
  const post = (payload: unknown, contentType = 'application/json') =>
    t.app.http.inject({
      method: 'POST',
      url: '/api/settings',
      // With access control off, a key header (any value) shows the request is no cross-site form (CSRF rule).
      headers: { 'content-type': contentType, 'x-api-key': 'not-checked' },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const configText = () => readFileSync(join(t.basedir, 'config.yaml'), 'utf8');

  it('carries every field the clients read', async () => {
    const response = await get();
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.api.key, null);
    assert.equal(body.api.allowCrossOrigin, false);
    assert.deepEqual(Object.keys(body.appearance).slice(0, 2), ['name', 'color']);
    // Every appearance key OctoPrint's UI settings carry, with its defaults.
    const { closeModalsWithClick, colorIcon, defaultLanguage, fuzzyTimes, showFahrenheitAlso, showInternalFilename } = body.appearance;
    assert.deepEqual(
      { closeModalsWithClick, colorIcon, defaultLanguage, fuzzyTimes, showFahrenheitAlso, showInternalFilename },
      { closeModalsWithClick: true, colorIcon: true, defaultLanguage: '_default', fuzzyTimes: true, showFahrenheitAlso: false, showInternalFilename: true },
    );
    assert.equal(body.feature.sdSupport, true);
    for (const key of ['webcamEnabled', 'streamUrl', 'snapshotUrl', 'bitrate', 'flipH', 'flipV', 'rotate90', 'snapshotSslValidation']) {
      assert.ok(key in body.webcam, `webcam.${key} present`);
    }
    assert.equal(body.webcam.streamUrl, '/webcam/?action=stream');
    assert.equal(body.webcam.webcamEnabled, true);
    assert.equal(body.webcam.bitrate, '10000k');
    assert.deepEqual(body.temperature.profiles[1], { name: 'PLA', extruder: 180, bed: 60, chamber: null });
    assert.deepEqual(
      body.terminalFilters.map((filter: { name: string }) => filter.name),
      ['Suppress temperature messages', 'Suppress SD status messages', 'Suppress position messages', 'Suppress wait responses', 'Suppress processing responses'],
    );
    assert.equal(body.serial.timeoutConnection, 10);
    assert.ok(body.serial.portOptions.includes('VIRTUAL'), 'ports come from the printer (the virtual one is on by default)');
    assert.deepEqual(body.serial.baudrateOptions, [250000, 230400, 115200, 57600, 38400, 19200, 9600]);
    assert.equal(body.folder.uploads, join(t.basedir, 'uploads'));
    assert.equal(typeof body.scripts.gcode.afterPrintCancelled, 'string');
    assert.deepEqual(body.server.commands, { systemShutdownCommand: null, systemRestartCommand: null, serverRestartCommand: null });
    assert.equal(typeof body.devel, 'object');
    assert.match(body.plugins.discovery.upnpUuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(body.controls, []);
    assert.deepEqual(body.accessControl, { autologinLocal: false, autologinHeadsupAcknowledged: false });
  });

  it('answers 304 to a matching If-None-Match or If-Modified-Since, unless force=true', async () => {
    const first = await get();
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    assert.match(etag, /^"[0-9a-f]{40}"$/);
    const again = await get({ 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal((await get({ 'if-modified-since': lastModified })).statusCode, 304);
    assert.equal((await get({ 'if-none-match': etag, 'if-modified-since': lastModified })).statusCode, 304);
    assert.equal((await get({ 'if-none-match': '"other"' })).statusCode, 200);
    assert.equal((await get({ 'if-modified-since': new Date(Date.parse(lastModified) - 60_000).toUTCString() })).statusCode, 200);
    assert.equal((await get({ 'if-none-match': etag }, '/api/settings?force=true')).statusCode, 200);
  });

  it('writes what clients change to config.yaml, keeps its comments, and answers the new settings', async () => {
    const before = await get();
    const response = await post({
      api: { allowCrossOrigin: true, key: 'ignored-global-key' },
      appearance: { name: 'Workshop', color: 'blue' },
      serial: { timeoutConnection: '12.5', autoconnect: 'yes', port: '/dev/ttyACM0', baudrate: 115200 },
      temperature: { profiles: [{ name: 'PETG', extruder: '240', bed: 80 }] },
      webcam: { streamUrl: 'http://cam.local/stream', flipH: true, streamRatio: '21:9' },
      scripts: { gcode: { afterPrintDone: 'M84\r\nM104 S0', snippets: { x: 'y' }, notAScript: 'G28' } },
      plugins: { discovery: { publicPort: '8080', upnpUuid: 'not-changeable' } },
      unknownSection: { anything: 1 },
    });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.appearance.name, 'Workshop');
    assert.equal(body.appearance.color, 'blue');
    assert.equal(body.api.allowCrossOrigin, true);
    assert.equal(body.api.key, null);
    assert.equal(body.serial.timeoutConnection, 12.5);
    assert.equal(body.serial.autoconnect, true);
    assert.deepEqual(body.temperature.profiles, [{ name: 'PETG', extruder: 240, bed: 80 }]);
    assert.equal(body.webcam.streamUrl, 'http://cam.local/stream');
    assert.equal(body.webcam.streamRatio, '16:9', 'an unknown ratio is ignored as OctoPrint does');
    assert.equal(body.scripts.gcode.afterPrintDone, 'M84\nM104 S0');
    assert.equal(body.plugins.discovery.publicPort, '8080');
    assert.equal(body.plugins.discovery.upnpUuid, before.json().plugins.discovery.upnpUuid);

    const text = configText();
    assert.match(text, /^# Argonaut test configuration$/m);
    assert.match(text, /# the camera on the shelf/);
    assert.match(text, /enabled: false # everyone is admin in this test/);
    assert.match(text, /name: Workshop/);
    assert.match(text, /allowCrossOrigin: true/);
    assert.match(text, /connection: 12\.5/);
    assert.doesNotMatch(text, /ignored-global-key/);
    assert.doesNotMatch(text, /notAScript|unknownSection/);
    assert.equal(t.app.config.config.serial.port, '/dev/ttyACM0');

    // The new values changed the validators: the old ETag no longer matches.
    assert.equal((await get({ 'if-none-match': String(before.headers.etag) })).statusCode, 200);
    // And the pipeline reads the setting live: CORS is now on.
    const cors = await t.app.http.inject({ method: 'GET', url: '/api/version', headers: { origin: 'http://app.example' } });
    assert.equal(cors.headers['access-control-allow-origin'], 'http://app.example');
  });

  it('rejects malformed input with 400 or 415 and changes nothing', async () => {
    const text = configText();
    const cases: Array<[unknown, number, string?]> = [
      ['[1, 2]', 400],
      ['"just a string"', 400],
      [{ appearance: 'Workshop' }, 400],
      [{ appearance: { name: 'Fine', color: 'pink' } }, 400],
      [{ serial: { baudrate: 'fast' } }, 400],
      [{ serial: { timeoutConnection: 0 } }, 400],
      [{ webcam: { bitrate: 'lots' } }, 400],
      [{ temperature: { profiles: [{ name: 'X' }] } }, 400],
      [{ server: { commands: 'rm -rf /' } }, 400],
      [{ terminalFilters: [{ name: 'no regex' }] }, 400],
      ['{"appearance": {"name": "x"}}', 415, 'text/plain'],
    ];
    for (const [payload, status, type] of cases) {
      const response = await post(payload, type);
      assert.equal(response.statusCode, status, `${JSON.stringify(payload)} → ${response.body}`);
      assert.equal(typeof response.json().error, 'string');
    }
    assert.equal(configText(), text);
  });

  it('documents both operations with their permissions in the OpenAPI document', async () => {
    const document = (await t.app.http.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    assert.equal(document.paths['/api/settings'].get['x-permission'], 'SETTINGS_READ');
    assert.equal(document.paths['/api/settings'].post['x-permission'], 'SETTINGS');
  });
});

describe('/api/settings (access control on, anonymous)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: 'plugins:\n  discovery:\n    enabled: false\n' });
  });
  after(() => t.close());

  it('answers 403 to reads and writes without a key', async () => {
    const read = await t.app.http.inject({ method: 'GET', url: '/api/settings' });
    assert.equal(read.statusCode, 403);
    assert.equal(typeof read.json().error, 'string');
    const write = await t.app.http.inject({
      method: 'POST',
      url: '/api/settings',
      headers: { 'content-type': 'application/json' },
      payload: '{"appearance":{"name":"x"}}',
    });
    assert.ok([400, 403].includes(write.statusCode), `status ${write.statusCode}`);
    assert.equal(t.app.config.config.appearance.name, '');
  });
});

describe('custom controls from config.yaml', () => {
  const CONTROLS = [
    'accessControl:',
    '  enabled: false',
    'controls:',
    '  - name: Fan',
    '    layout: horizontal',
    '    children:',
    '      - name: Fan on',
    '        command: M106 S255',
    '      - name: Fan off',
    '        command: M107',
    '  - name: Get position',
    '    command: M114',
    '    regex: "X:([-0-9.]+)"',
    '    template: "X is {0}"',
    '',
  ].join('\n');

  it('are offered in /api/settings and /api/printer/command/custom exactly as written', async () => {
    const t = await createTestApp({ config: CONTROLS });
    try {
      const expected = [
        { name: 'Fan', layout: 'horizontal', children: [{ name: 'Fan on', command: 'M106 S255' }, { name: 'Fan off', command: 'M107' }] },
        { name: 'Get position', command: 'M114', regex: 'X:([-0-9.]+)', template: 'X is {0}' },
      ];
      const headers = { 'x-api-key': 'not-checked' };
      assert.deepEqual((await t.app.http.inject({ method: 'GET', url: '/api/settings', headers })).json().controls, expected);
      assert.deepEqual((await t.app.http.inject({ method: 'GET', url: '/api/printer/command/custom', headers })).json(), { controls: expected });
    } finally {
      await t.close();
    }
  });

  it('that are not a list of controls stop the start with the reason, as any invalid setting does', async () => {
    await assert.rejects(createTestApp({ config: 'controls:\n  - just a string\n' }), /controls is \["just a string"\], but it must be a list of controls/);
  });
});
