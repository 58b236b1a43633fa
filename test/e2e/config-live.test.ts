// `argonaut config set` against a running `argonaut serve`: the server applies the change, and a save from the API keeps it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, startServer } from '../support/cli.js';
import type { RunningServer } from '../support/cli.js';
import { until } from '../support/until.js';

describe('config.yaml changed by the CLI while the server runs', () => {
  const basedir = mkdtempSync(join(tmpdir(), 'argonaut-config-live-'));
  let server: RunningServer;
  before(async () => {
    // Access control off (everyone is admin), so that the test needs no account.
    writeFileSync(join(basedir, 'config.yaml'), '# kept\naccessControl:\n  enabled: false\nplugins:\n  discovery:\n    enabled: false\n');
    server = await startServer(basedir, [], 90_000, 'bundle');
  });
  after(async () => {
    await server?.stop('SIGTERM');
    rmSync(basedir, { recursive: true, force: true });
  });

  const settings = async () => (await (await fetch(`${server.baseUrl}/api/settings`)).json()) as Record<string, Record<string, unknown>>;

  it('applies `argonaut config set`, and a save of another section through the API keeps it', async () => {
    const set = runCli(['config', 'set', 'serial.log', 'true', '--bool', '--basedir', basedir]);
    assert.equal(set.status, 0, set.stderr);
    assert.match(set.stdout, /serial\.log is now true/);
    assert.match(set.stdout, /The running server \(pid \d+\) applies the change within a second/);
    await until(async () => (await settings()).serial?.log === true, 'the server to apply it', 10_000, 50);
    assert.match(server.output(), /config\.yaml changed on disk; in effect now: serial\.log/);

    const saved = await fetch(`${server.baseUrl}/api/settings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'not-checked' },
      body: JSON.stringify({ appearance: { name: 'Loopback' } }),
    });
    assert.equal(saved.status, 200);
    const shown = await settings();
    assert.equal(shown.serial?.log, true);
    assert.equal(shown.appearance?.name, 'Loopback');
    const text = readFileSync(join(basedir, 'config.yaml'), 'utf8');
    assert.match(text, /# kept/);
    assert.match(text, /log: true/);
    assert.match(text, /name: Loopback/);
  });

  it('says when a setting waits for a restart: the CLI, the log and the settings', async () => {
    const set = runCli(['config', 'set', 'server.port', '5999', '--int', '--basedir', basedir]);
    assert.equal(set.status, 0, set.stderr);
    assert.match(set.stdout, /reads server\.port only when it starts: restart it/);
    await until(async () => ((await settings()).argonaut?.restartNeeded as string[] | undefined)?.includes('server.port') === true, 'the notice', 10_000, 50);
    assert.match(server.output(), /server\.port changed in config\.yaml: .*when Argonaut is restarted/);
  });
});
