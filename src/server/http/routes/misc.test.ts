// Connectivity checks, robots.txt, /api/slicing and the 404 pages: open answers, also with access control on.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

describe('connectivity checks', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: 'plugins:\n  discovery:\n    enabled: false\n' });
  });
  after(() => t.close());

  it('answers /robots.txt to anyone, keeping search engines away, and /api/slicing with no slicers', async () => {
    const robots = await t.app.http.inject({ method: 'GET', url: '/robots.txt' });
    assert.equal(robots.statusCode, 200);
    assert.equal(robots.body, 'User-agent: *\nDisallow: /\n');
    assert.equal(robots.headers['content-disposition'], 'inline; filename=robots.txt');
    assert.equal((await t.app.http.inject({ method: 'GET', url: '/api/slicing' })).statusCode, 403, 'needs SLICE');
  });

  it("answers unknown paths outside the API with OctoPrint's 404 page, API paths with JSON", async () => {
    const page = await t.app.http.inject({ method: 'GET', url: '/no-such-page' });
    assert.equal(page.statusCode, 404);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /<title>404 Not Found<\/title>/);
    const plugin = await t.app.http.inject({ method: 'GET', url: '/plugin/nothing/x' });
    assert.match(String(plugin.headers['content-type']), /^text\/html/);
    const api = await t.app.http.inject({ method: 'GET', url: '/api/nothing' });
    assert.equal(api.statusCode, 404);
    assert.equal(typeof api.json().error, 'string');
    const download = await t.app.http.inject({ method: 'GET', url: '/downloads/files/local/nothing.gcode' });
    assert.deepEqual([download.statusCode, download.body], [403, '<html><title>403: Forbidden</title><body>403: Forbidden</body></html>'], 'a guest may not download');
  });

  it('answers /online.txt with "online" to anyone', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '/online.txt' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/plain/);
    assert.equal(response.body, 'online\n');
  });

  it('answers /online.gif with a 1×1 GIF to anyone', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '/online.gif' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'image/gif');
    const bytes = response.rawPayload;
    assert.equal(bytes.subarray(0, 6).toString('latin1'), 'GIF89a');
    assert.equal(bytes.readUInt16LE(6), 1);
    assert.equal(bytes.readUInt16LE(8), 1);
  });
});
