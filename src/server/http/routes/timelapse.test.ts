// GET /api/timelapse: empty, timelapses off, with ETag/304, for TIMELAPSE_LIST only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

describe('GET /api/timelapse', () => {
  let admin: TestApp;
  let anonymous: TestApp;
  before(async () => {
    admin = await createTestApp({ config: 'accessControl:\n  enabled: false\nplugins:\n  discovery:\n    enabled: false\n' });
    anonymous = await createTestApp({ config: 'plugins:\n  discovery:\n    enabled: false\n' });
  });
  after(async () => {
    await admin.close();
    await anonymous.close();
  });

  it('lists no timelapses and reports them off', async () => {
    const response = await admin.app.http.inject({ method: 'GET', url: '/api/timelapse' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { config: { type: 'off' }, enabled: false, files: [] });
    const unrendered = await admin.app.http.inject({ method: 'GET', url: '/api/timelapse?unrendered=true' });
    assert.deepEqual(unrendered.json(), { config: { type: 'off' }, enabled: false, files: [], unrendered: [] });
    assert.notEqual(unrendered.headers.etag, response.headers.etag);
  });

  it('answers 304 to a current ETag unless forced', async () => {
    const first = await admin.app.http.inject({ method: 'GET', url: '/api/timelapse' });
    const etag = String(first.headers.etag);
    assert.equal((await admin.app.http.inject({ method: 'GET', url: '/api/timelapse', headers: { 'if-none-match': etag } })).statusCode, 304);
    assert.equal((await admin.app.http.inject({ method: 'GET', url: '/api/timelapse?force=true', headers: { 'if-none-match': etag } })).statusCode, 200);
  });

  it('needs the TIMELAPSE_LIST permission', async () => {
    assert.equal((await anonymous.app.http.inject({ method: 'GET', url: '/api/timelapse' })).statusCode, 403);
  });
});
