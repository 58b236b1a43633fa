// Remember-me tokens: hashed at rest in a 0600 file, revocable, absolute lifetime, survive a restart.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RememberMeStore } from './remember-me-store.js';

const DAY = 86_400_000;

describe('RememberMeStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argonaut-remember-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('issues tokens kept only as hashes, verifies them after a restart, and revokes them', async () => {
    const file = join(dir, 'sessions.yaml');
    const store = new RememberMeStore(file, 0);
    const { token, cookie } = await store.issue('alice', 'stamp', 30 * DAY, 0);
    await store.flush();
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const secret = cookie.split('.')[1] ?? '';
    assert.ok(secret.length >= 40);
    assert.doesNotMatch(readFileSync(file, 'utf8'), new RegExp(secret), 'the secret half is never stored');
    const restarted = new RememberMeStore(file, 1);
    assert.equal(restarted.verify(cookie, 1)?.user, 'alice');
    assert.equal(restarted.verify(`${token.id}.${'A'.repeat(43)}`, 1), null, 'a wrong secret fails');
    assert.equal(restarted.verify('garbage', 1), null);
    assert.equal(restarted.verify(`${cookie}.x`, 1), null);
    assert.equal(restarted.verify(cookie, 30 * DAY), null, 'expired after its absolute lifetime');
    const second = await restarted.issue('alice', 'stamp', 30 * DAY, 2);
    await restarted.revoke(RememberMeStore.idOf(second.cookie) ?? '', 3);
    assert.equal(restarted.verify(second.cookie, 4), null);
    const third = await restarted.issue('bob', 'stamp', DAY, 5);
    await restarted.revokeAllFor('bob', 6);
    assert.equal(restarted.verify(third.cookie, 7), null);
  });
});
