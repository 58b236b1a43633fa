// users.yaml: OctoPrint's file reads (keys hashed at once), names are checked, edits from another process are seen.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { ArgonautError } from '../shared/index.js';
import { UserStore } from './user-store.js';

const OCTOPRINT_USERS = `_version: 2
admin:
  active: true
  apikey: 5B1E7A1F2B3C4D5E6F708192A3B4C5D6
  groups:
  - admins
  - users
  password: $argon2id$v=19$m=65536,t=3,p=4$2m5CBWkA489bnIwyY5iaWQ$w3ujhnFOTF63QwaBVK950q/NxCwyTVQF4LLTeHAEt/Y
  permissions: []
  roles:
  - user
  - admin
  settings:
    interface:
      language: de
old:
  active: false
  apikey: null
  password: 0b5e5f4e9a4c6b1e
  roles:
  - user
  - admin
  settings: {}
  mfa_totp: {secret: keep-me}
`;

function errorCode(error: unknown): string | undefined {
  return error instanceof ArgonautError ? error.code : undefined;
}

describe('UserStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argonaut-users-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reads OctoPrint's users.yaml, hashes plaintext API keys on disk at once and keeps unknown fields", async () => {
    const file = join(dir, 'octoprint.yaml');
    writeFileSync(file, OCTOPRINT_USERS);
    const store = UserStore.open(file);
    await store.flush();
    const admin = store.find('admin');
    assert.ok(admin);
    assert.deepEqual(admin.groups, ['admins', 'users']);
    assert.equal(admin.apiKey?.prefix, '5B1E7A1F');
    assert.deepEqual(admin.settings, { interface: { language: 'de' } });
    assert.equal(store.findByApiKey('5B1E7A1F2B3C4D5E6F708192A3B4C5D6')?.name, 'admin');
    assert.equal(store.findByApiKey('5B1E7A1F2B3C4D5E6F708192A3B4C5D7'), undefined);
    assert.deepEqual(store.list().map((u) => u.name).sort(), ['admin', 'old'], 'OctoPrint 1.11\'s _version is no user');
    const old = store.find('old');
    assert.deepEqual(old?.groups, ['users', 'admins'], 'pre-1.4 roles become groups');
    assert.equal(old?.active, false);
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /5B1E7A1F2B3C4D5E6F708192A3B4C5D6/, 'the key never stays on disk in clear');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const written = parse(text) as Record<string, Record<string, unknown>>;
    assert.equal(written.admin?.apikey, null);
    assert.deepEqual(written.old?.mfa_totp, { secret: 'keep-me' });
    assert.equal(UserStore.open(file).findByApiKey('5B1E7A1F2B3C4D5E6F708192A3B4C5D6')?.name, 'admin', 'the hash survives a reload');
  });

  it('refuses reserved, malformed and case-clashing names with 400 and duplicates with 409', async () => {
    const store = UserStore.open(join(dir, 'names.yaml'));
    await store.add({ name: 'admin', passwordHash: 'x', active: true, groups: ['users'], permissions: [] });
    const attempts: Array<[unknown, string]> = [
      ['_api', 'invalid'],
      ['a:b', 'invalid'],
      ['bad\nname', 'invalid'],
      ['nul\u0000', 'invalid'],
      [' admin', 'invalid'],
      ['ADMIN', 'invalid'],
      ['<img src=x onerror=alert(1)>', 'invalid'],
      ['', 'invalid'],
      [42, 'invalid'],
      ['admin', 'conflict'],
    ];
    for (const [name, code] of attempts) {
      await assert.rejects(store.add({ name, passwordHash: 'x', active: true, groups: [], permissions: [] }), (e: unknown) => errorCode(e) === code, String(name));
    }
    await store.add({ name: 'Jürgen Müller', passwordHash: 'x', active: true, groups: [], permissions: [] });
    assert.deepEqual(store.list().map((u) => u.name), ['admin', 'Jürgen Müller']);
  });

  it('finds a log-in name case-insensitively, the exact name first', async () => {
    const store = UserStore.open(join(dir, 'login-names.yaml'));
    await store.add({ name: 'Alice', passwordHash: 'x', active: true, groups: ['users'], permissions: [] });
    await store.add({ name: 'Jürgen', passwordHash: 'x', active: true, groups: ['users'], permissions: [] });
    assert.equal(store.findForLogin('alice')?.name, 'Alice');
    assert.equal(store.findForLogin('ALICE')?.name, 'Alice');
    assert.equal(store.findForLogin('JÜRGEN')?.name, 'Jürgen');
    assert.equal(store.findForLogin('bob'), undefined);
    assert.equal(store.find('alice'), undefined, 'find itself stays exact (sessions and keys name the stored user)');
  });

  it('notices a change made by another process when asked to refresh, and reports it', async () => {
    const file = join(dir, 'shared.yaml');
    const server = UserStore.open(file);
    const cli = UserStore.open(file);
    const changes: string[] = [];
    server.onDidChange((change) => changes.push(`${change.kind}:${change.name}`));
    await cli.add({ name: 'bob', passwordHash: 'x', active: true, groups: ['users'], permissions: [] });
    assert.equal(server.find('bob'), undefined, 'nothing is read until the file is reported changed');
    server.refresh();
    assert.equal(server.find('bob')?.active, true);
    await cli.update('bob', { active: false });
    await cli.remove('bob');
    server.refresh();
    assert.equal(server.find('bob'), undefined);
    assert.deepEqual(changes, ['added:bob', 'removed:bob']);
  });

  it('keeps the old users when the file turns into invalid YAML, says so, never overwrites it, and reads it once fixed', async () => {
    const file = join(dir, 'broken.yaml');
    const warnings: string[] = [];
    const store = UserStore.open(file, { warn: (m) => warnings.push(m) });
    await store.add({ name: 'carol', passwordHash: 'x', active: true, groups: [], permissions: [] });
    writeFileSync(file, 'carol: [unclosed\n');
    store.refresh();
    assert.ok(store.find('carol'));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /^broken\.yaml is not valid YAML: .*line \d+.*keeps the users it had/);
    await assert.rejects(store.add({ name: 'dave', passwordHash: 'x', active: true, groups: [], permissions: [] }), (error: Error & { code?: string }) => error.code === 'conflict');
    assert.equal(readFileSync(file, 'utf8'), 'carol: [unclosed\n');
    assert.equal(store.find('dave'), undefined);
    const cli = UserStore.open(join(dir, 'fixed.yaml'));
    await cli.add({ name: 'erin', passwordHash: 'x', active: true, groups: [], permissions: [] });
    writeFileSync(file, readFileSync(join(dir, 'fixed.yaml'), 'utf8'));
    store.refresh();
    assert.equal(store.find('carol'), undefined);
    assert.ok(store.find('erin'));
    await store.add({ name: 'dave', passwordHash: 'x', active: true, groups: [], permissions: [] });
  });

  it('gives a user a new security stamp (and saves it) when their password hash is changed by hand', async () => {
    const file = join(dir, 'by-hand.yaml');
    const store = UserStore.open(file);
    const before = await store.add({ name: 'frank', passwordHash: 'old-hash', active: true, groups: [], permissions: [] });
    await store.add({ name: 'gina', passwordHash: 'same', active: true, groups: [], permissions: [] });
    const gina = store.find('gina')?.securityStamp;
    writeFileSync(file, readFileSync(file, 'utf8').replace('old-hash', 'new-hash'));
    store.refresh();
    await store.flush();
    const after = store.find('frank');
    assert.equal(after?.passwordHash, 'new-hash');
    assert.notEqual(after?.securityStamp, before.securityStamp, 'old sessions and tokens end');
    assert.equal(store.find('gina')?.securityStamp, gina, 'other users keep theirs');
    assert.equal(UserStore.open(file).find('frank')?.securityStamp, after?.securityStamp, 'the new stamp is on disk');
  });

  it('keeps both its own change and one another process wrote while its write was on the way; memory and disk then agree', async () => {
    const file = join(dir, 'race.yaml');
    const server = UserStore.open(file);
    await server.add({ name: 'alice', passwordHash: 'old-hash', active: true, groups: [], permissions: [] });
    await server.add({ name: 'carol', passwordHash: 'carol-hash', active: true, groups: [], permissions: [] });
    const saving = server.update('alice', { passwordHash: 'new-hash' });
    // Meanwhile the CLI adds bob and deactivates carol, and the watcher asks the server to refresh.
    const cli = parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
    cli.bob = { password: 'bob-hash', active: true, groups: ['users'], permissions: [], securityStamp: 'bob-stamp' };
    cli.carol = { ...cli.carol, active: false };
    writeFileSync(file, stringify(cli));
    server.refresh();
    await saving;
    await server.flush();
    const disk = UserStore.open(file);
    for (const store of [server, disk]) {
      assert.equal(store.find('alice')?.passwordHash, 'new-hash', 'the old password hash no longer works');
      assert.equal(store.find('bob')?.passwordHash, 'bob-hash', "the CLI's user is kept");
      assert.equal(store.find('carol')?.active, false);
    }
    assert.deepEqual(
      server.list().map((user) => JSON.stringify(user)),
      disk.list().map((user) => JSON.stringify(user)),
      'memory equals disk',
    );
  });
});
