// Files edited behind the running server (config.yaml, users.yaml) are read again and applied; a save merges into them; a broken file is kept and reported.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { createTestApp } from '../../test/support/test-app.js';
import type { TestApp } from '../../test/support/test-app.js';
import { AppKeysService } from '../auth/index.js';
import { ConfigStore } from '../config/index.js';
import { UserAdmin } from './user-admin.js';
import { until } from '../../test/support/until.js';

const CONFIG = [
  '# my workshop printer',
  'accessControl:',
  '  enabled: false # everyone is admin in this test',
  'server:',
  '  firstRun: false',
  'plugins:',
  '  discovery:',
  '    enabled: false',
  'myOwnTool:',
  '  keep: me',
  '',
].join('\n');

/** What the server logs, as messages. */
function capturingLogger(): { logger: pino.Logger; messages: string[] } {
  const messages: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void messages.push(String(JSON.parse(line).msg)) });
  return { logger, messages };
}

/** How an editor saves: a new file renamed over the old one. */
function saveLikeAnEditor(file: string, text: string): void {
  writeFileSync(`${file}.swp`, text);
  renameSync(`${file}.swp`, file);
}

describe('config.yaml edited behind the running server', () => {
  let t: TestApp;
  let messages: string[];
  before(async () => {
    const captured = capturingLogger();
    messages = captured.messages;
    t = await createTestApp({ config: CONFIG, logger: captured.logger });
  });
  after(() => t.close());

  const settings = async () => (await t.app.http.inject({ method: 'GET', url: '/api/settings' })).json();
  const post = (body: unknown) =>
    t.app.http.inject({ method: 'POST', url: '/api/settings', headers: { 'content-type': 'application/json', 'x-api-key': 'not-checked' }, payload: JSON.stringify(body) });
  const file = () => join(t.basedir, 'config.yaml');

  it('applies a change made by `argonaut config set`, and a save of another section keeps it', async () => {
    // What `argonaut config set serial.log true --bool` does, from its own store on the same file.
    ConfigStore.open(file()).updateSync([{ path: 'serial.log', value: true }]);
    await until(async () => (await settings()).serial.log === true, 'the server to read the change', 5000);
    assert.equal(t.app.config.config.serial.log, true);
    assert.ok(messages.some((m) => /config\.yaml changed on disk; in effect now: serial\.log/.test(m)), messages.join('\n'));

    const saved = await post({ appearance: { name: 'Workshop' } });
    assert.equal(saved.statusCode, 200);
    const text = readFileSync(file(), 'utf8');
    assert.match(text, /log: true/);
    assert.match(text, /name: Workshop/);
    assert.match(text, /# my workshop printer/);
    assert.match(text, /keep: me/);
    const after = await settings();
    assert.equal(after.serial.log, true);
    assert.equal(after.appearance.name, 'Workshop');
  });

  it('says which settings need a restart, in the log and in the settings', async () => {
    saveLikeAnEditor(file(), readFileSync(file(), 'utf8').replace('  firstRun: false', '  firstRun: false\n  port: 5123'));
    await until(async () => (await settings()).argonaut.restartNeeded.includes('server.port'), 'the restart notice', 5000);
    assert.ok(messages.some((m) => /^server\.port changed in config\.yaml: .* when Argonaut is restarted/.test(m)), messages.join('\n'));
    saveLikeAnEditor(file(), readFileSync(file(), 'utf8').replace('  port: 5123\n', ''));
    await until(async () => (await settings()).argonaut.restartNeeded.length === 0, 'the notice to go', 5000);
  });

  it('keeps the settings in use while config.yaml is broken, never overwrites it, and takes it once fixed', async () => {
    const good = readFileSync(file(), 'utf8');
    const broken = `${good}appearance:\n  name: [half typed\n`;
    saveLikeAnEditor(file(), broken);
    await until(async () => (await settings()).argonaut.configProblem !== null, 'the problem to show', 5000);
    const shown = await settings();
    assert.match(shown.argonaut.configProblem, /^config\.yaml is not valid YAML: .*line \d+/);
    assert.equal(shown.appearance.name, 'Workshop', 'the settings in use stay');
    assert.ok(messages.some((m) => /config\.yaml is not valid YAML.*keeps running with the settings it had/.test(m)), messages.join('\n'));

    const refused = await post({ feature: { sdSupport: false } });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json().error, /Nothing was saved: config\.yaml is not valid YAML/);
    assert.equal(readFileSync(file(), 'utf8'), broken, "the user's file is left as it is");

    saveLikeAnEditor(file(), good.replace('name: Workshop', 'name: Fixed'));
    await until(async () => (await settings()).appearance.name === 'Fixed', 'the fixed file to be read', 5000);
    assert.equal((await settings()).argonaut.configProblem, null);
    assert.ok(messages.some((m) => /config\.yaml can be read again/.test(m)));
    assert.equal((await post({ feature: { sdSupport: false } })).statusCode, 200);
    assert.match(readFileSync(file(), 'utf8'), /name: Fixed/);
  });
});

