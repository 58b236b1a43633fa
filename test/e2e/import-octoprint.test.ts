// Acceptance of `argonaut import-octoprint` (issue 13): run the real command on an OctoPrint-shaped basedir, start the
// server on the result, and use it as the people and apps of that OctoPrint would.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import pino from 'pino';
import { createApp } from '../../src/app/index.js';
import type { App } from '../../src/app/index.js';
import { registerImportCommand } from '../../src/cli/commands/import-octoprint.js';
import { UsageError } from '../../src/cli/options.js';
import { BrowserClient } from '../support/auth-client.js';
import { runCli } from '../support/cli.js';
import { OCTOPRINT, fingerprint, makeOctoPrintBasedir } from '../support/octoprint-basedir.js';
import { TEST_ARGON2 } from '../support/test-app.js';

/** The command in this process (starting a CLI process costs seconds), with what it prints and its exit code. */
async function importInProcess(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const program = new Command('argonaut').exitOverride();
  registerImportCommand(program, { line: (text) => out.push(`${text}\n`), write: (text) => out.push(text), isTTY: false, columns: 80 });
  try {
    await program.parseAsync(['import-octoprint', ...args], { from: 'user' });
    return { status: 0, stdout: out.join(''), stderr: '' };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { status: error.exitCode, stdout: out.join(''), stderr: `argonaut: ${error.message}\n` };
  }
}

interface CurrentUser {
  name: string | null;
  groups: string[];
  permissions: string[];
}

