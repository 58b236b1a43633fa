// /webcam/?action=stream|snapshot, /downloads/camera/current and /api/camera: permissions, the proxy over loopback with a viewer that leaves, the local camera.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { addUser } from '../../../../test/support/auth-client.js';
import { jpegSize, makeJpegFrames, readFrames, startFakeStreamer, testPatternInput } from '../../../../test/support/fake-camera.js';
import type { FakeStreamer } from '../../../../test/support/fake-camera.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { until } from '../../../../test/support/until.js';

const ROUTES = ['/webcam/?action=stream', '/webcam/?action=snapshot', '/downloads/camera/current', '/api/camera'];

describe('camera routes', () => {
  let streamer: FakeStreamer;
  let t: TestApp;
  let base: string;
  const keys: Record<string, string> = {};
  const frames = makeJpegFrames(3);

  before(async () => {
    streamer = await startFakeStreamer(frames);
    const config = [
      'plugins:',
      '  discovery:',
      '    enabled: false',
      'camera:',
      '  source: proxy',
      `  proxyStreamUrl: "${streamer.streamUrl}"`,
      `  proxySnapshotUrl: "${streamer.snapshotUrl}"`,
      '  lingerSeconds: 0.2',
      `  inputArgs: ${JSON.stringify(testPatternInput('160x120'))}`,
      '',
    ].join('\n');
    t = await createTestApp({ config });
    await addUser(t.app, 'reader', 'reader-password-1', ['readonly']);
    await t.app.access.accounts.addGroup({ key: 'statusonly', name: 'Status only', permissions: ['STATUS'] });
    await addUser(t.app, 'blind', 'blind-password-1', ['statusonly']);
    for (const name of ['reader', 'blind']) keys[name] = await t.app.access.accounts.generateApiKey(name);
    const { port } = await t.app.start();
    base = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    await t.close();
    await streamer.close();
  });

  const get = (url: string, user: string | null) => t.app.http.inject({ method: 'GET', url, headers: user ? { 'x-api-key': keys[user] ?? '' } : {} });

  it('refuses every camera route without the WEBCAM permission', async () => {
    for (const url of ROUTES) {
      for (const user of [null, 'blind']) {
        const response = await get(url, user);
        assert.equal(response.statusCode, 403, `${url} as ${user ?? 'guest'}`);
        if (url.startsWith('/api/')) assert.equal(typeof response.json().error, 'string');
      }
    }
    assert.equal(streamer.streamsServed, 0, 'nothing was fetched for a refused request');
  });

  it('gives snapshots and the status to WEBCAM holders', async () => {
    for (const url of ['/webcam/?action=snapshot', '/downloads/camera/current']) {
      const response = await get(url, 'reader');
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.headers['content-type'], 'image/jpeg');
      assert.ok(response.rawPayload.equals(frames[0]!), `${url} is the streamer's picture`);
    }
    const status = (await get('/api/camera', 'reader')).json();
    assert.equal(status.source, 'proxy');
    assert.equal(status.ffmpeg.found, true);
    assert.equal((await get('/webcam/?action=dance', 'reader')).statusCode, 400);
  });

  it('proxies the stream and closes the upstream when the viewer leaves mid-stream', async () => {
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${base}/webcam/?action=stream`, { headers: { 'x-api-key': keys.reader ?? '' } }, resolve).on('error', reject);
    });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^multipart\/x-mixed-replace/);
    const received = await readFrames(response, 2);
    assert.ok(received[0]!.equals(frames[0]!));
    await until(() => streamer.openStreams === 1 && t.app.camera.viewerCount === 1, 'one viewer, one upstream stream');
    response.destroy(); // the viewer closes the tab
    await until(() => streamer.openStreams === 0, 'the upstream connection closed');
    await until(() => t.app.camera.viewerCount === 0, 'no viewers left');
  });

  it('switches to the local camera at once when the setting changes, and answers 404 with no camera', async () => {
    await t.app.config.set('camera.source', 'local');
    const picture = await get('/downloads/camera/current', 'reader');
    assert.equal(picture.statusCode, 200);
    assert.deepEqual(jpegSize(picture.rawPayload), { width: 160, height: 120 });
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${base}/webcam/?action=stream`, { headers: { 'x-api-key': keys.reader ?? '' } }, resolve).on('error', reject);
    });
    const live = await readFrames(response, 3);
    assert.deepEqual(jpegSize(live[2]!), { width: 160, height: 120 });
    response.destroy();
    await until(() => t.app.camera.viewerCount === 0 && !t.app.camera.capturing, 'ffmpeg stopped after the last viewer');

    await t.app.config.set('camera.source', 'none');
    const none = await get('/webcam/?action=snapshot', 'reader');
    assert.equal(none.statusCode, 404);
    assert.equal(none.json().error, 'No camera is configured.');
  });

  it('never fetches a link-local or cloud-metadata address, even when config.yaml names one', async () => {
    await t.app.config.set('camera.source', 'proxy');
    await t.app.config.set('camera.proxyStreamUrl', 'http://169.254.169.254/?action=stream');
    await t.app.config.set('camera.proxySnapshotUrl', 'http://[fe80::1]/?action=snapshot');
    for (const url of ['/webcam/?action=stream', '/webcam/?action=snapshot', '/downloads/camera/current']) {
      const response = await get(url, 'reader');
      assert.equal(response.statusCode, 503, url);
      assert.match(response.json().error, /link-local, cloud-metadata or broadcast address/, url);
    }
    // The classic webcam's snapshot URL, which timelapses fetch when Argonaut has no source of its own.
    await t.app.config.set('camera.source', 'none');
    await t.app.config.set('webcam.snapshot', 'http://169.254.169.254/latest/meta-data/');
    await assert.rejects(t.app.camera.snapshot(), /never connects to/);
    assert.equal(t.app.camera.viewerCount, 0);
  });
});

