// Tests of `argonaut config get|set|remove` run as a user would, in a child process.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../test/support/cli.js';
import { parseConfigValue } from './config.js';

describe('argonaut config', () => {
  const basedir = mkdtempSync(join(tmpdir(), 'argonaut-cli-config-'));
  after(() => rmSync(basedir, { recursive: true, force: true }));

  it('sets, gets and removes a value, keeping comments', () => {
    writeFileSync(join(basedir, 'config.yaml'), '# keep me\nserver:\n  port: 5005\n');
    const set = runCli(['config', 'set', 'api.allowCrossOrigin', 'true', '--bool', '--basedir', basedir]);
    assert.equal(set.status, 0, set.stderr);
    assert.match(readFileSync(join(basedir, 'config.yaml'), 'utf8'), /# keep me[\s\S]*allowCrossOrigin: true/);
    const get = runCli(['config', 'get', 'api.allowCrossOrigin', '--basedir', basedir]);
    assert.equal(get.stdout.trim(), 'true');
    const port = runCli(['config', 'get', 'server.port', '--basedir', basedir]);
    assert.equal(port.stdout.trim(), '5005');
    const removed = runCli(['config', 'remove', 'api.allowCrossOrigin', '--basedir', basedir]);
    assert.equal(removed.status, 0, removed.stderr);
    assert.equal(runCli(['config', 'get', 'api.allowCrossOrigin', '--basedir', basedir]).stdout.trim(), 'false');
  });

  it('refuses a bad value with one clear line and exit code 1', () => {
    const bad = runCli(['config', 'set', 'server.port', '99999', '--int', '--basedir', basedir]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /server\.port is 99999, but it must be a whole number from 1 to 65535/);
    assert.doesNotMatch(bad.stderr, /\n\s+at /);
    const unknown = runCli(['config', 'set', 'no.such', 'x', '--basedir', basedir]);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no setting no\.such/);
    const notBool = runCli(['config', 'set', 'api.allowCrossOrigin', 'perhaps', '--bool', '--basedir', basedir]);
    assert.equal(notBool.status, 1);
    assert.match(notBool.stderr, /not a boolean/);
  });

  it('suggests the type flag when a value is given as text to a setting of another type', () => {
    const bool = runCli(['config', 'set', 'api.allowCrossOrigin', 'true', '--basedir', basedir]);
    assert.equal(bool.status, 1);
    assert.match(bool.stderr, /must be true or false\. Add --bool .*argonaut config set api\.allowCrossOrigin true --bool/);
    const int = runCli(['config', 'set', 'server.port', '5001', '--basedir', basedir]);
    assert.equal(int.status, 1);
    assert.match(int.stderr, /Add --int .*config set server\.port 5001 --int/);
    const words = runCli(['config', 'set', 'server.port', 'five', '--basedir', basedir]);
    assert.match(words.stderr, /Give it with --int/);
  });

  it('describes every setting grouped by section and wrapped for a terminal, or as Markdown', () => {
    const text = runCli(['config', 'describe']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^\[server\]\n  host \(string, default "0\.0\.0\.0"\)\n/);
    assert.match(text.stdout, /\n\[server\.reverseProxy\]\n  trustedProxies/);
    for (const line of text.stdout.split('\n')) assert.ok(line.length <= 80, `wider than 80 columns: ${line}`);
    const markdown = runCli(['config', 'describe', '--markdown']);
    assert.match(markdown.stdout, /^\| key \| type \| default \| what it does \|\n\|---/);
    assert.match(markdown.stdout, /\| `server\.port` \| integer \| `5000` \|/);
  });

  it('prints its version with --version', () => {
    const version = runCli(['--version']);
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('parses typed values', () => {
    assert.equal(parseConfigValue('42', { int: true }), 42);
    assert.equal(parseConfigValue('0.5', { float: true }), 0.5);
    assert.deepEqual(parseConfigValue('[1,2]', { json: true }), [1, 2]);
    assert.equal(parseConfigValue('no', { bool: true }), false);
    assert.equal(parseConfigValue('text', {}), 'text');
    assert.throws(() => parseConfigValue('4.2', { int: true }), /whole number/);
  });
});
