// TimelapseService with a real HTTP snapshot camera (through the camera service) and the real ffmpeg: timed mode on a hand-moved clock, z-change rules, failures, cleaning.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigStore } from '../../config/index.js';
import { EventBus } from '../../events/index.js';
import type { EventName, EventPayloads } from '../../events/index.js';
import { ManualScheduler } from '../../../test/support/manual-scheduler.js';
import { generateJpegFrames, probeMovie, startJpegCamera } from '../../../test/support/jpeg-camera.js';
import type { JpegCamera } from '../../../test/support/jpeg-camera.js';
import { until } from '../../../test/support/until.js';
import { CameraService, locateFfmpeg } from '../index.js';
import { TimelapseService } from './timelapse-service.js';

const PRINT = { name: 'cube.gcode', path: 'cube.gcode', origin: 'local', size: 1, owner: null, user: null };

interface Rig {
  service: TimelapseService;
  events: EventBus;
  clock: ManualScheduler;
  captures: string;
  movies: string;
  seen: Array<{ name: EventName; payload: unknown }>;
  count(name: EventName): number;
}

function rig(camera: JpegCamera, webcam: Record<string, unknown>, free = Number.MAX_SAFE_INTEGER, url = camera.url): Rig {
  const root = mkdtempSync(path.join(tmpdir(), 'timelapse-service-'));
  const movies = path.join(root, 'timelapse');
  const captures = path.join(movies, 'tmp');
  mkdirSync(captures, { recursive: true });
  const file = path.join(root, 'config.yaml');
  writeFileSync(file, `${JSON.stringify({ webcam: { snapshot: url, ...webcam } })}\n`);
  const config = ConfigStore.open(file);
  const events = new EventBus();
  // The app's camera with no source of its own fetches the classic webcam's snapshot URL, as here.
  const snapshots = new CameraService({
    settings: () => ({ source: 'none', streamUrl: '', snapshotUrl: '', inputArgs: [], quality: 5, lingerMs: 0, streamTimeoutMs: 5000, snapshotTimeoutMs: 5000, validateCertificate: true, ffmpegPath: null, fallbackSnapshotUrl: config.config.webcam.snapshot }),
    log: () => undefined,
    addressAllowed: () => true,
  });
  const clock = new ManualScheduler();
  const startedAt = Date.now();
  const seen: Rig['seen'] = [];
  events.onAny((name, payload) => seen.push({ name, payload }));
  const service = new TimelapseService({
    folders: { movies, captures },
    config,
    events,
    snapshot: () => snapshots.snapshot(),
    ffmpeg: () => locateFfmpeg()?.path,
    cameraAvailable: () => true,
    clock: { now: () => startedAt + clock.now(), every: (ms, task) => clock.setInterval(task, ms) },
    freeBytes: async () => free,
    warn: () => undefined,
  });
  return { service, events, clock, captures, movies, seen, count: (name) => seen.filter((e) => e.name === name).length };
}

function payloadOf<K extends EventName>(r: Rig, name: K): EventPayloads[K] {
  const found = r.seen.find((e) => e.name === name);
  assert.ok(found, `no ${name} event`);
  return found.payload as EventPayloads[K];
}

const frames = (r: Rig): string[] => readdirSync(r.captures).filter((n) => n.endsWith('.jpg'));

