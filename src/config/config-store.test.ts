// Tests of config.yaml loading, validation and comment-preserving edits.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, ConfigStore } from './config-store.js';

const dir = mkdtempSync(join(tmpdir(), 'argonaut-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('ConfigStore', () => {
  it('gives every default when the file is missing', () => {
    const store = ConfigStore.open(join(dir, 'missing.yaml'));
    assert.equal(store.config.server.port, 5000);
    assert.equal(store.config.api.allowCrossOrigin, false);
    assert.equal(store.config.accessControl.enabled, true);
    assert.equal(store.config.plugins.virtual_printer.enabled, true);
    assert.deepEqual(store.warnings, []);
  });

  it('warns about unknown keys and about api.key (no global key)', () => {
    const store = ConfigStore.fromText('server:\n  port: 5001\n  flux: 3\napi:\n  key: ABCDEF\nmystery: true\n');
    assert.equal(store.config.server.port, 5001);
    assert.ok(store.warnings.some((w) => w.includes('server.flux')));
    assert.ok(store.warnings.some((w) => w.includes('mystery')));
    assert.ok(store.warnings.some((w) => w.includes('api.key')));
  });

  it('refuses an invalid value, naming the key, the value and what is allowed', () => {
    assert.throws(
      () => ConfigStore.fromText('server:\n  port: "eighty"\n'),
      (error: unknown) =>
        error instanceof ConfigError && /server\.port/.test(error.message) && /"eighty"/.test(error.message) && /whole number from 1 to 65535/.test(error.message),
    );
    assert.throws(() => ConfigStore.fromText('serial:\n  baudrate: -5\n'), /serial\.baudrate/);
    assert.throws(() => ConfigStore.fromText('api:\n  allowCrossOrigin: maybe\n'), /true or false/);
    assert.throws(() => ConfigStore.fromText('server: [1, 2\n'), /not valid YAML/);
  });

  it('keeps comments and unknown keys through edits, and writes atomically with mode 0600', async () => {
    const file = join(dir, 'config.yaml');
    writeFileSync(file, '# my printer\nserver:\n  port: 5002 # the port\nmyPlugin:\n  colour: teal\n');
    const store = ConfigStore.open(file);
    let seen = false;
    store.onDidChange(() => (seen = true));
    await store.set('api.allowCrossOrigin', true);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /# my printer/);
    assert.match(text, /# the port/);
    assert.match(text, /colour: teal/);
    assert.match(text, /allowCrossOrigin: true/);
    assert.equal(store.config.api.allowCrossOrigin, true);
    assert.ok(seen);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    await store.remove('api.allowCrossOrigin');
    assert.equal(store.config.api.allowCrossOrigin, false);
    assert.doesNotMatch(readFileSync(file, 'utf8'), /allowCrossOrigin/);
  });

  it('rejects an edit with a bad value and leaves the file as it was', async () => {
    const file = join(dir, 'config-bad-edit.yaml');
    writeFileSync(file, 'server:\n  port: 5003\n');
    const store = ConfigStore.open(file);
    await assert.rejects(store.set('server.port', 'x'), /server\.port/);
    await assert.rejects(store.set('no.such.key', 1), /no setting no\.such\.key/);
    assert.equal(readFileSync(file, 'utf8'), 'server:\n  port: 5003\n');
    assert.equal(store.config.server.port, 5003);
  });
});

describe('ConfigStore write failures', () => {
  it('keeps the old values when config.yaml cannot be written', async () => {
    const store = ConfigStore.fromText('server:\n  port: 5006\n', join(dir, 'no-such-folder', 'config.yaml'));
    await assert.rejects(store.set('server.port', 5007));
    assert.equal(store.config.server.port, 5006);
    assert.equal(store.get('server.port'), 5006);
  });
});

describe('ConfigStore and edits made behind it', () => {
  it('reads the file again when another process changed it, and tells which settings changed', () => {
    const file = join(dir, 'config-behind.yaml');
    writeFileSync(file, 'serial:\n  log: false\n');
    const store = ConfigStore.open(file);
    const changes: Array<{ source: string; paths: string[] }> = [];
    store.onDidChange((_config, change) => changes.push(change));
    assert.equal(store.refresh(), null, 'nothing changed yet');
    writeFileSync(file, 'serial:\n  log: true\nserver:\n  port: 5011\n');
    assert.deepEqual(store.refresh(), { kind: 'reloaded', paths: ['server.port', 'serial.log'], warnings: [] });
    assert.equal(store.config.serial.log, true);
    assert.deepEqual(changes, [{ source: 'disk', paths: ['server.port', 'serial.log'] }]);
    assert.deepEqual(store.restartPending(), ['server.port'], 'the port is read only at start');
    assert.equal(store.refresh(), null, 'read once');
  });

  it('merges a write into the file as it is on disk now, keeping what another process wrote', async () => {
    const file = join(dir, 'config-merge.yaml');
    writeFileSync(file, '# mine\nappearance:\n  name: Old\n');
    const store = ConfigStore.open(file);
    // The CLI (another store on the same file) changes a setting; this store has not noticed yet.
    ConfigStore.open(file).updateSync([{ path: 'serial.log', value: true }]);
    await store.set('appearance.name', 'New');
    const text = readFileSync(file, 'utf8');
    assert.match(text, /# mine/);
    assert.match(text, /log: true/);
    assert.match(text, /name: New/);
    assert.equal(store.config.serial.log, true);
    assert.equal(store.config.appearance.name, 'New');
  });

  it('never loses one of two writes made at once', async () => {
    const file = join(dir, 'config-queue.yaml');
    writeFileSync(file, '');
    const store = ConfigStore.open(file);
    await Promise.all([store.set('appearance.name', 'A'), store.set('serial.log', true)]);
    assert.equal(ConfigStore.open(file).config.appearance.name, 'A');
    assert.equal(ConfigStore.open(file).config.serial.log, true);
  });

  it('keeps the settings in use while the file is broken, refuses to overwrite it, and takes it once fixed', async () => {
    const file = join(dir, 'config-broken.yaml');
    writeFileSync(file, 'appearance:\n  name: Good\n');
    const store = ConfigStore.open(file);
    const rereads: string[] = [];
    store.onDidReread((result) => rereads.push(result.kind));
    const broken = 'appearance:\n  name: [Half written\n';
    writeFileSync(file, broken);
    const result = store.refresh();
    assert.equal(result?.kind, 'invalid');
    assert.match(store.problem ?? '', /^config-broken\.yaml is not valid YAML: .* at line 3, column 1\.$/);
    assert.equal(store.config.appearance.name, 'Good');
    await assert.rejects(store.set('serial.log', true), (error: Error & { code?: string }) => error.code === 'conflict' && /Nothing was saved/.test(error.message));
    assert.equal(readFileSync(file, 'utf8'), broken, 'the broken file is left for its author');
    writeFileSync(file, 'appearance:\n  name: Fixed\n  color: red\n');
    assert.equal(store.refresh()?.kind, 'reloaded');
    assert.equal(store.problem, null);
    assert.equal(store.config.appearance.name, 'Fixed');
    await store.set('serial.log', true);
    assert.match(readFileSync(file, 'utf8'), /color: red/);
    assert.deepEqual(rereads, ['invalid', 'reloaded']);
  });

  it('treats invalid values like invalid YAML', () => {
    const file = join(dir, 'config-bad-value.yaml');
    writeFileSync(file, 'serial:\n  baudrate: 250000\n');
    const store = ConfigStore.open(file);
    writeFileSync(file, 'serial:\n  baudrate: fast\n');
    assert.equal(store.refresh()?.kind, 'invalid');
    assert.match(store.problem ?? '', /serial\.baudrate/);
    assert.equal(store.config.serial.baudrate, 250000);
  });

  it('keeps the settings in use when the file is removed', () => {
    const file = join(dir, 'config-removed.yaml');
    writeFileSync(file, 'appearance:\n  name: Kept\n');
    const store = ConfigStore.open(file);
    rmSync(file);
    assert.deepEqual(store.refresh(), { kind: 'missing' });
    assert.equal(store.config.appearance.name, 'Kept');
  });

  it('forgets the problem of a broken file once it is removed, and saves again', async () => {
    const file = join(dir, 'config-broken-removed.yaml');
    writeFileSync(file, 'appearance:\n  name: Kept\n');
    const store = ConfigStore.open(file);
    writeFileSync(file, 'appearance:\n  name: [Half written\n');
    assert.equal(store.refresh()?.kind, 'invalid');
    rmSync(file);
    assert.deepEqual(store.refresh(), { kind: 'missing' });
    assert.equal(store.problem, null);
    await store.set('serial.log', true);
    const saved = ConfigStore.open(file).config;
    assert.equal(saved.appearance.name, 'Kept');
    assert.equal(saved.serial.log, true);
  });

  it('trusts loopback proxies by default, but not when config.yaml lists trustedProxies and says nothing about loopback', () => {
    assert.equal(ConfigStore.fromText('').config.server.reverseProxy.trustLocalhostProxies, true);
    const listed = ConfigStore.fromText('server:\n  reverseProxy:\n    trustedProxies: [10.0.0.5]\n');
    assert.equal(listed.config.server.reverseProxy.trustLocalhostProxies, false);
    assert.ok(listed.warnings.some((warning) => /not 127\.0\.0\.1 or ::1/.test(warning)), 'the decision is told');
    const both = ConfigStore.fromText('server:\n  reverseProxy:\n    trustedProxies: [10.0.0.5]\n    trustLocalhostProxies: true\n');
    assert.equal(both.config.server.reverseProxy.trustLocalhostProxies, true);
    assert.deepEqual(both.warnings, []);
  });
});