describe('argonaut import-octoprint, then the server', () => {
  const octoprint = makeOctoPrintBasedir();
  const work = mkdtempSync(join(tmpdir(), 'argonaut-import-e2e-'));
  const basedir = join(work, 'argonaut');
  const octoprintBefore = fingerprint(octoprint);
  let app: App;
  let firstRun: ReturnType<typeof runCli>;
  let csrfSuffix = '';

  before(async () => {
    const dry = await importInProcess([octoprint, '--basedir', basedir, '--dry-run']);
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /dry run: nothing is written/);
    assert.equal(existsSync(basedir), false, '--dry-run writes nothing');
    firstRun = runCli(['import-octoprint', octoprint, '--basedir', basedir]);
    assert.equal(firstRun.status, 0, `${firstRun.stdout}\n${firstRun.stderr}`);
    app = await createApp({ basedir, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0, argon2: TEST_ARGON2, apiNiceness: 0 });
    csrfSuffix = `_P${(await app.start()).port}`;
  });
  after(async () => {
    await app?.stop();
    rmSync(work, { recursive: true, force: true });
    rmSync(octoprint, { recursive: true, force: true });
  });

  const asKey = async (key: string, url: string) => app.http.inject({ method: 'GET', url, headers: { 'x-api-key': key } });
  const browser = (ip: string) => {
    const client = new BrowserClient(app.http, { 'x-forwarded-for': ip });
    client.seedCsrf(app, csrfSuffix);
    return client;
  };
  const currentUser = async (key: string) => (await asKey(key, '/api/currentuser')).json<CurrentUser>();

  it('printed a report with plain progress lines (no terminal), the global key reported and not imported', () => {
    assert.match(firstRun.stdout, /^files 1\/4 {2}\S/m);
    assert.match(firstRun.stdout, /^files 4\/4 {2}parts\/torus\.gcode$/m);
    assert.ok(!firstRun.stdout.includes('\u001b'), 'no terminal control sequences');
    assert.match(firstRun.stdout, /not imported +api\.key: Argonaut has no global API key \(D1\)/);
    assert.ok(!firstRun.stdout.includes(OCTOPRINT.globalKey));
    assert.match(firstRun.stdout, /^Summary: \d+ imported, .* 0 problems\.$/m);
    assert.equal(firstRun.stderr, '');
  });

  it('lets each user log in with their old password (argon2id and salted sha512), but not an inactive one', async () => {
    const login = await browser('192.0.2.10').login(app, 'alice', OCTOPRINT.alice.password);
    assert.equal(login.statusCode, 200, login.body);
    assert.equal(login.json<{ name: string; admin: boolean }>().admin, true);
    assert.equal((await browser('192.0.2.11').login(app, 'alice', 'wrong password')).statusCode, 403);
    const bob = await browser('192.0.2.12').login(app, 'bob', OCTOPRINT.bob.password);
    assert.equal(bob.statusCode, 200, bob.body);
    assert.match(readFileSync(join(basedir, 'users.yaml'), 'utf8'), /bob:\n {2}password: \$argon2id\$/, 're-hashed at the first login');
    assert.equal((await browser('192.0.2.13').login(app, 'carol', OCTOPRINT.carol.password)).statusCode, 403);
  });

  it('accepts every old API key and app key with the same permissions, and not the global key', async () => {
    const alice = await currentUser(OCTOPRINT.alice.apikey);
    assert.equal(alice.name, 'alice');
    assert.ok(alice.permissions.includes('ADMIN'));
    const bob = await currentUser(OCTOPRINT.bob.apikey);
    assert.equal(bob.name, 'bob');
    assert.deepEqual([...bob.groups].sort(), ['operators', 'users']);
    assert.ok(bob.permissions.includes('CONTROL'), 'through the imported operators group');
    assert.ok(!bob.permissions.includes('SETTINGS'));
    assert.deepEqual(await currentUser(OCTOPRINT.appKeys.cura), alice, "Cura's app key acts as alice");
    assert.deepEqual(await currentUser(OCTOPRINT.appKeys.octoapp), bob, "OctoApp's app key acts as bob");
    assert.equal((await currentUser(OCTOPRINT.globalKey)).name, null);
    assert.equal((await asKey(OCTOPRINT.bob.apikey, '/api/access/users')).statusCode, 403);
    const group = await asKey(OCTOPRINT.alice.apikey, '/api/access/groups/users');
    assert.equal(group.statusCode, 200, group.body);
    assert.ok(!group.json<{ permissions: string[] }>().permissions.includes('CONTROL'), "OctoPrint's customised users group");
  });

  it('lists the files with their analysis, print history and display names', async () => {
    const response = await asKey(OCTOPRINT.bob.apikey, '/api/files?recursive=true');
    assert.equal(response.statusCode, 200, response.body);
    interface Entry {
      name: string;
      display: string;
      type: string;
      children?: Entry[];
      gcodeAnalysis?: { estimatedPrintTime: number; filament: { tool0: { length: number } } };
      prints?: { success: number; failure: number };
    }
    const files = response.json<{ files: Entry[] }>().files;
    const nut = files.find((f) => f.name === 'nut.gcode');
    assert.equal(nut?.gcodeAnalysis?.estimatedPrintTime, 72);
    assert.equal(nut?.gcodeAnalysis?.filament.tool0.length, 24.574);
    assert.deepEqual([nut?.prints?.success, nut?.prints?.failure], [1, 0]);
    const parts = files.find((f) => f.name === 'parts');
    assert.equal(parts?.display, 'Parts');
    assert.deepEqual(parts?.children?.map((c) => [c.name, c.display]), [
      ['bracket.gcode', 'Bracket (v2).gcode'],
      ['torus.gcode', 'torus.gcode'],
    ]);
    assert.equal(files.find((f) => f.name === 'empty')?.type, 'folder');
    assert.equal(files.some((f) => f.name === 'notes.txt'), false);
  });

  it('has the serial, appearance, API, temperature, custom control and printer profile settings in place', async () => {
    const response = await asKey(OCTOPRINT.alice.apikey, '/api/settings');
    assert.equal(response.statusCode, 200, response.body);
    const settings = response.json<{
      serial: { port: string; baudrate: number; autoconnect: boolean };
      appearance: { name: string; color: string };
      api: { allowCrossOrigin: boolean };
      temperature: { profiles: Array<{ name: string }> };
      controls: unknown[];
      terminalFilters: Array<{ name: string; regex: string }>;
    }>();
    assert.deepEqual(settings.controls, [{ name: 'Fan', children: [{ name: 'Fan on', command: 'M106 S255' }] }]);
    assert.deepEqual(settings.terminalFilters, [{ name: 'Hide busy', regex: 'Recv: busy' }]);
    assert.deepEqual([settings.serial.port, settings.serial.baudrate, settings.serial.autoconnect], ['/dev/ttyUSB0', 115200, true]);
    assert.deepEqual([settings.appearance.name, settings.appearance.color], ['Workshop Prusa', 'blue']);
    assert.equal(settings.api.allowCrossOrigin, true);
    assert.deepEqual(settings.temperature.profiles.map((p) => p.name), ['PETG']);
    const profiles = await asKey(OCTOPRINT.alice.apikey, '/api/printerprofiles');
    const prusa = profiles.json<{ profiles: Record<string, { name: string; default: boolean }> }>().profiles.prusa_mk3;
    assert.deepEqual([prusa?.name, prusa?.default], ['Prusa MK3S', true]);
  });

  it('refuses to import while the server runs on the basedir', async () => {
    const refused = await importInProcess([octoprint, '--basedir', basedir]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, new RegExp(`^argonaut: An Argonaut server \\(pid ${process.pid}\\) is running on `));
    assert.equal(refused.stdout, '');
  });

  it('changes nothing when run a second time (after the server stopped), and never touched the OctoPrint basedir', async () => {
    await app.stop();
    const state = fingerprint(basedir);
    const second = await importInProcess([octoprint, '--basedir', basedir]);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /^Summary: 0 imported, /m);
    assert.deepEqual(fingerprint(basedir), state);
    assert.deepEqual(fingerprint(octoprint), octoprintBefore);
  });
});
