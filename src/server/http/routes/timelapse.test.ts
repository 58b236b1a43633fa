// /api/timelapse and /downloads/timelapse with real users: listing, configuration, deletion, unrendered captures, Range, permissions.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addUser } from '../../../../test/support/auth-client.js';
import { generateJpegFrames, probeMovie, writeTestMovie } from '../../../../test/support/jpeg-camera.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

describe('timelapse API', () => {
  let t: TestApp;
  const keys: Record<string, string> = {};
  let movie: Buffer;

  before(async () => {
    t = await createTestApp({ config: JSON.stringify({ plugins: { discovery: { enabled: false } }, server: { firstRun: false } }) });
    await addUser(t.app, 'admin', 'admin-password', ['admins', 'users']);
    await addUser(t.app, 'alice', 'alice-password', ['users']);
    await addUser(t.app, 'ro', 'ro-password', ['readonly']);
    await t.app.access.accounts.addUser({ name: 'watcher', password: 'watcher-password', active: true, groups: [], permissions: ['STATUS'] });
    for (const name of ['admin', 'alice', 'ro', 'watcher']) keys[name] = await t.app.access.accounts.generateApiKey(name);
    writeTestMovie(join(t.app.basedir.timelapse, 'benchy_20250301100000.mp4'));
    movie = readFileSync(join(t.app.basedir.timelapse, 'benchy_20250301100000.mp4'));
    generateJpegFrames(3).forEach((frame, i) => writeFileSync(join(t.app.basedir.timelapseTmp, `cube_20250301110000-${i}.jpg`), frame));
  });
  after(() => t.close());

  const as = (user: string, method: string, url: string, json?: unknown, headers: Record<string, string> = {}) =>
    t.app.http.inject({
      method: method as 'GET',
      url,
      headers: { 'x-api-key': keys[user] as string, ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(json === undefined ? {} : { payload: JSON.stringify(json) }),
    });

  it('lists movies with their download URL, and the unrendered captures on request', async () => {
    const response = await as('ro', 'GET', '/api/timelapse?unrendered=true');
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.deepEqual(body.config, { type: 'off' });
    assert.equal(body.enabled, true, 'the setting, as OctoPrint reports it');
    assert.equal(body.recordable, false, 'no snapshot URL: nothing can be recorded');
    assert.equal(body.files.length, 1);
    const [file] = body.files;
    assert.equal(file.name, 'benchy_20250301100000.mp4');
    assert.equal(file.url, '/downloads/timelapse/benchy_20250301100000.mp4');
    assert.equal(file.bytes, movie.length);
    assert.match(file.size, /^\d+\.\dKB$/);
    assert.match(file.date, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    assert.deepEqual(
      body.unrendered.map((u: Record<string, unknown>) => [u.name, u.count, u.recording, u.rendering, u.processing]),
      [['cube_20250301110000', 3, false, false, false]],
    );
    assert.equal('unrendered' in (await as('ro', 'GET', '/api/timelapse')).json(), false);
  });

  it('downloads a movie whole or by Range, and refuses unknown names and traversal', async () => {
    const whole = await as('ro', 'GET', '/downloads/timelapse/benchy_20250301100000.mp4');
    assert.equal(whole.statusCode, 200);
    assert.equal(whole.headers['content-type'], 'video/mp4');
    assert.equal(whole.headers['accept-ranges'], 'bytes');
    assert.deepEqual(whole.rawPayload, movie);
    const part = await as('ro', 'GET', '/downloads/timelapse/benchy_20250301100000.mp4', undefined, { range: 'bytes=10-109' });
    assert.equal(part.statusCode, 206);
    assert.equal(part.headers['content-range'], `bytes 10-109/${movie.length}`);
    assert.deepEqual(part.rawPayload, movie.subarray(10, 110));
    const tail = await as('ro', 'GET', '/downloads/timelapse/benchy_20250301100000.mp4', undefined, { range: 'bytes=-16' });
    assert.deepEqual(tail.rawPayload, movie.subarray(movie.length - 16));
    const beyond = await as('ro', 'GET', '/downloads/timelapse/benchy_20250301100000.mp4', undefined, { range: `bytes=${movie.length}-` });
    assert.equal(beyond.statusCode, 416);
    assert.equal(beyond.headers['content-range'], `bytes */${movie.length}`);
    for (const url of ['/downloads/timelapse/nosuch.mp4', '/downloads/timelapse/..%2F..%2Fconfig.yaml', '/downloads/timelapse/tmp', '/downloads/timelapse/cube_20250301110000-0.jpg']) {
      const refused = await as('admin', 'GET', url);
      assert.equal(refused.statusCode, 404, url);
    }
    const redirect = await as('ro', 'GET', '/api/timelapse/benchy_20250301100000.mp4');
    assert.equal(redirect.statusCode, 302);
    assert.equal(redirect.headers.location, '/downloads/timelapse/benchy_20250301100000.mp4');
  });

  it('checks TIMELAPSE_LIST, _DOWNLOAD, _DELETE, _MANAGE_UNRENDERED and _ADMIN on every route', async () => {
    const forbidden = [
      ['watcher', 'GET', '/api/timelapse'],
      ['watcher', 'GET', '/downloads/timelapse/benchy_20250301100000.mp4'],
      ['watcher', 'GET', '/api/timelapse/benchy_20250301100000.mp4'],
      ['ro', 'DELETE', '/api/timelapse/benchy_20250301100000.mp4'],
      ['ro', 'POST', '/api/timelapse', { type: 'timed' }],
      ['ro', 'POST', '/api/timelapse/unrendered/cube_20250301110000', { command: 'render' }],
      ['ro', 'DELETE', '/api/timelapse/unrendered/cube_20250301110000'],
    ] as const;
    for (const [user, method, url, json] of forbidden) {
      const response = await as(user, method, url, json);
      assert.equal(response.statusCode, 403, `${user} ${method} ${url}`);
      // API errors are JSON; /downloads answers as OctoPrint's web server does.
      if (url.startsWith('/api/')) assert.equal(typeof response.json().error, 'string');
    }
    const anonymous = await t.app.http.inject({ method: 'GET', url: '/downloads/timelapse/benchy_20250301100000.mp4' });
    assert.equal(anonymous.statusCode, 403);
    assert.ok(existsSync(join(t.app.basedir.timelapse, 'benchy_20250301100000.mp4')));
  });

  it('sets the configuration for now, or saves it with save=true; bad values get 400', async () => {
    const now = await as('alice', 'POST', '/api/timelapse', { type: 'timed', interval: 5, fps: 10, postRoll: 2 });
    assert.equal(now.statusCode, 200);
    assert.deepEqual(now.json().config, { type: 'timed', postRoll: 2, fps: 10, renderAfterPrint: 'always', interval: 5, capturePostRoll: true });
    assert.equal(t.app.config.config.webcam.timelapse.type, 'off', 'not saved without save');
    const form = await t.app.http.inject({
      method: 'POST',
      url: '/api/timelapse',
      headers: { 'x-api-key': keys.alice as string, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'type=zchange&retractionZHop=0.4&minDelay=2&fps=30&save=true',
    });
    assert.equal(form.statusCode, 200);
    assert.deepEqual(form.json().config, { type: 'zchange', postRoll: 0, fps: 30, renderAfterPrint: 'always', retractionZHop: 0.4, minDelay: 2 });
    assert.equal(t.app.config.config.webcam.timelapse.type, 'zchange');
    assert.equal(t.app.config.config.webcam.timelapse.options.retractionZHop, 0.4);
    assert.match(readFileSync(join(t.app.basedir.root, 'config.yaml'), 'utf8'), /zchange/);
    for (const bad of [{ type: 'sometimes' }, { type: 'timed', fps: 0 }, { type: 'timed', fps: 'many' }, { type: 'timed', postRoll: -1 }, { type: 'timed', interval: 0 }, { type: 'zchange', retractionZHop: 'x' }, { type: 'timed', renderAfterPrint: 'never' }]) {
      const response = await as('alice', 'POST', '/api/timelapse', bad);
      assert.equal(response.statusCode, 400, JSON.stringify(bad));
      assert.equal(typeof response.json().error, 'string');
    }
    assert.equal(t.app.config.config.webcam.timelapse.fps, 30, 'a refused request changes nothing');
    const off = await as('alice', 'POST', '/api/timelapse', { type: 'off', save: true });
    assert.deepEqual(off.json().config, { type: 'off' });
  });

  it('renders unrendered captures on command (MovieDone), and deletes captures and movies', async () => {
    assert.equal((await as('alice', 'POST', '/api/timelapse/unrendered/cube_20250301110000', { command: 'explode' })).statusCode, 400);
    assert.equal((await as('alice', 'POST', '/api/timelapse/unrendered/cube_20250301110000', {})).statusCode, 400);
    const done = t.app.events.once('MovieDone', 120_000);
    const render = await as('alice', 'POST', '/api/timelapse/unrendered/cube_20250301110000', { command: 'render' });
    assert.equal(render.statusCode, 204);
    const payload = await done;
    assert.deepEqual(payload, {
      gcode: 'unknown',
      movie: join(t.app.basedir.timelapse, 'cube_20250301110000.mp4'),
      movie_basename: 'cube_20250301110000.mp4',
      movie_prefix: 'cube_20250301110000',
    });
    assert.equal(probeMovie(payload.movie).frames, 3);
    const listed = (await as('alice', 'GET', '/api/timelapse?unrendered=true')).json();
    assert.deepEqual(listed.files.map((f: { name: string }) => f.name).sort(), ['benchy_20250301100000.mp4', 'cube_20250301110000.mp4']);
    assert.deepEqual(listed.unrendered, []);

    const deleted = await as('alice', 'DELETE', '/api/timelapse/cube_20250301110000.mp4');
    assert.equal(deleted.statusCode, 200);
    assert.deepEqual(deleted.json().files.map((f: { name: string }) => f.name), ['benchy_20250301100000.mp4']);
    assert.equal((await as('alice', 'DELETE', '/api/timelapse/nosuch.mp4')).statusCode, 200, 'OctoPrint answers the list');
    assert.equal((await as('alice', 'DELETE', '/api/timelapse/..%2Fconfig.yaml')).statusCode, 200);
    assert.ok(existsSync(join(t.app.basedir.root, 'config.yaml')));

    writeFileSync(join(t.app.basedir.timelapseTmp, 'left_20250301120000-0.jpg'), generateJpegFrames(1)[0]!);
    assert.equal((await as('alice', 'DELETE', '/api/timelapse/unrendered/left_20250301120000')).statusCode, 204);
    assert.equal(existsSync(join(t.app.basedir.timelapseTmp, 'left_20250301120000-0.jpg')), false);
  });

  it('answers 304 to a current ETag unless forced', async () => {
    const first = await as('ro', 'GET', '/api/timelapse');
    const etag = String(first.headers.etag);
    assert.equal((await as('ro', 'GET', '/api/timelapse', undefined, { 'if-none-match': etag })).statusCode, 304);
    assert.equal((await as('ro', 'GET', '/api/timelapse?force=true', undefined, { 'if-none-match': etag })).statusCode, 200);
  });
});
