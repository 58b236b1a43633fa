// GET /online.txt and /online.gif: open connectivity checks, also with access control on.
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
