// End to end: a zchange timelapse whose frames come from Argonaut's own camera (ffmpeg's testsrc standing in for
// /dev/video0) while webcam.snapshot holds the relative URL OctoPi users have; the MP4 is checked with ffprobe.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { jpegSize, testPatternInput } from '../support/fake-camera.js';
import { probeMovie } from '../support/jpeg-camera.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

const KEY = { 'x-api-key': 'e2e' };
const LAYERS = 3;
const FPS = 4;

function layeredGcode(): string {
  const lines = ['G28 X Y', 'G90', 'M83'];
  for (let layer = 1; layer <= LAYERS; layer += 1) lines.push(`G1 Z${(layer * 0.2).toFixed(2)} F3000`, 'G1 X30 Y30 E0.5 F3000', 'G1 X10 Y10 E0.5 F3000');
  return `${lines.join('\n')}\n`;
}

describe('a timelapse from the built-in camera, with a relative snapshot URL', () => {
  let t: TestApp;
  let base: string;

  before(async () => {
    const config = {
      accessControl: { enabled: false },
      plugins: { discovery: { enabled: false }, virtual_printer: { instant: false } },
      camera: { source: 'local', inputArgs: testPatternInput('160x120'), lingerSeconds: 1 },
      webcam: { snapshot: '/webcam/?action=snapshot', timelapse: { type: 'zchange', fps: FPS, postRoll: 0, options: { retractionZHop: 0, minDelay: 0 } } },
    };
    t = await createTestApp({ config: JSON.stringify(config) });
    const { port } = await t.app.start();
    base = `http://127.0.0.1:${port}`;
  });
  after(() => t.close());

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...KEY, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  it('captures the camera once per layer and renders the frames into an MP4 ffprobe agrees with', { timeout: 180_000 }, async () => {
    assert.equal((await api('GET', '/api/timelapse')).json.recordable, true, 'the built-in camera makes timelapses recordable');
    assert.equal((await api('POST', '/api/connection', { command: 'connect', port: 'VIRTUAL', baudrate: 250000 })).status, 204);
    await until(async () => ((await api('GET', '/api/connection')).json.current as { state: string }).state === 'Operational', 'Operational', 20_000);

    const sizes: Array<{ width: number; height: number }> = [];
    const failed: string[] = [];
    t.app.events.on('CaptureDone', (payload) => sizes.push(jpegSize(readFileSync(payload.file))));
    t.app.events.on('CaptureFailed', (payload) => failed.push(payload.error));
    const movieDone = t.app.events.once('MovieDone', 170_000);
    const form = new FormData();
    form.append('file', new Blob([layeredGcode()]), 'camera.gcode');
    form.append('print', 'true');
    assert.equal((await fetch(`${base}/api/files/local`, { method: 'POST', headers: KEY, body: form })).status, 201);

    const done = await movieDone;
    assert.deepEqual(failed, [], 'no capture failed');
    assert.equal(sizes.length, LAYERS, 'one frame per layer');
    for (const size of sizes) assert.deepEqual(size, { width: 160, height: 120 }, 'frames are the camera\'s pictures');
    const movie = probeMovie(done.movie);
    assert.equal(movie.frames, LAYERS);
    assert.equal(movie.fps, FPS);
    await until(() => t.app.camera.viewerCount === 0 && !t.app.camera.capturing, 'the camera stopped after the captures', 30_000);
  });

  it('is not recordable when only a relative snapshot URL is left (it points back at Argonaut, which has no source)', async () => {
    await t.app.config.set('camera.source', 'none');
    const listed = await api('GET', '/api/timelapse');
    assert.equal(listed.json.enabled, true, 'the setting is still on, as OctoPrint reports it');
    assert.equal(listed.json.recordable, false);
    const settings = await api('GET', '/api/settings');
    assert.equal((settings.json.webcam as { snapshotUrl: string }).snapshotUrl, '/webcam/?action=snapshot');
  });
});
