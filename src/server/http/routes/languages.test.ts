// /api/languages: the empty language pack list in OctoPrint's shape, for SETTINGS only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

const EMPTY = { language_packs: { _core: { identifier: '_core', display: 'Core', languages: [] } } };

describe('/api/languages', () => {
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

  it('lists no language packs', async () => {
    const response = await admin.app.http.inject({ method: 'GET', url: '/api/languages' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), EMPTY);
  });

  it('answers the (still empty) list after a delete', async () => {
    const response = await admin.app.http.inject({ method: 'DELETE', url: '/api/languages/de/_core', headers: { 'x-api-key': 'not-checked' } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), EMPTY);
  });

  it('needs the SETTINGS permission', async () => {
    const response = await anonymous.app.http.inject({ method: 'GET', url: '/api/languages' });
    assert.equal(response.statusCode, 403);
  });
});
