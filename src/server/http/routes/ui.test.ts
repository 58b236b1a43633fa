// In-memory tests of the UI routes: the personalised index page, cached assets, the SPA fallback, API 404s.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { accessControlDisabledIdentity, guestIdentity } from '../../../auth/index.js';
import type { Identity, RequestOrigin } from '../../../auth/index.js';
import type { HttpServices } from '../services.js';
import { isPagePath, loginRedirect, personaliseIndex, registerUiRoutes } from './ui.js';

const INDEX = '<!doctype html><html><head><title>Argonaut</title></head><body><div id="app"></div></body></html>';

async function buildApp(webRoot: string): Promise<FastifyInstance> {
  const app = Fastify();
  app.decorateRequest('origin', null as unknown as RequestOrigin);
  app.decorateRequest('identity', null as unknown as Identity);
  app.addHook('onRequest', async (request) => {
    // A visitor who is not logged in with `x-test-guest`, else one who may do everything.
    request.identity = request.headers['x-test-guest'] ? guestIdentity() : accessControlDisabledIdentity();
    const root = request.headers['x-test-root'];
    const scriptRoot = typeof root === 'string' ? root : '';
    request.origin = { clientIp: '127.0.0.1', scheme: 'http', host: 'printer:5000', port: 5000, scriptRoot, baseUrl: `http://printer:5000${scriptRoot}`, proxied: false };
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not found' }));
  // Stands in for the auth cookie writer: one token per page load, so the test sees when the page sets it.
  let issued = 0;
  app.decorate('authCookies', {
    setCsrf: (_request: unknown, reply: FastifyReply) => {
      const token = `token-${++issued}`;
      reply.header('set-cookie', `csrf_token_P5000=${token}; Path=/`);
      return token;
    },
    guestSession: () => undefined,
  } as unknown as FastifyInstance['authCookies']);
  await registerUiRoutes(app, {} as HttpServices, { webRoot });
  await app.ready();
  return app;
}

describe('UI routes', () => {
  let webRoot: string;
  let app: FastifyInstance;
  before(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'argonaut-ui-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), INDEX);
    const script = 'console.log("argonaut");'.repeat(50);
    writeFileSync(join(webRoot, 'assets', 'index-abc123.js'), script);
    writeFileSync(join(webRoot, 'assets', 'index-abc123.js.gz'), gzipSync(script));
    app = await buildApp(webRoot);
  });
  after(async () => {
    await app.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('serves the page at / with the base URL and the cookie suffix filled in, never cached', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.equal(response.headers['cache-control'], 'no-cache');
    assert.match(response.body, /<base href="\/" \/>/);
    assert.match(response.body, /<meta name="argonaut-cookie-suffix" content="_P5000" \/>/);
    assert.match(response.body, /<div id="app">/);
    assert.match(String(response.headers['set-cookie']), /^csrf_token_P5000=token-\d+/);
  });

  it('uses the script root for the base URL and the cookie suffix behind a proxy', async () => {
    const response = await app.inject({ method: 'GET', url: '/', headers: { 'x-test-root': '/octoprint' } });
    assert.match(response.body, /<base href="\/octoprint\/" \/>/);
    assert.match(response.body, /content="_P5000_R\|octoprint"/);
  });

  it('serves hashed assets with a year-long immutable cache, gzipped when the browser accepts it', async () => {
    const plain = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    assert.equal(plain.statusCode, 200);
    assert.match(String(plain.headers['cache-control']), /max-age=31536000/);
    assert.match(String(plain.headers['cache-control']), /immutable/);
    const gzipped = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    assert.ok(gzipped.rawPayload.length < plain.rawPayload.length);
    assert.equal(plain.headers['set-cookie'], undefined, 'assets set no cookies');
  });

  it('shows the page for other browser paths (login, deep links), not for API or asset paths', async () => {
    const html = { accept: 'text/html,application/xhtml+xml' };
    for (const url of ['/login?redirect=%2F', '/files/deep/link']) {
      const response = await app.inject({ method: 'GET', url, headers: html });
      assert.equal(response.statusCode, 200, url);
      assert.match(response.body, /argonaut-cookie-suffix/, url);
    }
    const api = await app.inject({ method: 'GET', url: '/api/nothing', headers: html });
    assert.equal(api.statusCode, 404);
    assert.deepEqual(api.json(), { error: 'not found' });
    const asset = await app.inject({ method: 'GET', url: '/assets/missing.js', headers: html });
    assert.equal(asset.statusCode, 404);
    const script = await app.inject({ method: 'GET', url: '/files/deep/link', headers: { accept: 'application/json' } });
    assert.equal(script.statusCode, 404);
    const post = await app.inject({ method: 'POST', url: '/files/deep/link', headers: html });
    assert.equal(post.statusCode, 404);
  });

  it('says the UI is not built when dist/web is missing, instead of failing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'argonaut-ui-empty-'));
    const bare = await buildApp(empty);
    try {
      const response = await bare.inject({ method: 'GET', url: '/' });
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /not built/);
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("answers OctoPrint's page paths with and without the trailing slash, each setting the CSRF cookie", async () => {
    for (const url of ['/login', '/login/', '/login/?redirect=%2F%3Ftab%3Dfiles', '/recovery', '/recovery/']) {
      const response = await app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 200, url);
      assert.match(response.body, /argonaut-cookie-suffix/, url);
      assert.match(String(response.headers['set-cookie']), /^csrf_token_P5000=token-\d+/, url);
    }
    for (const url of ['/login', '/login/']) {
      const guest = await app.inject({ method: 'GET', url, headers: { 'x-test-guest': '1' } });
      assert.equal(guest.statusCode, 200, url);
      assert.match(String(guest.headers['set-cookie']), /^csrf_token_P5000=/, url);
    }
  });

  it('sends visitors without the rights to the login page, as OctoPrint does (the page at / also sets the CSRF cookie)', async () => {
    const root = await app.inject({ method: 'GET', url: '/', headers: { 'x-test-guest': '1' } });
    assert.equal(root.statusCode, 302);
    assert.equal(root.headers.location, '/login/?redirect=/?&permissions=STATUS,SETTINGS_READ');
    assert.match(String(root.headers['set-cookie']), /^csrf_token_P5000=/);
    for (const url of ['/recovery', '/recovery/']) {
      const recovery = await app.inject({ method: 'GET', url, headers: { 'x-test-guest': '1' } });
      assert.equal(recovery.statusCode, 302, url);
      assert.equal(recovery.headers.location, `/login/?redirect=${url}?&permissions=ADMIN`);
    }
    assert.equal(loginRedirect('/octo', '/', 'tab=files&x=1', ['ADMIN']), '/login/?redirect=/octo/?tab%3Dfiles%26x%3D1&permissions=ADMIN'.replace('/login/', '/octo/login/'));
  });

  it('escapes what it puts into the page and tells page paths from the rest', () => {
    assert.match(personaliseIndex('<head></head>', '/a"b', '_P1'), /href="\/a&quot;b\/"/);
    assert.equal(isPagePath('/'), true);
    assert.equal(isPagePath('/login?x=1'), true);
    assert.equal(isPagePath('/api'), false);
    assert.equal(isPagePath('/sockjs/info'), false);
    assert.equal(isPagePath('/downloads/files/local/a.gcode'), false);
  });
});