describe('printer profiles edited behind the running server', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: CONFIG });
  });
  after(() => t.close());

  it('shows a profile edited by hand', async () => {
    const profiles = async () => (await t.app.http.inject({ method: 'GET', url: '/api/printerprofiles' })).json().profiles;
    assert.equal((await profiles())._default.name, 'Default');
    const file = join(t.basedir, 'printerProfiles', '_default.profile');
    saveLikeAnEditor(file, readFileSync(file, 'utf8').replace('name: Default', 'name: Edited by hand'));
    await until(async () => (await profiles())._default.name === 'Edited by hand', 'the edit to show', 5000);
  });
});

describe('users.yaml and app keys edited behind the running server', () => {
  let t: TestApp;
  let messages: string[];
  before(async () => {
    const captured = capturingLogger();
    messages = captured.messages;
    t = await createTestApp({ config: 'server:\n  firstRun: false\nplugins:\n  discovery:\n    enabled: false\n', logger: captured.logger });
  });
  after(() => t.close());

  const whoAmI = async (key: string) => (await t.app.http.inject({ method: 'GET', url: '/api/currentuser', headers: { 'x-api-key': key } })).json().name as string | null;

  it('lets a user added by `argonaut user` in, and shuts a removed one out', async () => {
    // What the `argonaut user` commands do, with their own stores on the same basedir.
    const cli = UserAdmin.open(t.basedir, { argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 } });
    await cli.add('frieda', 'a long password');
    const key = await cli.generateApiKey('frieda');
    await cli.close();
    await until(async () => (await whoAmI(key)) === 'frieda', 'the new user to be known', 5000);

    const again = UserAdmin.open(t.basedir);
    await again.remove('frieda');
    await again.close();
    await until(async () => (await whoAmI(key)) === null, 'the removed user to be shut out', 5000);
  });

  it('lets an app key added behind the server in, and shuts it out once revoked there', async () => {
    const cli = UserAdmin.open(t.basedir, { argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 } });
    await cli.add('ivy', 'a long password');
    await cli.close();
    // Another process's store on the same keys.yaml (as `argonaut import-octoprint` has).
    const other = AppKeysService.open({ file: join(t.basedir, 'data', 'appkeys', 'keys.yaml'), limits: () => ({ perMinute: 10, enabled: true }) });
    const key = randomBytes(24).toString('base64url');
    await other.importKey('ivy', 'Slicer', key);
    await until(async () => (await whoAmI(key)) === 'ivy', 'the app key to work', 5000);
    await other.revoke('ivy', 'Slicer');
    await other.close();
    await until(async () => (await whoAmI(key)) === null, 'the revoked app key to stop working', 5000);
  });

  it('keeps the users while users.yaml is broken, and refuses to overwrite it', async () => {
    const file = join(t.basedir, 'users.yaml');
    const cli = UserAdmin.open(t.basedir, { argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 } });
    await cli.add('gus', 'a long password', { admin: true });
    const key = await cli.generateApiKey('gus');
    await cli.close();
    await until(async () => (await whoAmI(key)) === 'gus', 'gus to be known', 5000);
    const broken = `${readFileSync(file, 'utf8')}  oops: [\n`;
    saveLikeAnEditor(file, broken);
    await until(() => messages.some((m) => /^users\.yaml is not valid YAML: .*keeps the users it had/.test(m)), 'the warning', 5000);
    assert.equal(await whoAmI(key), 'gus', 'the users read before stay');
    await assert.rejects(t.app.access.accounts.addUser({ name: 'hal', password: 'a long password', active: true }), /Nothing was saved: users\.yaml is not valid YAML/);
    assert.equal(readFileSync(file, 'utf8'), broken);
  });
});
