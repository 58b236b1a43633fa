// GET /api/argonaut/printers and /store with the default files store: this host's printer alone, behind the STATUS permission.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useAdminAndGuestApps } from '../../../../test/support/admin-and-guest-apps.js';
import { createTestApp } from '../../../../test/support/test-app.js';

describe('farm extension routes', () => {
  const apps = useAdminAndGuestApps();

  test('a host on the files store lists its own printer and says where users live', async () => {
    const printers = await apps.admin.app.http.inject({ method: 'GET', url: '/api/argonaut/printers' });
    assert.equal(printers.statusCode, 200);
    const [only, ...rest] = printers.json().printers;
    assert.deepEqual(rest, []);
    assert.equal(only.printerId, 'default');
    assert.equal(only.offline, false);
    assert.equal(typeof only.state.text, 'string');
    const store = await apps.admin.app.http.inject({ method: 'GET', url: '/api/argonaut/store' });
    assert.deepEqual(store.json(), { store: { kind: 'files', connected: true, unreachableSince: null, graceUntil: null, expired: false } });
  });

  test('a guest without the STATUS permission is refused', async () => {
    const host = await createTestApp({ config: 'accessControl:\n  enabled: true\nplugins:\n  discovery:\n    enabled: false\n', files: { 'groups.yaml': 'groups:\n  guests:\n    permissions: []\n' } });
    try {
      const response = await host.app.http.inject({ method: 'GET', url: '/api/argonaut/printers' });
      assert.equal(response.statusCode, 403);
      assert.equal(typeof response.json().error, 'string');
    } finally {
      await host.close();
    }
  });

  test('both routes are in the OpenAPI document', async () => {
    const document = (await apps.admin.app.http.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    assert.ok(document.paths['/api/argonaut/printers']?.get);
    assert.ok(document.paths['/api/argonaut/store']?.get);
  });
});
