// Bad input to the OctoPrint import: each problem is one report line naming the file and the reason, the rest goes on.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { UserStore } from '../../auth/index.js';
import { ConfigStore } from '../../config/index.js';
import { ImportRefusedError, importOctoPrint } from './index.js';
import type { ImportReport } from './index.js';
import { ImportFolders, readMetadata } from '../../../test/support/import-folders.js';
import { ALICE_ARGON2, fingerprint, octoprintFiles } from '../../../test/support/octoprint-basedir.js';

const folders = new ImportFolders('argonaut-import-bad-');

function problems(report: ImportReport): string[] {
  return report.entries.filter((e) => e.outcome === 'problem').map((e) => `${e.subject}: ${e.detail}`);
}

describe('importOctoPrint with bad input', () => {
  after(() => folders.removeAll());

  it('reports a missing basedir, or one that is not OctoPrint, and makes nothing', async () => {
    const target = join(folders.temp(), 'argonaut');
    const missing = await importOctoPrint({ source: join(folders.temp(), 'no-such-octoprint'), target });
    assert.deepEqual(problems(missing).length, 1);
    assert.match(problems(missing)[0] ?? '', /no-such-octoprint: OctoPrint's basedir cannot be read: it does not exist; nothing imported/);
    const stranger = folders.temp();
    writeFileSync(join(stranger, 'something.txt'), 'hello');
    const notOctoPrint = await importOctoPrint({ source: stranger, target });
    assert.match(problems(notOctoPrint).join('\n'), /does not look like an OctoPrint basedir/);
    assert.equal(existsSync(target), false);
  });

  it('skips a user with an unknown hash format and malformed YAML files, and imports the rest', async () => {
    const files = octoprintFiles();
    const users = { ...(JSON.parse(JSON.stringify((await import('yaml')).parse(files['users.yaml']?.toString() ?? ''))) as Record<string, unknown>) };
    users.mallory = { password: '{bcrypt}$2b$12$abcdefghijklmnopqrstuv', active: true, groups: ['users'], apikey: null, settings: {} };
    users.nobody = 'not a map';
    files['users.yaml'] = stringify(users);
    files['groups.yaml'] = 'groups:\n  operators: [unclosed\n';
    files['data/appkeys/keys.yaml'] = 'alice:\n  - app_id: Cura\n    api_key: "unterminated\n';
    files['printerProfiles/broken.profile'] = 'volume: {width: -5}\n';
    const octoprint = folders.source(files);
    const before = fingerprint(octoprint);
    const target = folders.temp();
    const report = await importOctoPrint({ source: octoprint, target });
    const lines = problems(report).join('\n');
    assert.match(lines, /users\.yaml: mallory: not imported: the password hash has an unknown format/);
    assert.match(lines, /users\.yaml: nobody: not imported: the entry is not a map of user fields/);
    assert.match(lines, /groups\.yaml: is not valid YAML: .*; no group imported/);
    assert.match(lines, /keys\.yaml: is not valid YAML: .*; no app key imported/);
    assert.match(lines, /broken\.profile: is not a valid printer profile: volume must have positive width/);
    assert.ok(!lines.includes('$2b$12$'), 'the hash itself is not printed');
    const imported = UserStore.open(join(target, 'users.yaml'));
    assert.equal(imported.find('alice')?.passwordHash, ALICE_ARGON2);
    assert.equal(imported.find('mallory'), undefined);
    assert.deepEqual(imported.find('bob')?.groups, ['users'], 'operators was not imported, so bob is only in users');
    assert.equal(report.entries.find((e) => e.subject === 'bob')?.outcome, 'imported');
    assert.match(report.entries.find((e) => e.subject === 'bob')?.detail ?? '', /groups left out \(not in Argonaut\): operators/);
    assert.ok(existsSync(join(target, 'uploads/nut.gcode')), 'files still come over');
    assert.equal(ConfigStore.open(join(target, 'config.yaml')).config.serial.port, '/dev/ttyUSB0', 'settings still come over');
    assert.deepEqual(fingerprint(octoprint), before);
  });

  it('reports an unreadable users.yaml, a broken .metadata.json, an invalid setting and files that cannot be copied', async () => {
    const files = octoprintFiles();
    delete files['users.yaml'];
    files['users.yaml/oops'] = 'a folder where the file should be';
    files['uploads/parts/.metadata.json'] = '{ "bracket.gcode": ';
    files['config.yaml'] = stringify({ appearance: { name: 'Shop', color: 'purple' }, serial: { port: 'VIRTUAL', baudrate: 'fast' } });
    const octoprint = folders.source(files);
    // A name in another encoding than UTF-8 (e.g. copied from an old Windows share): it cannot be opened by its name.
    const latin1 = Buffer.concat([Buffer.from(join(octoprint, 'uploads/')), Buffer.from([0x66, 0xfc, 0x72]), Buffer.from('.gcode')]);
    writeFileSync(latin1, 'G28\n');
    const target = folders.temp();
    const report = await importOctoPrint({ source: octoprint, target });
    const lines = problems(report).join('\n');
    assert.match(lines, /users\.yaml: cannot be read: it is a folder; no user imported/);
    assert.match(lines, /parts\/\.metadata\.json: .*JSON.*; the files of this folder come without OctoPrint's metadata/);
    assert.match(lines, /appearance\.color: not imported, Argonaut cannot take OctoPrint's value: appearance\.color is "purple", but it must be one of default/);
    assert.match(lines, /serial\.baudrate: not imported, .*must be a whole number/);
    assert.match(lines, /uploads\/f\ufffdr\.gcode: cannot be read: it does not exist/);
    assert.ok(existsSync(join(target, 'uploads/nut.gcode')), 'the other files come over');
    const config = ConfigStore.open(join(target, 'config.yaml'));
    assert.deepEqual([config.config.appearance.name, config.config.appearance.color, config.config.serial.port], ['Shop', 'default', 'VIRTUAL']);
    assert.equal(report.entries.find((e) => e.subject === 'Cura (user alice)')?.detail, 'Argonaut has no user alice');
    assert.equal(readMetadata(join(target, 'uploads/parts'))['bracket.gcode']?.hash !== undefined, true, 'imported without OctoPrint metadata');
    assert.equal(readMetadata(join(target, 'uploads/parts'))['bracket.gcode']?.display, undefined);
  });

  it("refuses to start when Argonaut's basedir cannot be prepared", async () => {
    const target = folders.temp();
    mkdirSync(join(target, 'data'));
    writeFileSync(join(target, 'data/tmp'), 'a file where the temp folder should be');
    await assert.rejects(importOctoPrint({ source: folders.source(), target }), (error: Error) => {
      assert.ok(error instanceof ImportRefusedError);
      assert.match(error.message, /basedir .* cannot be prepared: /);
      return true;
    });
    assert.equal(existsSync(join(target, 'users.yaml')), false);
  });

  it("reports Argonaut's own unreadable config.yaml and imports the users all the same", async () => {
    const target = folders.temp();
    writeFileSync(join(target, 'config.yaml'), 'serial: [not, a, map\n');
    const report = await importOctoPrint({ source: folders.source(), target });
    assert.match(problems(report).join('\n'), /config\.yaml: Argonaut's config\.yaml: .*not valid YAML.*; no setting or printer profile imported/);
    assert.equal(readFileSync(join(target, 'config.yaml'), 'utf8'), 'serial: [not, a, map\n', 'left as it was');
    assert.ok(UserStore.open(join(target, 'users.yaml')).find('alice'));
  });
});
