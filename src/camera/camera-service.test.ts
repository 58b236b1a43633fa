// Tests for the camera with real ffmpeg and real pictures: testsrc as the local camera, a fake mjpg-streamer for the proxy.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { jpegSize, makeJpegFrames, startFakeStreamer, testPatternInput } from '../../test/support/fake-camera.js';
import type { FakeStreamer } from '../../test/support/fake-camera.js';
import { until } from '../../test/support/until.js';
import { CameraError, CameraService, NO_FFMPEG_MESSAGE } from './camera-service.js';
import type { CameraSettings, CameraStream } from './camera-service.js';
import { JpegFrameSplitter } from './jpeg-frames.js';

function settingsWith(changes: Partial<CameraSettings>): CameraSettings {
  return {
    source: 'none',
    streamUrl: '',
    snapshotUrl: '',
    inputArgs: testPatternInput(),
    quality: 5,
    lingerMs: 200,
    streamTimeoutMs: 10_000,
    snapshotTimeoutMs: 20_000,
    validateCertificate: true,
    ffmpegPath: null,
    fallbackSnapshotUrl: '',
    ...changes,
  };
}

/** The app refuses link-local and metadata addresses; these tests refuse what each names (loopback, to catch it). */
function cameraWith(settings: CameraSettings, logs: string[] = [], refused: readonly string[] = ['169.254.169.254']): CameraService {
  return new CameraService({ settings: () => settings, log: (_level, message) => logs.push(message), addressAllowed: (address) => !refused.includes(address) });
}

/** Collects the whole frames a stream's body carries. */
function collect(stream: CameraStream): Buffer[] {
  const frames: Buffer[] = [];
  const splitter = new JpegFrameSplitter((frame) => frames.push(Buffer.from(frame)));
  stream.body.on('data', (chunk: Buffer) => splitter.push(chunk));
  return frames;
}

describe('CameraService with a local camera (ffmpeg testsrc)', () => {
  it('runs one ffmpeg for all viewers, and stops it after the last one left', async () => {
    const camera = cameraWith(settingsWith({ source: 'local' }));
    try {
      const first = await camera.openStream();
      const second = await camera.openStream();
      assert.match(first.contentType, /^multipart\/x-mixed-replace;boundary=/);
      const a = collect(first);
      const b = collect(second);
      await until(() => a.length >= 3 && b.length >= 3, 'frames at both viewers', 60_000);
      assert.equal(camera.viewerCount, 2);
      assert.deepEqual(jpegSize(a[0]!), { width: 320, height: 240 });
      first.close();
      assert.equal(camera.viewerCount, 1);
      assert.ok(camera.capturing, 'still capturing for the second viewer');
      second.close();
      assert.equal(camera.viewerCount, 0);
      await until(() => !camera.capturing, 'ffmpeg stopped after the linger', 20_000);
    } finally {
      camera.dispose();
    }
  });

  it('takes snapshots (the timelapse source)', async () => {
    const camera = cameraWith(settingsWith({ source: 'local' }));
    try {
      const picture = await camera.snapshot();
      assert.deepEqual(jpegSize(picture), { width: 320, height: 240 });
      assert.equal(camera.viewerCount, 0);
    } finally {
      camera.dispose();
    }
  });

  it('starts ffmpeg again, with a pause, when it dies while someone watches', async () => {
    const logs: string[] = [];
    // The pattern ends after one second: ffmpeg exits by itself, as a camera unplugged for a moment would make it.
    const camera = cameraWith(settingsWith({ source: 'local', inputArgs: testPatternInput('160x120', 10, 1) }), logs);
    try {
      const stream = await camera.openStream();
      const frames = collect(stream);
      await until(() => logs.some((line) => /trying again/.test(line)), 'a restart', 60_000);
      const before = frames.length;
      await until(() => frames.length > before, 'frames after the restart', 60_000);
      stream.close();
    } finally {
      camera.dispose();
    }
  });

  it('falls back to the bundled ffmpeg when the configured one is missing, and says which it uses', async () => {
    const logs: string[] = [];
    const camera = cameraWith(settingsWith({ source: 'local', ffmpegPath: '/nonexistent/ffmpeg' }), logs);
    camera.announce();
    assert.equal(camera.ffmpeg()?.source, 'bundled');
    assert.deepEqual(camera.status().ffmpeg, { found: true, source: 'bundled' });
    assert.equal(camera.status().problem, null);
    assert.match(logs.join('\n'), /ffmpeg: .+ \(bundled\)/);
    camera.dispose();
  });

  it('says in the log, the status and to viewers, in plain words, that no ffmpeg was found', async () => {
    const logs: Array<[string, string]> = [];
    const settings = settingsWith({ source: 'local' });
    const camera = new CameraService({ settings: () => settings, log: (level, message) => logs.push([level, message]), addressAllowed: () => true, locate: () => undefined });
    camera.announce();
    assert.deepEqual(logs, [['warn', NO_FFMPEG_MESSAGE]]);
    assert.match(NO_FFMPEG_MESSAGE, /No ffmpeg was found .* everything else works\.$/);
    assert.deepEqual(camera.status(), { source: 'local', ffmpeg: { found: false, source: null }, viewers: 0, problem: NO_FFMPEG_MESSAGE });
    const missing = (error: unknown): boolean => error instanceof CameraError && error.code === 'unavailable' && error.message === NO_FFMPEG_MESSAGE;
    await assert.rejects(camera.openStream(), missing);
    await assert.rejects(camera.snapshot(), (error: unknown) => error instanceof CameraError && /^No ffmpeg was found/.test(error.message));
    assert.equal(camera.capturing, false);
    camera.dispose();
  });

  it('reports no camera when none is configured', async () => {
    const camera = cameraWith(settingsWith({ source: 'none' }));
    await assert.rejects(camera.openStream(), (error: unknown) => error instanceof CameraError && error.code === 'off');
    await assert.rejects(camera.snapshot(), (error: unknown) => error instanceof CameraError && error.code === 'off');
    camera.dispose();
  });
});

