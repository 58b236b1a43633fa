// `argonaut user ...` run as a user would (child processes), and a running server seeing the changes within a second.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli as spawnCli } from '../../../test/support/cli.js';
import { Command, CommanderError } from 'commander';
import { UserAdmin } from '../../app/index.js';
import { registerUserCommands } from './user.js';
import { createTestApp } from '../../../test/support/test-app.js';
import type { TestApp } from '../../../test/support/test-app.js';

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the user commands in this process (starting tsx per command is slow), collecting what they print. */
async function inProcess(args: string[]): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('argonaut').exitOverride().configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  registerUserCommands(program, (line) => out.push(`${line}\n`));
  try {
    await program.parseAsync(args, { from: 'user' });
    return { status: 0, stdout: out.join(''), stderr: err.join('') };
  } catch (error) {
    // What runCli prints for an error (the spawned tests check runCli itself).
    const message = error instanceof CommanderError ? '' : `argonaut: ${(error as Error).message}\n`;
    return { status: 1, stdout: out.join(''), stderr: err.join('') + message };
  }
}

function oneLineError(result: { status: number | null; stderr: string }, pattern: RegExp): void {
  assert.equal(result.status, 1);
  assert.match(result.stderr, pattern);
  assert.equal(result.stderr.trim().split('\n').length, 1, `one line: ${result.stderr}`);
}

describe('argonaut user', () => {
  const basedir = mkdtempSync(join(tmpdir(), 'argonaut-cli-user-'));
  after(() => rmSync(basedir, { recursive: true, force: true }));
  const cli = (...args: string[]) => inProcess(['user', ...args, '--basedir', basedir]);

  it('runs as a real command: exit code 0 and 1, the error on one line of stderr', () => {
    const added = spawnCli(['user', 'add', 'first', '--password', 'first-password', '--basedir', basedir]);
    assert.equal(added.status, 0, added.stderr);
    oneLineError(spawnCli(['user', 'add', 'first', '--password', 'first-password', '--basedir', basedir]), /^argonaut: User first already exists\n$/);
  });

  it('adds an admin and a user in groups, refuses duplicates and unknown groups with one line, lists them', async () => {
    const admin = await cli('add', 'admin', '--password', 'admin-password', '--admin');
    assert.equal(admin.status, 0, admin.stderr);
    assert.match(admin.stdout, /admin\s+active\s+groups: admins, users/);
    assert.match(admin.stdout, /First administrator "admin" created with the command line/);
    assert.match(readFileSync(join(basedir, 'logs', 'argonaut.log'), 'utf8'), /"level":30,"time":\d+,"msg":"First administrator \\"admin\\" created with the command line/);
    const ro = await cli('add', 'viewer', '--password', 'viewer-password', '--group', 'readonly', 'users');
    assert.equal(ro.status, 0, ro.stderr);
    oneLineError(await cli('add', 'admin', '--password', 'other-password'), /^argonaut: User admin already exists\n$/);
    oneLineError(await cli('add', 'x', '--password', 'x-password', '--group', 'nope'), /Unknown group: nope/);
    oneLineError(await cli('add', '_api', '--password', 'x-password'), /reserved/);
    oneLineError(await cli('add', 'shorty', '--password', 'short'), /too short/);
    const list = await cli('list');
    assert.equal(list.status, 0, list.stderr);
    assert.deepEqual(list.stdout.trim().split('\n'), [
      'first  active  groups: users  no API key',
      'admin  active  groups: admins, users  no API key',
      'viewer  active  groups: readonly, users  no API key',
    ]);
    assert.equal(readFileSync(join(basedir, 'users.yaml'), 'utf8').includes('$argon2id$'), true);
  });

  it('prints a new API key alone, shows only its prefix, and revokes it', async () => {
    const made = await cli('apikey', 'viewer');
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /^[0-9A-F]{32}\n$/);
    const key = made.stdout.trim();
    assert.ok(!readFileSync(join(basedir, 'users.yaml'), 'utf8').includes(key), 'stored hashed');
    assert.match((await cli('list')).stdout, new RegExp(`viewer .*API key ${key.slice(0, 8)}…`));
    const revoked = await cli('apikey', 'viewer', '--revoke');
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.match((await cli('list')).stdout, /viewer .*no API key/);
  });

  it('changes passwords, deactivates, activates and removes; unknown users give one line and exit 1', async () => {
    assert.equal((await cli('password', 'viewer', '--password', 'viewer-new-password')).status, 0);
    assert.equal((await cli('deactivate', 'viewer')).status, 0);
    assert.match((await cli('list')).stdout, /viewer\s+inactive/);
    assert.equal((await cli('activate', 'viewer')).status, 0);
    for (const args of [['remove', 'nobody'], ['password', 'nobody', '--password', 'whatever-pw'], ['deactivate', 'nobody'], ['apikey', 'nobody']]) {
      oneLineError(await cli(...args), /^argonaut: Unknown user: nobody\n$/);
    }
    assert.equal((await cli('remove', 'viewer')).status, 0);
    oneLineError(await cli('remove', 'admin'), /no active administrator/);
    assert.deepEqual((await cli('list')).stdout.trim().split('\n'), ['first  active  groups: users  no API key', 'admin  active  groups: admins, users  no API key']);
  });
});

describe('argonaut user while the server runs', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const nameFor = async (key: string) =>
    (await t.app.http.inject({ method: 'GET', url: '/api/currentuser', headers: { 'x-api-key': key } })).json().name as string | null;

  it('is seen by the server within a second: a new key works, a deactivated user stops', async () => {
    // Another process's store: the CLI's code, on the same files.
    const other = UserAdmin.open(t.basedir);
    await other.add('alice', 'alice-password');
    const made = spawnCli(['user', 'apikey', 'alice', '--basedir', t.basedir]);
    assert.equal(made.status, 0, made.stderr);
    const key = made.stdout.trim();
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(await nameFor(key), 'alice');
    await other.setActive('alice', false);
    await other.close();
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(await nameFor(key), null);
  });
});
