// /api/access/permissions and /api/access/groups… in memory: records, ADMIN, 400/403/404/409, guests never dangerous.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BrowserClient, addUser } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

describe('access API: permissions and groups', () => {
  let t: TestApp;
  let admin: BrowserClient;

  before(async () => {
    t = await createTestApp();
    await addUser(t.app, 'admin', 'admin-password', ['admins', 'users']);
    await addUser(t.app, 'bob', 'bob-password');
    admin = new BrowserClient(t.app.http);
    assert.equal((await admin.login(t.app, 'admin', 'admin-password')).statusCode, 200);
  });
  after(() => t.close());

  it('lists the permissions to anyone, with OctoPrint record fields', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '/api/access/permissions' });
    assert.equal(response.statusCode, 200);
    const permissions = response.json().permissions as Array<Record<string, unknown>>;
    const status = permissions.find((p) => p.key === 'STATUS');
    assert.deepEqual(Object.keys(status ?? {}).sort(), ['dangerous', 'default_groups', 'description', 'key', 'name', 'needs']);
    assert.deepEqual(status?.needs, { role: ['status'] });
    assert.equal(permissions.find((p) => p.key === 'SYSTEM')?.dangerous, true);
  });

  it('lists the default groups with OctoPrint record fields (ADMIN only)', async () => {
    assert.equal((await t.app.http.inject({ method: 'GET', url: '/api/access/groups' })).statusCode, 403);
    const groups = (await admin.request('GET', '/api/access/groups')).json().groups as Array<Record<string, unknown>>;
    assert.deepEqual(groups.map((g) => g.key), ['admins', 'users', 'guests', 'readonly'], "OctoPrint's order");
    const admins = groups.find((g) => g.key === 'admins') ?? {};
    assert.deepEqual(admins.permissions, ['ADMIN', 'PLUGIN_APPKEYS_ADMIN', 'PLUGIN_PSUCONTROL_CONTROL'], 'as in OctoPrint: the plugin permissions whose default group is admins');
    const roles = (admins.needs as { role: string[] }).role;
    for (const role of ['gcodeviewer', 'plugin_appkeys_user', 'plugin_appkeys_admin']) assert.ok(roles.includes(role), role);
    const users = groups.find((g) => g.key === 'users') ?? {};
    assert.deepEqual(Object.keys(users).sort(), ['changeable', 'dangerous', 'default', 'description', 'key', 'name', 'needs', 'permissions', 'removable', 'subgroups', 'toggleable']);
    assert.equal(users.name, 'Operator');
    assert.equal(users.default, true);
    const one = await admin.request('GET', '/api/access/groups/readonly');
    assert.equal(one.json().name, 'Read-only Access');
    assert.equal((await admin.request('GET', '/api/access/groups/nope')).statusCode, 404);
  });

  it('adds, changes and removes a group; 409 duplicate, 400 missing fields, 403 for fixed groups', async () => {
    const add = (json: unknown) => admin.request('POST', '/api/access/groups', { json });
    const added = await add({ key: 'printers', name: 'Printer crew', permissions: ['PRINT', 'STATUS'], subgroups: [] });
    assert.equal(added.statusCode, 200);
    assert.ok((added.json().groups as Array<{ key: string }>).some((g) => g.key === 'printers'));
    assert.equal((await add({ key: 'printers', name: 'x', permissions: [] })).statusCode, 409);
    assert.equal((await add({ name: 'x', permissions: [] })).statusCode, 400);
    assert.equal((await add({ key: 'y', permissions: [] })).statusCode, 400);
    assert.equal((await add({ key: 'y', name: 'y' })).statusCode, 400);
    assert.equal((await add({ key: 'y', name: 'y', permissions: ['FLY'] })).statusCode, 400);

    await admin.request('PUT', '/api/access/users/bob', { json: { groups: ['users', 'printers'] } });
    const changed = await admin.request('PUT', '/api/access/groups/printers', { json: { permissions: ['PRINT', 'STATUS', 'SETTINGS'], default: 'true' } });
    assert.equal(changed.statusCode, 200);
    const bob = new BrowserClient(t.app.http);
    await bob.login(t.app, 'bob', 'bob-password');
    assert.ok((await bob.request('GET', '/api/currentuser')).json().permissions.includes('SETTINGS'), 'group changes apply at once');

    assert.equal((await admin.request('PUT', '/api/access/groups/admins', { json: { permissions: [] } })).statusCode, 403);
    assert.equal((await admin.request('PUT', '/api/access/groups/readonly', { json: { permissions: [] } })).statusCode, 403);
    assert.equal((await admin.request('PUT', '/api/access/groups/nope', { json: {} })).statusCode, 404);
    assert.equal((await admin.request('DELETE', '/api/access/groups/users')).statusCode, 403);
    assert.equal((await admin.request('DELETE', '/api/access/groups/nope')).statusCode, 404);
    const removed = await admin.request('DELETE', '/api/access/groups/printers');
    assert.equal(removed.statusCode, 200);
    assert.deepEqual((await admin.request('GET', '/api/access/users/bob')).json().groups, ['users'], 'removed from its users');
    assert.ok(!(await bob.request('GET', '/api/currentuser')).json().permissions.includes('SETTINGS'));
  });

  it('never gives guests a dangerous permission, and guest permissions apply to anonymous requests', async () => {
    const dangerous = await admin.request('PUT', '/api/access/groups/guests', { json: { permissions: ['STATUS', 'SYSTEM'] } });
    assert.equal(dangerous.statusCode, 400);
    assert.equal((await admin.request('PUT', '/api/access/groups/guests', { json: { subgroups: ['admins'] } })).statusCode, 400);
    assert.equal((await admin.request('PUT', '/api/access/groups/guests', { json: { permissions: ['STATUS'] } })).statusCode, 200);
    const anonymous = await t.app.http.inject({ method: 'GET', url: '/api/currentuser' });
    assert.deepEqual(anonymous.json(), { name: null, permissions: ['STATUS'], groups: ['guests'] });
    assert.equal((await t.app.http.inject({ method: 'GET', url: '/api/version' })).statusCode, 200);
    await admin.request('PUT', '/api/access/groups/guests', { json: { permissions: [] } });
    assert.equal((await t.app.http.inject({ method: 'GET', url: '/api/version' })).statusCode, 403);
  });
});