describe('CameraService proxying an external streamer', () => {
  let streamer: FakeStreamer;
  const frames = makeJpegFrames(4);
  before(async () => {
    streamer = await startFakeStreamer(frames);
  });
  after(() => streamer.close());

  it('passes the stream through and closes the upstream connection when the viewer leaves', async () => {
    const camera = cameraWith(settingsWith({ source: 'proxy', streamUrl: streamer.streamUrl }));
    const stream = await camera.openStream();
    const received = collect(stream);
    await until(() => received.length >= 3, 'proxied frames');
    assert.ok(received[0]!.equals(frames[0]!), 'the frames pass unchanged');
    assert.equal(camera.viewerCount, 1);
    await until(() => streamer.openStreams === 1, 'one upstream stream');
    stream.close();
    assert.equal(camera.viewerCount, 0);
    await until(() => streamer.openStreams === 0, 'the upstream connection closed');
    camera.dispose();
  });

  it('fetches the snapshot URL, or a frame of the stream when there is none', async () => {
    const withSnapshot = cameraWith(settingsWith({ source: 'proxy', streamUrl: streamer.streamUrl, snapshotUrl: streamer.snapshotUrl }));
    assert.ok((await withSnapshot.snapshot()).equals(frames[0]!));
    const streamOnly = cameraWith(settingsWith({ source: 'proxy', streamUrl: streamer.streamUrl }));
    assert.deepEqual(jpegSize(await streamOnly.snapshot()), { width: 320, height: 240 });
    await until(() => streamer.openStreams === 0 && streamOnly.viewerCount === 0, 'the stream used for the snapshot closed');
  });

  it('answers a plain error when the streamer cannot be reached', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const camera = cameraWith(settingsWith({ source: 'proxy', streamUrl: `http://127.0.0.1:${port}/?action=stream` }));
    await assert.rejects(camera.openStream(), (error: unknown) => error instanceof CameraError && error.code === 'unavailable' && /cannot be reached/.test(error.message));
    assert.equal(camera.viewerCount, 0);
  });

  it('never connects to a refused address, whether written in the URL or resolved from a host name', async () => {
    const served = streamer.streamsServed;
    const loopback = ['127.0.0.1', '::1'];
    const literal = cameraWith(settingsWith({ source: 'proxy', streamUrl: streamer.streamUrl, snapshotUrl: streamer.snapshotUrl }), [], loopback);
    const refusal = (error: unknown): boolean => error instanceof CameraError && error.code === 'unavailable' && /never connects to/.test(error.message);
    await assert.rejects(literal.openStream(), refusal);
    await assert.rejects(literal.snapshot(), refusal);
    const named = streamer.streamUrl.replace('127.0.0.1', 'localhost');
    const byName = cameraWith(settingsWith({ source: 'proxy', streamUrl: named }), [], loopback);
    await assert.rejects(byName.openStream(), refusal);
    await assert.rejects(byName.snapshot(), refusal, 'a snapshot from the stream is refused too');
    const fallback = cameraWith(settingsWith({ source: 'none', fallbackSnapshotUrl: streamer.snapshotUrl.replace('127.0.0.1', 'localhost') }), [], loopback);
    await assert.rejects(fallback.snapshot(), refusal, 'the timelapse snapshot URL is checked the same way');
    assert.equal(streamer.streamsServed, served, 'no stream was opened');
    assert.equal(byName.viewerCount + literal.viewerCount, 0);
    // The same host name is fine when its address is allowed.
    const allowed = cameraWith(settingsWith({ source: 'proxy', streamUrl: named }));
    const stream = await allowed.openStream();
    stream.close();
    allowed.dispose();
  });

  it('can take snapshots only with a source or an absolute snapshot URL (a relative one points back at Argonaut)', () => {
    assert.equal(cameraWith(settingsWith({ source: 'local' })).canSnapshot(), true);
    assert.equal(cameraWith(settingsWith({ source: 'proxy', streamUrl: streamer.streamUrl })).canSnapshot(), true);
    assert.equal(cameraWith(settingsWith({ source: 'none', fallbackSnapshotUrl: streamer.snapshotUrl })).canSnapshot(), true);
    assert.equal(cameraWith(settingsWith({ source: 'none', fallbackSnapshotUrl: '/webcam/?action=snapshot' })).canSnapshot(), false);
    assert.equal(cameraWith(settingsWith({ source: 'none' })).canSnapshot(), false);
  });
});
