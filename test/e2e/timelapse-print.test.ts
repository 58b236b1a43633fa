// End to end: a print on the virtual printer with a zchange timelapse (z-hops in the file), frames from a real HTTP
// snapshot camera, rendered by the real ffmpeg; the MP4 is checked with the real ffprobe. Push carries the config,
// the events and the render progress; a render asked for while the print is paused is refused with 409.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { probeMovie, startJpegCamera } from '../support/jpeg-camera.js';
import type { JpegCamera } from '../support/jpeg-camera.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';
import { connectPush } from './push-clients.js';
import type { PushTestClient } from './push-clients.js';
import { loopbackApi } from '../support/loopback-api.js';

const KEY = { 'x-api-key': 'e2e' };
const LAYERS = 6;
const FPS = 5;
const POST_ROLL = 1;

/** Six layers of 0.2 mm, each with a retraction z-hop of 0.4 mm up and back down; X/Y only homing. */
function layeredGcode(): string {
  const lines = ['G28 X Y', 'G90', 'M83'];
  for (let layer = 1; layer <= LAYERS; layer += 1) {
    const z = (layer * 0.2).toFixed(2);
    const hop = (layer * 0.2 + 0.4).toFixed(2);
    lines.push(`G1 Z${z} F3000`, 'G1 X30 Y30 E0.5 F3000', `G1 Z${hop} F3000`, 'G1 X10 Y10 F3000', `G1 Z${z} F3000`, 'G1 X30 Y10 E0.5 F3000');
  }
  return `${lines.join('\n')}\n`;
}

describe('a zchange timelapse of a print on the virtual printer', () => {
  let t: TestApp;
  let camera: JpegCamera;
  let base: string;
  let push: PushTestClient;

  before(async () => {
    camera = await startJpegCamera();
    const config = {
      accessControl: { enabled: false },
      plugins: { discovery: { enabled: false }, virtual_printer: { instant: false } },
      webcam: { snapshot: camera.url, timelapse: { type: 'zchange', fps: FPS, postRoll: POST_ROLL, options: { retractionZHop: 0.4, minDelay: 0 } } },
    };
    t = await createTestApp({ config: JSON.stringify(config) });
    const { port } = await t.app.start();
    base = `http://127.0.0.1:${port}`;
    push = await connectPush(base, 'raw');
  });
  after(async () => {
    await push.close();
    await t.close();
    await camera.close();
  });

  const api = loopbackApi(() => base, KEY);

  it('captures one frame per layer, renders them after the print, and ffprobe agrees', { timeout: 180_000 }, async () => {
    await push.inbox.waitFor('the timelapse message', () => push.inbox.of('timelapse').length > 0);
    assert.deepEqual(push.inbox.of('timelapse')[0], { type: 'zchange', postRoll: POST_ROLL, fps: FPS, renderAfterPrint: 'always', options: { retractionZHop: 0.4, minDelay: 0 } });
    const listed = await api('GET', '/api/timelapse');
    assert.equal(listed.json.enabled, true);
    assert.equal((listed.json.config as { type: string }).type, 'zchange');

    const connect = await api('POST', '/api/connection', { command: 'connect', port: 'VIRTUAL', baudrate: 250000 });
    assert.equal(connect.status, 204);
    await until(async () => ((await api('GET', '/api/connection')).json.current as { state: string }).state === 'Operational', 'Operational', 20_000);

    const captured: string[] = [];
    t.app.events.on('CaptureDone', (payload) => captured.push(payload.file));
    const failed: string[] = [];
    t.app.events.on('CaptureFailed', (payload) => failed.push(payload.error));
    const movieDone = t.app.events.once('MovieDone', 170_000);

    const form = new FormData();
    form.append('file', new Blob([layeredGcode()]), 'layers.gcode');
    form.append('print', 'true');
    const upload = await fetch(`${base}/api/files/local`, { method: 'POST', headers: KEY, body: form });
    assert.equal(upload.status, 201);

    // Paused mid-print, rendering is refused as in OctoPrint.
    await until(() => captured.length >= 1, 'the first capture', 60_000);
    assert.equal((await api('POST', '/api/job', { command: 'pause', action: 'pause' })).status, 204);
    await until(async () => ((await api('GET', '/api/job')).json.state as string) === 'Paused', 'paused', 20_000);
    const refused = await api('POST', '/api/timelapse/unrendered/anything', { command: 'render' });
    assert.equal(refused.status, 409);
    assert.equal(typeof refused.json.error, 'string');
    const during = await api('GET', '/api/timelapse?unrendered=true');
    const recording = (during.json.unrendered as Array<{ recording: boolean; processing: boolean }>)[0];
    assert.equal(recording?.recording, true);
    assert.equal(recording?.processing, true);
    assert.equal((await api('POST', '/api/job', { command: 'pause', action: 'resume' })).status, 204);

    const done = await movieDone;
    assert.deepEqual(failed, []);
    assert.equal(captured.length, LAYERS + 1, 'one frame per layer, none for the z-hops, plus the post-roll frame');
    assert.equal(done.gcode, 'layers.gcode');
    assert.match(done.movie_basename, /^layers_\d{14}\.mp4$/);

    const frames = LAYERS + 1 + POST_ROLL * FPS;
    const movie = probeMovie(done.movie);
    assert.equal(movie.codec, 'h264');
    assert.equal(movie.frames, frames);
    assert.equal(movie.fps, FPS);
    assert.ok(Math.abs(movie.duration - frames / FPS) < 0.25, `duration ${movie.duration} s for ${frames} frames at ${FPS} fps`);

    const after = await api('GET', '/api/timelapse?unrendered=true');
    assert.deepEqual(after.json.unrendered, []);
    assert.deepEqual((after.json.files as Array<{ name: string }>).map((f) => f.name), [done.movie_basename]);
    const download = await fetch(`${base}/downloads/timelapse/${done.movie_basename}`, { headers: { ...KEY, range: 'bytes=0-7' } });
    assert.equal(download.status, 206);
    assert.equal(Buffer.from(await download.arrayBuffer()).subarray(4, 8).toString('latin1'), 'ftyp');

    // Push: the capture and movie events, and the progress of the render.
    await push.inbox.waitFor('MovieDone on the socket', () => push.inbox.events().some((e) => e.type === 'MovieDone'));
    const types = push.inbox.events().map((e) => e.type);
    for (const type of ['CaptureStart', 'CaptureDone', 'PostRollStart', 'PostRollEnd', 'MovieRendering', 'MovieDone']) assert.ok(types.includes(type), `${type} pushed`);
    assert.ok(push.inbox.of<{ progress: number }>('renderProgress').length > 0, 'renderProgress pushed');
  });
});
