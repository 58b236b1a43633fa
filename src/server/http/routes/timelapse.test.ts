// GET /api/timelapse: empty, timelapses off, with ETag/304, for TIMELAPSE_LIST only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useAdminAndGuestApps } from '../../../../test/support/admin-and-guest-apps.js';

describe('GET /api/timelapse', () => {
  const apps = useAdminAndGuestApps();

  it('lists no timelapses and reports them off', async () => {
    const response = await apps.admin.app.http.inject({ method: 'GET', url: '/api/timelapse' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { config: { type: 'off' }, enabled: false, files: [] });
    const unrendered = await apps.admin.app.http.inject({ method: 'GET', url: '/api/timelapse?unrendered=true' });
    assert.deepEqual(unrendered.json(), { config: { type: 'off' }, enabled: false, files: [], unrendered: [] });
    assert.notEqual(unrendered.headers.etag, response.headers.etag);
  });

  it('answers 304 to a current ETag unless forced', async () => {
    const first = await apps.admin.app.http.inject({ method: 'GET', url: '/api/timelapse' });
    const etag = String(first.headers.etag);
    assert.equal((await apps.admin.app.http.inject({ method: 'GET', url: '/api/timelapse', headers: { 'if-none-match': etag } })).statusCode, 304);
    assert.equal((await apps.admin.app.http.inject({ method: 'GET', url: '/api/timelapse?force=true', headers: { 'if-none-match': etag } })).statusCode, 200);
  });

  it('needs the TIMELAPSE_LIST permission', async () => {
    assert.equal((await apps.anonymous.app.http.inject({ method: 'GET', url: '/api/timelapse' })).statusCode, 403);
  });
});
