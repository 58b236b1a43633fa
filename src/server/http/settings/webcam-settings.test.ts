// The camera parts of /api/settings against OctoPrint 1.11.8's recorded shape, and saving them through POST.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { resolveConfig } from '../../../config/index.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { OPEN_CONFIG } from '../../../../test/support/admin-and-guest-apps.js';
import { classicWebcamPluginJson, planWebcamEdits, webcamSectionJson } from './webcam-settings.js';

type Json = Record<string, unknown>;

/** The webcam parts of OctoPrint 1.11.8's GET /api/settings, as the conformance walk recorded them. */
function recordedSettings(): Json {
  return JSON.parse(readFileSync(new URL('../../../../test/fixtures/octoprint/settings-webcam-1.11.8.json', import.meta.url), 'utf8')) as Json;
}

function keysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keysDeep);
  if (typeof value !== 'object' || value === null) return typeof value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([key, child]) => [key, keysDeep(child)]));
}

describe('webcam settings JSON', () => {
  const stream = resolveConfig({ webcam: { stream: 'http://cam/stream' } }).config;

  it('has the keys and types OctoPrint 1.11.8 reports, in webcam and plugins.classicwebcam', () => {
    const recorded = recordedSettings();
    // OctoPrint lists its classic webcam even without a URL; the recording was made that way, so compare with one.
    assert.deepEqual(keysDeep(webcamSectionJson(stream)), keysDeep({ ...(recorded.webcam as Json), defaultWebcam: 'classic', snapshotWebcam: null }));
    assert.deepEqual(keysDeep(classicWebcamPluginJson(stream)), keysDeep((recorded.plugins as Json).classicwebcam));
  });

  it("gives the built-in camera's relative URLs while Argonaut has a source and no other URL is set", () => {
    const builtIn = webcamSectionJson(resolveConfig({ camera: { source: 'local' } }).config);
    assert.equal(builtIn.streamUrl, '/webcam/?action=stream');
    assert.equal(builtIn.snapshotUrl, '/webcam/?action=snapshot');
    assert.equal(builtIn.webcamEnabled, true);
    assert.equal((builtIn.webcams as Json[])[0]?.snapshotDisplay, '/webcam/?action=snapshot');
    const own = webcamSectionJson(resolveConfig({ camera: { source: 'local' }, webcam: { stream: 'http://elsewhere/s' } }).config);
    assert.equal(own.streamUrl, 'http://elsewhere/s');
  });

  it('turns plugins.classicwebcam and camera into config edits, and refuses bad values', () => {
    const plan = planWebcamEdits({ plugins: { classicwebcam: { flipH: 'true', stream: '/s', unknown: 1 } }, camera: { source: 'proxy', framerate: '30' } });
    assert.equal(plan.needsFreshCredentials, false);
    assert.equal(planWebcamEdits({ camera: { inputArgs: ['-f', 'lavfi', '-i', 'testsrc'] } }).needsFreshCredentials, true, "ffmpeg's arguments need fresh credentials");
    assert.deepEqual(plan.edits, [
      { path: 'webcam.stream', value: '/s' },
      { path: 'webcam.flipH', value: true },
      { path: 'camera.source', value: 'proxy' },
      { path: 'camera.framerate', value: 30 },
    ]);
    assert.throws(() => planWebcamEdits({ camera: { source: 'webcam-of-the-moon' } }), /camera.source/);
    assert.throws(() => planWebcamEdits({ camera: 'local' }), /camera must be an object/);
  });
});

describe('POST /api/settings with camera settings', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: OPEN_CONFIG });
  });
  after(() => t.close());

  it('saves classicwebcam and camera settings, in effect at once', async () => {
    const body = { plugins: { classicwebcam: { flipV: true, rotate90: true } }, camera: { source: 'local', lingerSeconds: 2 } };
    const saved = await t.app.http.inject({ method: 'POST', url: '/api/settings', payload: body, headers: { 'x-api-key': 'not-checked' } });
    assert.equal(saved.statusCode, 200, saved.body);
    const settings = (await t.app.http.inject({ method: 'GET', url: '/api/settings' })).json();
    assert.equal(settings.webcam.flipV, true);
    assert.equal(settings.plugins.classicwebcam.rotate90, true);
    assert.equal(settings.camera.source, 'local');
    assert.equal(settings.webcam.streamUrl, '/webcam/?action=stream');
    assert.equal(t.app.camera.status().source, 'local', 'the camera follows at once');
    const bad = await t.app.http.inject({ method: 'POST', url: '/api/settings', payload: { camera: { quality: 99 } }, headers: { 'x-api-key': 'not-checked' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error, /camera.quality/);
  });

  it('refuses camera URLs that name a link-local, cloud-metadata or broadcast address, and saves nothing', async () => {
    const before = structuredClone(t.app.config.config);
    const bodies = [
      { camera: { proxyStreamUrl: 'http://169.254.169.254/?action=stream' } },
      { camera: { proxySnapshotUrl: 'http://[fe80::1]:8080/?action=snapshot' } },
      { camera: { proxyStreamUrl: 'http://0xa9fea9fe/latest/' } },
      { plugins: { classicwebcam: { snapshot: 'http://[::ffff:169.254.169.254]/meta-data/' } } },
      { webcam: { snapshotUrl: 'http://100.100.100.200/latest/meta-data/' } },
      { webcam: { webcamEnabled: false }, camera: { proxySnapshotUrl: 'http://224.0.0.1/' } },
    ];
    for (const body of bodies) {
      const refused = await t.app.http.inject({ method: 'POST', url: '/api/settings', payload: body, headers: { 'x-api-key': 'not-checked' } });
      assert.equal(refused.statusCode, 400, JSON.stringify(body));
      assert.match(refused.json().error, /link-local, cloud-metadata or broadcast address/);
    }
    assert.deepEqual(t.app.config.config.camera, before.camera);
    assert.deepEqual(t.app.config.config.webcam, before.webcam);
    const fine = { camera: { proxyStreamUrl: 'http://192.168.1.20:8080/?action=stream' }, plugins: { classicwebcam: { snapshot: '/webcam/?action=snapshot' } } };
    const saved = await t.app.http.inject({ method: 'POST', url: '/api/settings', payload: fine, headers: { 'x-api-key': 'not-checked' } });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(t.app.config.config.camera.proxyStreamUrl, 'http://192.168.1.20:8080/?action=stream');
  });
});

