// Groups: OctoPrint's defaults and flags, ADMIN implies all, subgroups, guests never dangerous, groups.yaml round trip.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ArgonautError } from '../shared/index.js';
import { GroupStore } from './group-store.js';
import { PERMISSION_KEYS } from './permissions.js';
import { groupRecord } from './records.js';

function code(error: unknown): string | undefined {
  return error instanceof ArgonautError ? error.code : undefined;
}

describe('GroupStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argonaut-groups-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("has OctoPrint's four default groups with their names and flags", () => {
    const store = GroupStore.open(join(dir, 'none.yaml'));
    const flags = store.list().map((g) => [g.key, g.name, g.removable, g.changeable, g.default, g.toggleable]);
    assert.deepEqual(flags, [
      ['admins', 'Admins', false, false, false, true],
      ['users', 'Operator', false, true, true, true],
      ['guests', 'Guests', false, true, false, false],
      ['readonly', 'Read-only Access', false, false, false, true],
    ]);
    assert.deepEqual(store.find('admins')?.permissions, ['ADMIN', 'PLUGIN_APPKEYS_ADMIN', 'PLUGIN_PSUCONTROL_CONTROL'], 'plugin permissions whose default group is admins');
    assert.deepEqual(store.defaultGroupKeys(), ['users']);
    assert.deepEqual([...store.permissionsOf(['admins'])].sort(), [...PERMISSION_KEYS].sort(), 'ADMIN implies every permission');
    const operator = store.permissionsOf(['users']);
    for (const key of ['STATUS', 'CONNECTION', 'FILES_UPLOAD', 'PRINT', 'CONTROL', 'PLUGIN_APPKEYS_GRANT'] as const) assert.ok(operator.has(key), key);
    for (const key of ['ADMIN', 'SYSTEM', 'SETTINGS'] as const) assert.ok(!operator.has(key), key);
    assert.deepEqual([...store.permissionsOf(['readonly'])].sort(), ['FILES_DOWNLOAD', 'FILES_LIST', 'GCODE_VIEWER', 'MONITOR_TERMINAL', 'SETTINGS_READ', 'STATUS', 'TIMELAPSE_DOWNLOAD', 'TIMELAPSE_LIST', 'WEBCAM']);
    assert.equal(store.guestPermissions().size, 0);
    const record = groupRecord(store.find('admins')!, store);
    assert.equal(record.dangerous, true);
    assert.deepEqual(record.needs.group, ['admins']);
  });

  it('never gives guests a dangerous permission, directly or through a subgroup', async () => {
    const store = GroupStore.open(join(dir, 'guests.yaml'));
    await assert.rejects(store.update('guests', { permissions: ['STATUS', 'SYSTEM'] }), (e: unknown) => code(e) === 'invalid');
    await assert.rejects(store.update('guests', { subgroups: ['admins'] }), (e: unknown) => code(e) === 'invalid');
    await store.update('guests', { permissions: ['STATUS', 'WEBCAM'] });
    assert.deepEqual([...store.guestPermissions()].sort(), ['STATUS', 'WEBCAM']);
    // Even a hand-edited file cannot do it.
    const file = join(dir, 'edited.yaml');
    writeFileSync(file, 'groups:\n  guests:\n    name: Guests\n    permissions: [ADMIN, SETTINGS, STATUS]\n    subgroups: [admins]\ntracked: [ADMIN, STATUS]\n');
    const edited = GroupStore.open(file);
    assert.deepEqual([...edited.guestPermissions()], ['STATUS']);
  });

  it('refuses to change admins or readonly (403) and to remove a default group; custom groups work with subgroups', async () => {
    const file = join(dir, 'custom.yaml');
    const store = GroupStore.open(file);
    await assert.rejects(store.update('admins', { permissions: [] }), (e: unknown) => code(e) === 'forbidden');
    await assert.rejects(store.update('readonly', { permissions: [] }), (e: unknown) => code(e) === 'forbidden');
    await assert.rejects(store.remove('users'), (e: unknown) => code(e) === 'forbidden');
    await assert.rejects(store.remove('nope'), (e: unknown) => code(e) === 'not-found');
    await store.add({ key: 'printers', name: 'Printer crew', permissions: ['PRINT'], subgroups: ['readonly'] });
    await assert.rejects(store.add({ key: 'printers', name: 'again', permissions: [] }), (e: unknown) => code(e) === 'conflict');
    await assert.rejects(store.add({ key: 'x', name: 'x', permissions: ['FLY'] }), (e: unknown) => code(e) === 'invalid');
    await assert.rejects(store.add({ key: 'bad key!', name: 'x', permissions: [] }), (e: unknown) => code(e) === 'invalid');
    const crew = store.permissionsOf(['printers']);
    assert.ok(crew.has('PRINT') && crew.has('STATUS') && !crew.has('CONTROL'));
    await store.flush();
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const reread = GroupStore.open(file);
    assert.deepEqual(reread.find('printers')?.subgroups, ['readonly']);
    await reread.remove('printers');
    assert.equal(reread.find('printers'), undefined);
  });

  it('gives a default group the permissions added since the file was written', () => {
    const file = join(dir, 'tracked.yaml');
    writeFileSync(file, 'groups:\n  users:\n    name: Operator\n    permissions: [STATUS]\n    default: true\ntracked: [STATUS, CONTROL]\n');
    const store = GroupStore.open(file);
    const users = store.permissionsOf(['users']);
    assert.ok(users.has('STATUS'));
    assert.ok(!users.has('CONTROL'), 'removed on purpose when CONTROL was already known');
    assert.ok(users.has('PRINT'), 'PRINT was not tracked then, so it joins its default group');
  });
});
