// /api/system over the real app: listing, running configured commands without a shell, errors, permissions, info.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { until } from '../../../../test/support/until.js';

describe('/api/system (access control off: admin)', () => {
  let t: TestApp;
  let dir: string;
  const quote = (text: string) => `'${text}'`;
  const node = (...args: string[]) => [process.execPath, ...args].map(quote).join(' ');
  const marker = (name: string) => join(dir, name);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'argonaut-system-'));
    writeFileSync(join(dir, 'record.mjs'), "import { writeFileSync } from 'node:fs';\nwriteFileSync(process.argv[2], JSON.stringify(process.argv.slice(3)));\n");
    writeFileSync(join(dir, 'fail.mjs'), 'process.exit(3);\n');
    const config = {
      accessControl: { enabled: false },
      plugins: { discovery: { enabled: false } },
      server: { commands: { systemShutdownCommand: `${node(join(dir, 'record.mjs'), marker('shutdown.json'))} 'two words' "say \\"hi\\"" '$HOME;|*'` } },
      system: {
        actions: [
          { action: 'record', name: 'Record', command: node(join(dir, 'record.mjs'), marker('custom.json'), 'x') },
          { action: 'divider' },
          { action: 'fails', name: 'Fails', command: node(join(dir, 'fail.mjs')), confirm: 'Really?' },
          { action: 'ignored', name: 'Fails quietly', command: node(join(dir, 'fail.mjs')), ignore: true },
          { action: 'chained', name: 'Chained', command: `${node(join(dir, 'record.mjs'), marker('chained.json'))} ; touch ${quote(marker('pwned'))}` },
          { action: 'missing', name: 'Missing', command: join(dir, 'no-such-program') },
        ],
      },
    };
    // YAML is a superset of JSON.
    t = await createTestApp({ config: JSON.stringify(config) });
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (source: string, action: string) =>
    t.app.http.inject({ method: 'POST', url: `/api/system/commands/${source}/${action}`, headers: { 'x-api-key': 'not-checked' } });

  it('lists configured core commands and the custom actions, with absolute resources', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '/api/system/commands', headers: { host: 'printer.local:5000' } });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.deepEqual(
      body.core.map((spec: { action: string }) => spec.action),
      ['shutdown'],
      'reboot and restart are not configured, so they are not offered',
    );
    assert.equal(body.core[0].resource, 'http://printer.local:5000/api/system/commands/core/shutdown');
    assert.equal(body.core[0].fresh_credentials, true);
    assert.equal(body.core[0].name, 'Shutdown system');
    assert.equal(typeof body.core[0].confirm, 'string');
    assert.deepEqual(
      body.custom.map((spec: { action: string }) => spec.action),
      ['record', 'divider', 'fails', 'ignored', 'chained', 'missing'],
    );
    assert.equal(body.custom[2].confirm, 'Really?');
    assert.equal('command' in body.custom[0], false, 'command lines are never sent to clients');
    assert.deepEqual(body.plugin, []);

    const core = await t.app.http.inject({ method: 'GET', url: '/api/system/commands/core' });
    assert.deepEqual(core.json(), [{ ...body.core[0], resource: core.json()[0].resource }]);
    assert.equal((await t.app.http.inject({ method: 'GET', url: '/api/system/commands/elsewhere' })).statusCode, 404);
  });

  it('runs a core command in the background, with its words exactly as quoted and no shell', async () => {
    const response = await run('core', 'shutdown');
    assert.equal(response.statusCode, 204);
    await until(() => existsSync(marker('shutdown.json')), 'the shutdown command to write its marker', 5000);
    await sleep(50);
    assert.deepEqual(JSON.parse(readFileSync(marker('shutdown.json'), 'utf8')), ['two words', 'say "hi"', '$HOME;|*']);
  });

  it('runs a custom command to its end and reports failures with 500', async () => {
    const ok = await run('custom', 'record');
    assert.equal(ok.statusCode, 204);
    assert.equal(ok.body, '');
    assert.deepEqual(JSON.parse(readFileSync(marker('custom.json'), 'utf8')), ['x'], 'finished before the answer');

    const failed = await run('custom', 'fails');
    assert.equal(failed.statusCode, 500);
    assert.match(failed.json().error, /failed with return code 3/);
    assert.equal((await run('custom', 'ignored')).statusCode, 204);

    const missing = await run('custom', 'missing');
    assert.equal(missing.statusCode, 500);
    assert.match(missing.json().error, /could not be started: ENOENT/);
  });

  it('never lets a shell operator run a second command', async () => {
    const response = await run('custom', 'chained');
    assert.equal(response.statusCode, 500);
    assert.match(response.json().error, /needs a shell/);
    await sleep(100);
    assert.equal(existsSync(marker('chained.json')), false);
    assert.equal(existsSync(marker('pwned')), false);
  });

  it('answers 404 for unknown or unconfigured commands and 400 for a divider', async () => {
    assert.equal((await run('core', 'reboot')).statusCode, 404);
    assert.equal((await run('custom', 'nothing')).statusCode, 404);
    assert.equal((await run('plugin', 'anything')).statusCode, 404);
    assert.equal((await run('elsewhere', 'record')).statusCode, 404);
    const divider = await run('custom', 'divider');
    assert.equal(divider.statusCode, 400);
    assert.equal(divider.json().error, 'Dividers cannot be executed');
  });

  it('reports system information', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '/api/system/info', headers: { 'user-agent': 'TestAgent/1.0' } });
    assert.equal(response.statusCode, 200);
    const info = response.json().systeminfo;
    assert.equal(info['browser.user_agent'], 'TestAgent/1.0');
    assert.equal(info['octoprint.version'], '1.11.8');
    assert.equal(info['env.os.platform'], process.platform);
    assert.ok(info['env.hardware.cores'] >= 1);
    assert.equal(info['systeminfo.generator'], 'systemapi');
  });
});

describe('/api/system (access control on, anonymous)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: 'plugins:\n  discovery:\n    enabled: false\nserver:\n  commands:\n    systemRestartCommand: /bin/true\n' });
  });
  after(() => t.close());

  it('refuses everything with 403', async () => {
    for (const url of ['/api/system/commands', '/api/system/commands/core', '/api/system/info']) {
      const response = await t.app.http.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 403, url);
    }
    // A cookie-less write with an invalid key fails the CSRF rule first, as in OctoPrint (400, not 403).
    const run = await t.app.http.inject({ method: 'POST', url: '/api/system/commands/core/reboot', headers: { 'x-api-key': 'wrong-key' } });
    assert.equal(run.statusCode, 400);
    assert.equal(run.json().error, 'CSRF validation failed');
  });
});
