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