describe('TimelapseService', () => {
  let camera: JpegCamera;
  before(async () => (camera = await startJpegCamera()));
  after(async () => camera.close());

  it('timed: captures at each interval of the injected clock, holds the last frame for the post-roll, renders an MP4', async () => {
    const r = rig(camera, { timelapse: { type: 'timed', fps: 4, postRoll: 1, options: { interval: 10, capturePostRoll: false } } });
    r.events.emit('PrintStarted', PRINT);
    await until(() => r.count('CaptureDone') === 1, 'the first capture at the start');
    r.clock.advance(9_999);
    await r.service.idle();
    assert.equal(r.count('CaptureStart'), 1, 'nothing before the interval is over');
    r.clock.advance(1);
    await until(() => r.count('CaptureDone') === 2, 'the second capture');
    r.clock.advance(10_000);
    await until(() => r.count('CaptureDone') === 3, 'the third capture');
    assert.equal(frames(r).length, 3);
    r.events.emit('PrintDone', { ...PRINT, time: 30 });
    await until(() => r.count('MovieDone') === 1 || r.count('MovieFailed') === 1, 'the render', 120_000);
    const done = payloadOf(r, 'MovieDone');
    assert.equal(done.gcode, 'cube.gcode');
    assert.match(done.movie_basename, /^cube_\d{14}\.mp4$/);
    assert.equal(done.movie, path.join(r.movies, done.movie_basename));
    assert.equal(r.count('PostRollStart'), 1);
    assert.equal(r.count('PostRollEnd'), 1);
    assert.equal(r.count('MovieRendering'), 1);
    // 3 captures + 1 post-roll capture + 4 copies (1 s at 4 fps).
    const movie = probeMovie(done.movie);
    assert.equal(movie.frames, 8);
    assert.ok(Math.abs(movie.duration - 2) < 0.3, `duration ${movie.duration}`);
    assert.deepEqual(frames(r), [], 'the captures are removed once rendered');
    assert.deepEqual((await r.service.movies()).map((m) => m.name), [done.movie_basename]);
    r.clock.advance(60_000);
    await r.service.idle();
    assert.equal(r.count('CaptureStart'), 4, 'the timer stopped with the print');
    r.service.dispose();
  });

  it('timed with capturePostRoll: keeps capturing at the interval for postRoll × fps frames, then renders', async () => {
    const r = rig(camera, { timelapse: { type: 'timed', fps: 2, postRoll: 2, options: { interval: 5, capturePostRoll: true } } });
    r.events.emit('PrintStarted', PRINT);
    await until(() => r.count('CaptureDone') === 1, 'the first capture');
    r.events.emit('PrintDone', { ...PRINT, time: 1 });
    await until(() => r.count('PostRollStart') === 1, 'the post-roll');
    assert.deepEqual(payloadOf(r, 'PostRollStart'), { postroll_duration: 20, postroll_length: 2, postroll_fps: 2 });
    for (let i = 2; i <= 5; i += 1) {
      r.clock.advance(5000);
      await until(() => r.count('CaptureDone') === i, `post-roll capture ${i - 1}`);
    }
    r.clock.advance(5000);
    await until(() => r.count('MovieDone') === 1, 'the render', 120_000);
    assert.equal(r.count('CaptureStart'), 5, 'four post-roll captures, then the timer stops');
    assert.equal(probeMovie(payloadOf(r, 'MovieDone').movie).frames, 5);
    r.service.dispose();
  });

  it('zchange: a frame per layer, none for a retraction z-hop or within minDelay', async () => {
    const r = rig(camera, { timelapse: { type: 'zchange', renderAfterPrint: 'off', options: { retractionZHop: 0.4, minDelay: 2 } } });
    r.events.emit('PrintStarted', PRINT);
    const z = (next: number, old: number | null): void => r.events.emit('ZChange', { new: next, old });
    z(0.2, null);
    r.clock.advance(3000);
    z(0.6, 0.2); // z-hop up
    z(0.2, 0.6); // and down
    z(0.4, 0.2); // next layer
    z(0.6, 0.4); // too soon after
    r.clock.advance(3000);
    z(0.8, 0.6);
    await r.service.idle();
    assert.equal(r.count('CaptureDone'), 3);
    r.events.emit('PrintFailed', { ...PRINT, time: 9, reason: 'cancelled' });
    await until(() => frames(r).length === 3 && r.count('MovieRendering') === 0, 'the print to end');
    const [group] = await r.service.unrendered();
    assert.equal(group?.count, 3, 'renderAfterPrint off keeps the captures unrendered');
    assert.equal(group?.recording, false);
    r.service.dispose();
  });

  it('renders one movie at a time, in the order asked, each to the end before the next starts', async () => {
    const r = rig(camera, { timelapse: { type: 'zchange' } });
    const pictures = generateJpegFrames(12);
    const groups = ['first_20250301110000', 'second_20250301120000', 'third_20250301130000'];
    for (const group of groups) pictures.forEach((picture, i) => writeFileSync(path.join(r.captures, `${group}-${i}.jpg`), picture));
    for (const group of groups) r.service.renderUnrendered(group);
    await until(() => r.count('MovieDone') + r.count('MovieFailed') === groups.length, 'three renders', 120_000);
    const order = r.seen
      .filter((e) => e.name === 'MovieRendering' || e.name === 'MovieDone')
      .map((e) => `${e.name} ${(e.payload as { movie_prefix: string }).movie_prefix}`);
    assert.deepEqual(order, groups.flatMap((group) => [`MovieRendering ${group}`, `MovieDone ${group}`]));
    for (const group of groups) assert.equal(probeMovie(path.join(r.movies, `${group}.mp4`)).frames, 12);
    assert.deepEqual(frames(r), [], 'the captures are gone once rendered');
    r.service.dispose();
  });

  it('a render that ffmpeg refuses ends in MovieFailed and keeps the captures', async () => {
    const r = rig(camera, { ffmpegVideoCodec: 'no-such-encoder', timelapse: { type: 'zchange', options: { minDelay: 0 } } });
    r.events.emit('PrintStarted', PRINT);
    r.events.emit('ZChange', { new: 0.2, old: null });
    r.events.emit('ZChange', { new: 0.4, old: 0.2 });
    await r.service.idle();
    r.events.emit('PrintDone', { ...PRINT, time: 5 });
    await until(() => r.count('MovieFailed') === 1, 'MovieFailed', 60_000);
    const failed = payloadOf(r, 'MovieFailed');
    assert.equal(failed.reason, 'returncode');
    assert.notEqual(failed.returncode, 0);
    assert.match(failed.error, /no-such-encoder/i);
    assert.equal(failed.movie_prefix, (await r.service.unrendered())[0]?.name);
    assert.equal(r.count('MovieDone'), 0);
    assert.equal(frames(r).length, 2);
    assert.deepEqual(readdirSync(r.movies).filter((n) => n !== 'tmp'), [], 'no half-written movie');
    r.service.dispose();
  });

  it('stops capturing below the disk-space floor, and a print without frames fails with no_frames', async () => {
    const r = rig(camera, { timelapseMinFreeMb: 100, timelapse: { type: 'zchange', options: { minDelay: 0 } } }, 50 * 1024 * 1024);
    r.events.emit('PrintStarted', PRINT);
    r.events.emit('ZChange', { new: 0.2, old: null });
    await r.service.idle();
    const failed = payloadOf(r, 'CaptureFailed');
    assert.match(failed.error, /less than 100 MB free/);
    assert.equal(failed.url, camera.url);
    assert.equal(camera.served >= 0 && frames(r).length, 0);
    r.events.emit('PrintDone', { ...PRINT, time: 5 });
    await until(() => r.count('MovieFailed') === 1, 'MovieFailed');
    assert.equal(payloadOf(r, 'MovieFailed').reason, 'no_frames');
    r.service.dispose();
  });

  it('reports a snapshot URL that fails as CaptureFailed', async () => {
    const r = rig(camera, { timelapse: { type: 'zchange', options: { minDelay: 0 } } }, undefined, camera.url.replace('/snapshot', '/broken'));
    r.events.emit('PrintStarted', PRINT);
    r.events.emit('ZChange', { new: 0.2, old: null });
    await r.service.idle();
    assert.match(payloadOf(r, 'CaptureFailed').error, /answered with status 500/);
    r.service.dispose();
  });

  it('deletes captures older than cleanTmpAfterDays', async () => {
    const r = rig(camera, { cleanTmpAfterDays: 2, timelapse: { type: 'off' } });
    writeFileSync(path.join(r.captures, 'old_20200101000000-0.jpg'), 'x');
    assert.equal((await r.service.unrendered()).length, 1);
    r.clock.advance(3 * 24 * 3600 * 1000);
    assert.deepEqual(await r.service.unrendered(), []);
    r.service.dispose();
  });
});
