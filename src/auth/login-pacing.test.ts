// Paced login attempts wait for their turn on timers that stopping the access control ends at once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigStore, ensureBasedir } from '../config/index.js';
import { AccessControl } from './access-control.js';
import { ACCOUNT_FREE_FAILURES } from './login-rate-limiter.js';

describe('Login pacing at shutdown', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argonaut-pacing-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  // A hang (attempts waiting out their turns of up to 10 s) fails this test by its timeout.
  it('answers attempts waiting for their turn with 429 as soon as it is closed', { timeout: 5000 }, async () => {
    const clock = 1_000_000;
    const config = ConfigStore.fromText('', join(dir, 'config.yaml'));
    const access = new AccessControl({ basedir: ensureBasedir(dir), config, now: () => clock, argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 } });
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i += 1) {
      const attempt = access.login.active({ user: 'alice', pass: 'wrong', remember: false, clientIp: `203.0.113.${i + 1}`, previousSessionId: null });
      await assert.rejects(attempt, (error: Error & { code?: string }) => error.code === 'forbidden');
    }
    await access.login.checkRate('198.51.100.1', 'alice', clock); // the first paced turn is now
    const waiting = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => access.login.checkRate(`198.51.100.${i}`, 'alice', clock));
    await access.close();
    const results = await Promise.allSettled(waiting);
    assert.ok(results.every((result) => result.status === 'rejected' && (result.reason as { code?: string }).code === 'rate-limited'));
    await assert.rejects(access.login.checkRate('198.51.100.20', 'alice', clock), (error: Error & { code?: string }) => error.code === 'rate-limited', 'no new waits either');
  });
});
