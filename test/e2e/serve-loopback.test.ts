// The real server process on a free port with a temporary basedir, queried over loopback.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startServer } from '../support/cli.js';

describe('argonaut serve over loopback', () => {
  const basedir = mkdtempSync(join(tmpdir(), 'argonaut-serve-'));
  after(() => rmSync(basedir, { recursive: true, force: true }));

  it('starts as a user runs it (bin/argonaut.js), answers over HTTP, creates the basedir layout, and stops cleanly on SIGTERM', async () => {
    const server = await startServer(basedir, [], 90_000, 'bundle');
    try {
      const version = await fetch(`${server.baseUrl}/api/version`);
      // No credentials: the guest has no permissions, so OctoPrint's 403 (never 401).
      assert.equal(version.status, 403);
      assert.equal(typeof ((await version.json()) as { error: string }).error, 'string');
      const slashes = await fetch(`${server.baseUrl}//api//version`);
      assert.equal(slashes.status, 403);
      const missing = await fetch(`${server.baseUrl}/api/does-not-exist`);
      assert.equal(missing.status, 404);
      // A missing file under a static route is not there (404), not a method the route lacks (it once said 405).
      assert.equal((await fetch(`${server.baseUrl}/assets/does-not-exist.js`)).status, 404);
      for (const folder of ['uploads', 'data', 'logs']) assert.ok(existsSync(join(basedir, folder)), folder);
      assert.equal(statSync(basedir).mode & 0o777, 0o700);
      assert.equal((server.output().match(/listening on/g) ?? []).length, 1, 'one line when it listens');
    } finally {
      const code = await server.stop('SIGTERM');
      assert.equal(code, 0);
    }
    assert.match(server.output(), /stopping/);
  });

  it('runs the web server and API server.apiNiceness steps below the driver process, from the first connect', { skip: process.platform !== 'linux' }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'argonaut-nice-'));
    // Access control off (everyone is admin), so that the test can connect without an account.
    writeFileSync(join(dir, 'config.yaml'), 'accessControl:\n  enabled: false\nplugins:\n  virtual_printer:\n    instant: true\n');
    const server = await startServer(dir, [], 90_000, 'bundle');
    try {
      const pid = server.process.pid as number;
      const field = (path: string, index: number) => {
        const stat = readFileSync(path, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[index]);
      };
      /** The nice value of a process's main thread (field 19 of /proc/<pid>/stat). */
      const nice = (process: number) => field(`/proc/${process}/stat`, 16);
      /** The server's child processes (their parent, field 4, is the server). */
      const children = () =>
        readdirSync('/proc')
          .filter((name) => /^\d+$/.test(name))
          .map(Number)
          .filter((child) => {
            try {
              return field(`/proc/${child}/stat`, 1) === pid;
            } catch {
              return false;
            }
          });
      const main = nice(pid);
      assert.deepEqual(children(), [], 'no driver process before a connect');
      assert.doesNotMatch(server.output(), /lower priority/, 'nothing prints before a connect: the API keeps its priority');
      const connect = await fetch(`${server.baseUrl}/api/connection`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'access-control-is-off' },
        body: JSON.stringify({ command: 'connect', port: 'VIRTUAL' }),
      });
      assert.equal(connect.status, 204);
      const deadline = Date.now() + 30_000;
      while (!/lower priority \(nice \d+\) than the printer driver/.test(server.output()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.match(server.output(), /lower priority \(nice \d+\) than the printer driver/);
      assert.equal(nice(pid), Math.min(19, main + 5), 'the main thread steps back 5');
      // The driver's process was forked before the web server stepped back, so it keeps the old priority.
      const drivers = children();
      assert.equal(drivers.length, 1, `one driver process: ${drivers.join(' ')}`);
      assert.equal(nice(drivers[0] as number), main, 'the driver process runs at the priority the server had');
      // A driver process that dies is forked again by the next connect. It is forked by the launcher thread, made
      // before the server stepped back, so it starts at the original priority without any privilege to raise it.
      process.kill(drivers[0] as number, 'SIGKILL');
      const crashed = Date.now() + 30_000;
      while (!/The printer driver stopped unexpectedly/.test(server.output()) && Date.now() < crashed) await new Promise((resolve) => setTimeout(resolve, 50));
      const again = await fetch(`${server.baseUrl}/api/connection`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'access-control-is-off' },
        body: JSON.stringify({ command: 'connect', port: 'VIRTUAL' }),
      });
      assert.equal(again.status, 204);
      const restarted = Date.now() + 30_000;
      while (children().length === 0 && Date.now() < restarted) await new Promise((resolve) => setTimeout(resolve, 50));
      const [fresh] = children();
      assert.ok(fresh !== undefined && fresh !== drivers[0], 'a fresh driver process');
      assert.equal(nice(fresh as number), main, 'the fresh driver process runs at the priority the server had');
      assert.equal(nice(pid), Math.min(19, main + 5), 'the web server stays lowered');
      assert.doesNotMatch(server.output(), /as low as the web server/);
      // A service manager's stop signals the whole group: the driver gets SIGTERM with the server, and waits for it.
      // (Once the driver runs: a process killed in its first instants, before its own code started, cannot wait.)
      const operational = Date.now() + 30_000;
      const state = async (): Promise<string> => {
        const answer = await fetch(`${server.baseUrl}/api/connection`, { headers: { 'x-api-key': 'access-control-is-off' } });
        return ((await answer.json()) as { current: { state: string } }).current.state;
      };
      while ((await state()) !== 'Operational' && Date.now() < operational) await new Promise((resolve) => setTimeout(resolve, 50));
      process.kill(fresh as number, 'SIGTERM');
      assert.equal(await server.stop('SIGTERM'), 0);
      assert.equal((server.output().match(/WARN: The printer driver stopped unexpectedly/g) ?? []).length, 1, `only the crash above was unexpected:\n${server.output().slice(-3000)}`);
    } finally {
      assert.equal(await server.stop('SIGTERM'), 0);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start with an invalid config value, naming it, without a stack trace', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'argonaut-bad-'));
    try {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(bad, 'config.yaml'), 'server:\n  port: "eighty"\n');
      await assert.rejects(startServer(bad, [], 90_000), (error: Error) => {
        assert.match(error.message, /server\.port/);
        assert.match(error.message, /whole number/);
        assert.doesNotMatch(error.message, /\n\s+at /);
        return true;
      });
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
