// The real server process on a free port with a temporary basedir, queried over loopback.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
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
      for (const folder of ['uploads', 'data', 'logs']) assert.ok(existsSync(join(basedir, folder)), folder);
      assert.equal(statSync(basedir).mode & 0o777, 0o700);
      assert.equal((server.output().match(/listening on/g) ?? []).length, 1, 'one line when it listens');
      const pid = server.process.pid;
      if (process.platform === 'linux' && pid !== undefined) {
        // server.apiNiceness (5): the main thread (its id is the process id) runs 5 steps below the driver's thread.
        const nice = (tid: string) => {
          const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
        };
        const others = readdirSync(`/proc/${pid}/task`).filter((tid) => tid !== String(pid)).map(nice);
        const main = nice(String(pid));
        assert.ok(others.includes(Math.min(19, main) - 5) || main === 19, `main thread nice ${main}, others ${others.join(' ')}`);
        assert.match(server.output(), /lower priority \(nice \d+\) than the printer driver/);
      }
    } finally {
      const code = await server.stop('SIGTERM');
      assert.equal(code, 0);
    }
    assert.match(server.output(), /stopping/);
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
