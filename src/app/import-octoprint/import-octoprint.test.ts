// The OctoPrint import engine on an OctoPrint-shaped basedir: what lands where, second runs, dry runs, conflicts, refusals.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { AppKeysService, GroupStore, UserStore, hashApiKey } from '../../auth/index.js';
import { ConfigStore } from '../../config/index.js';
import { writeServerPid } from '../server-pid.js';
import { ImportRefusedError, importOctoPrint } from './index.js';
import type { ImportReport, Outcome } from './index.js';
import { ImportFolders, readMetadata } from '../../../test/support/import-folders.js';
import { ALICE_ARGON2, NUT_ANALYSIS, OCTOPRINT, SALT, fingerprint, octoprintFiles, octoprintSha512 } from '../../../test/support/octoprint-basedir.js';

const folders = new ImportFolders('argonaut-import-');

function outcomeOf(report: ImportReport, subject: string): Outcome | undefined {
  return report.entries.find((e) => e.subject === subject)?.outcome;
}

function detailOf(report: ImportReport, subject: string): string {
  return report.entries.find((e) => e.subject === subject)?.detail ?? '';
}

describe('importOctoPrint', () => {
  after(() => folders.removeAll());

  it('brings over users, groups, app keys, files with metadata, settings and profiles, and leaves OctoPrint untouched', async () => {
    const octoprint = folders.source();
    const before = fingerprint(octoprint);
    const target = join(folders.temp(), 'basedir');
    const report = await importOctoPrint({ source: octoprint, target });
    assert.equal(report.problems, 0, report.lines().join('\n'));
    assert.ok(!report.entries.some((e) => e.section === 'users' && e.subject.includes('_version')), "users.yaml's _version is no user");
    for (const command of ['systemShutdownCommand', 'systemRestartCommand', 'serverRestartCommand']) {
      assert.equal(outcomeOf(report, `server.commands.${command}`), 'unchanged', `an empty ${command} means not set`);
    }

    const users = UserStore.open(join(target, 'users.yaml'));
    assert.equal(users.find('alice')?.passwordHash, ALICE_ARGON2);
    assert.deepEqual(users.find('alice')?.settings, { interface: { language: 'de' } });
    assert.equal(users.find('alice')?.apiKey?.hash, hashApiKey(OCTOPRINT.alice.apikey));
    assert.equal(users.findByApiKey(OCTOPRINT.bob.apikey)?.name, 'bob');
    assert.equal(users.find('bob')?.passwordHash, octoprintSha512(OCTOPRINT.bob.password));
    assert.deepEqual(users.find('bob')?.groups, ['users', 'operators']);
    assert.equal(users.find('carol')?.active, false);
    assert.ok(!readFileSync(join(target, 'users.yaml'), 'utf8').includes(OCTOPRINT.alice.apikey), 'API keys stored hashed');

    const groups = GroupStore.open(join(target, 'groups.yaml'));
    assert.ok(!groups.find('users')?.permissions.includes('CONTROL'), "OctoPrint's customised users group");
    assert.ok(groups.find('users')?.permissions.includes('PRINT'));
    assert.deepEqual(groups.find('operators')?.subgroups, ['readonly']);
    assert.equal(groups.find('operators')?.name, 'Machine operators');
    assert.ok(groups.permissionsOfUser(users.find('bob') ?? { groups: [], permissions: [] }).has('CONTROL'), 'bob controls through operators');

    const appKeys = AppKeysService.open({ file: join(target, 'data/appkeys/keys.yaml'), limits: () => ({ perMinute: 20, enabled: true }) });
    try {
      assert.equal((await appKeys.validate(OCTOPRINT.appKeys.cura))?.userName, 'alice');
      assert.equal((await appKeys.validate(OCTOPRINT.appKeys.octoapp))?.userName, 'bob');
      assert.equal(await appKeys.validate(OCTOPRINT.appKeys.ghost), null);
    } finally {
      await appKeys.close();
    }
    assert.ok(!readFileSync(join(target, 'data/appkeys/keys.yaml'), 'utf8').includes(OCTOPRINT.appKeys.cura), 'app keys stored hashed');
    assert.equal(outcomeOf(report, 'Gone (user ghost)'), 'not-imported');

    const uploads = join(target, 'uploads');
    assert.deepEqual(readMetadata(uploads)['nut.gcode']?.analysis, NUT_ANALYSIS);
    assert.equal((readMetadata(uploads)['nut.gcode']?.history as unknown[]).length, 1);
    assert.equal(readMetadata(uploads)['nut.gcode']?.user, 'alice');
    assert.equal(readMetadata(uploads).parts?.display, 'Parts');
    assert.equal(readMetadata(join(uploads, 'parts'))['bracket.gcode']?.display, 'Bracket (v2).gcode');
    const mtimes = [statSync(join(uploads, 'nut.gcode')).mtimeMs, statSync(join(octoprint, 'uploads/nut.gcode')).mtimeMs];
    assert.ok(Math.abs((mtimes[0] ?? 0) - (mtimes[1] ?? 1)) < 1, `upload date kept: ${mtimes.join(' vs ')}`);
    assert.ok(existsSync(join(uploads, 'parts/torus.gcode')) && existsSync(join(uploads, 'empty')));
    assert.ok(!existsSync(join(uploads, 'notes.txt')) && !existsSync(join(uploads, '.hidden.gcode')));
    assert.equal(outcomeOf(report, 'notes.txt'), 'not-imported');

    const config = ConfigStore.open(join(target, 'config.yaml'));
    assert.equal(config.config.serial.port, '/dev/ttyUSB0');
    assert.equal(config.config.serial.baudrate, 115200);
    assert.equal(config.config.serial.autoconnect, true);
    assert.ok(config.config.serial.baudrates.includes(500000));
    assert.equal(config.config.serial.timeout.communication, 20);
    assert.equal(config.config.api.allowCrossOrigin, true);
    assert.deepEqual([config.config.appearance.name, config.config.appearance.color], ['Workshop Prusa', 'blue']);
    assert.deepEqual(config.config.temperature.profiles, [{ name: 'PETG', extruder: 240, bed: 80, chamber: null }]);
    assert.deepEqual(config.config.server.reverseProxy.trustedProxies, ['127.0.0.1', '10.0.0.2']);
    assert.equal(config.config.server.reverseProxy.prefixHeader, 'X-Forwarded-Prefix');
    assert.equal(config.config.accessControl.salt, SALT);
    assert.equal(config.config.scripts.gcode.afterPrintDone, 'M104 S0\nM140 S0\nM84');
    assert.equal(config.config.scripts.gcode.beforePrintStarted, 'M117 Printing');
    assert.match(config.config.scripts.gcode.afterPrintCancelled, /^; disable motors/, "Argonaut's default kept: OctoPrint's uses Jinja2");
    assert.equal(config.getRaw('api.key'), undefined, 'the global key is never imported');
    assert.equal(config.config.printerProfiles.default, 'prusa_mk3');
    assert.match(readFileSync(join(target, 'printerProfiles/prusa_mk3.profile'), 'utf8'), /name: Prusa MK3S/);

    assert.equal(outcomeOf(report, 'api.key'), 'not-imported');
    assert.match(detailOf(report, 'api.key'), /D1/);
    assert.ok(!report.lines().join('\n').includes(OCTOPRINT.globalKey), 'the global key is not printed');
    assert.ok(!report.lines().join('\n').includes(SALT), 'the salt is not printed');
    assert.equal(outcomeOf(report, 'scripts/gcode/afterPrintCancelled'), 'not-imported');
    assert.equal(outcomeOf(report, 'server.reverseProxy.serverHeader'), 'not-imported');
    assert.deepEqual(fingerprint(octoprint), before, 'the OctoPrint basedir is unchanged');
    const log = readFileSync(join(target, 'logs', 'argonaut.log'), 'utf8');
    assert.match(log, /"msg":"First administrators? .+ imported from OctoPrint \(from [^)]+\); first-run setup is closed\."/, 'the log says how the first admin came');
  });

  it('changes nothing when run a second time, and a dry run writes nothing', async () => {
    const octoprint = folders.source();
    const target = join(folders.temp(), 'basedir');
    const dryTarget = join(folders.temp(), 'never-made');
    const dry = await importOctoPrint({ source: octoprint, target: dryTarget, dryRun: true });
    assert.equal(existsSync(dryTarget), false, 'a dry run does not even make the basedir');
    const first = await importOctoPrint({ source: octoprint, target });
    assert.equal(dry.count('imported'), first.count('imported'), 'the dry run reports what the real run does');
    assert.ok(first.count('imported') > 20);
    const state = fingerprint(target);
    const second = await importOctoPrint({ source: octoprint, target });
    assert.equal(second.count('imported'), 0, second.lines().join('\n'));
    assert.equal(second.problems, 0);
    assert.deepEqual(fingerprint(target), state, 'the second run wrote nothing');
    const dryAgain = await importOctoPrint({ source: octoprint, target, dryRun: true });
    assert.equal(dryAgain.count('imported'), 0);
    assert.deepEqual(fingerprint(target), state);
  });

  it("keeps what Argonaut already has under the same name, and adds OctoPrint's metadata to identical files", async () => {
    const files = octoprintFiles();
    const octoprint = folders.source(files);
    const target = folders.temp();
    writeFileSync(join(target, 'config.yaml'), 'serial:\n  port: VIRTUAL\n');
    mkdirSync(join(target, 'uploads/parts'), { recursive: true });
    writeFileSync(join(target, 'uploads/nut.gcode'), files['uploads/nut.gcode'] ?? '');
    writeFileSync(join(target, 'uploads/parts/bracket.gcode'), 'G28 ; another bracket\n');
    const users = UserStore.open(join(target, 'users.yaml'));
    await users.add({ name: 'alice', passwordHash: octoprintSha512('argonaut-alice'), active: true, groups: ['users'], permissions: [] });
    await users.flush();
    const report = await importOctoPrint({ source: octoprint, target });
    assert.equal(report.problems, 0, report.lines().join('\n'));
    assert.equal(outcomeOf(report, 'serial.port'), 'kept');
    assert.equal(ConfigStore.open(join(target, 'config.yaml')).config.serial.port, 'VIRTUAL');
    assert.equal(outcomeOf(report, 'alice'), 'kept');
    assert.equal(UserStore.open(join(target, 'users.yaml')).find('alice')?.passwordHash, octoprintSha512('argonaut-alice'));
    assert.equal(outcomeOf(report, 'Cura (user alice)'), 'imported', "alice's app key still comes over: the user exists");
    assert.equal(outcomeOf(report, 'parts/bracket.gcode'), 'kept');
    assert.equal(readFileSync(join(target, 'uploads/parts/bracket.gcode'), 'utf8'), 'G28 ; another bracket\n');
    assert.equal(outcomeOf(report, 'nut.gcode'), 'imported');
    assert.match(detailOf(report, 'nut.gcode'), /same content already in Argonaut; OctoPrint's metadata added: analysis, history/);
    assert.deepEqual(readMetadata(join(target, 'uploads'))['nut.gcode']?.analysis, NUT_ANALYSIS);
    assert.equal(outcomeOf(await importOctoPrint({ source: octoprint, target }), 'nut.gcode'), 'unchanged');
  });

  it("replaces Argonaut's untouched default printer profile with OctoPrint's changed one, but not a changed one", async () => {
    const files = octoprintFiles();
    files['printerProfiles/_default.profile'] = 'id: _default\nname: Big default\nvolume: {width: 300, depth: 300, height: 400}\n';
    const octoprint = folders.source(files);
    const fresh = folders.temp();
    const report = await importOctoPrint({ source: octoprint, target: fresh });
    assert.equal(outcomeOf(report, '_default'), 'imported');
    assert.match(readFileSync(join(fresh, 'printerProfiles/_default.profile'), 'utf8'), /width: 300/);
    assert.equal(outcomeOf(await importOctoPrint({ source: octoprint, target: fresh }), '_default'), 'unchanged');
    const customised = folders.temp();
    mkdirSync(join(customised, 'printerProfiles'));
    writeFileSync(join(customised, 'printerProfiles/_default.profile'), 'id: _default\nname: Mine\n');
    assert.equal(outcomeOf(await importOctoPrint({ source: octoprint, target: customised }), '_default'), 'kept');
    assert.match(readFileSync(join(customised, 'printerProfiles/_default.profile'), 'utf8'), /name: Mine/);
  });

  it('drops an analysis that was made for other content than the file has', async () => {
    const files = octoprintFiles();
    files['uploads/.metadata.json'] = JSON.stringify({ 'nut.gcode': { hash: 'f'.repeat(40), analysis: NUT_ANALYSIS, history: [] } });
    const target = folders.temp();
    const report = await importOctoPrint({ source: folders.source(files), target });
    assert.match(detailOf(report, 'nut.gcode'), /analysis was made for other content/);
    assert.equal(readMetadata(join(target, 'uploads'))['nut.gcode']?.analysis, undefined);
    assert.deepEqual(readMetadata(join(target, 'uploads'))['nut.gcode']?.history, []);
  });

  it('refuses to run while a server runs on the target, or into a folder of the OctoPrint basedir', async () => {
    const octoprint = folders.source();
    const target = folders.temp();
    mkdirSync(join(target, 'data'));
    await writeServerPid(join(target, 'data/server.pid'));
    await assert.rejects(importOctoPrint({ source: octoprint, target }), (error: Error) => {
      assert.ok(error instanceof ImportRefusedError);
      assert.match(error.message, new RegExp(`server \\(pid ${process.pid}\\) is running on`));
      return true;
    });
    assert.equal(existsSync(join(target, 'users.yaml')), false);
    await assert.rejects(importOctoPrint({ source: octoprint, target: join(octoprint, 'argonaut') }), ImportRefusedError);
    await assert.rejects(importOctoPrint({ source: octoprint, target: octoprint }), ImportRefusedError);
    assert.equal(existsSync(join(octoprint, 'argonaut')), false);
  });
});
