// /api/languages: the empty language pack list in OctoPrint's shape, for SETTINGS only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useAdminAndGuestApps } from '../../../../test/support/admin-and-guest-apps.js';

const EMPTY = { language_packs: { _core: { identifier: '_core', display: 'Core', languages: [] } } };

describe('/api/languages', () => {
  const apps = useAdminAndGuestApps();

  it('lists no language packs', async () => {
    const response = await apps.admin.app.http.inject({ method: 'GET', url: '/api/languages' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), EMPTY);
  });

  it('answers the (still empty) list after a delete', async () => {
    const response = await apps.admin.app.http.inject({ method: 'DELETE', url: '/api/languages/de/_core', headers: { 'x-api-key': 'not-checked' } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), EMPTY);
  });

  it('needs the SETTINGS permission', async () => {
    const response = await apps.anonymous.app.http.inject({ method: 'GET', url: '/api/languages' });
    assert.equal(response.statusCode, 403);
  });
});
