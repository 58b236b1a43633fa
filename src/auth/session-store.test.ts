// Login sessions: separate cookie secret and socket token, stale when untouched, an absolute lifetime, per-user end.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SessionStore } from './session-store.js';

const MINUTE = 60_000;

describe('SessionStore', () => {
  const times = () => ({ staleAfterMs: 15 * MINUTE, lifetimeMs: 24 * 60 * MINUTE });
  const base = { userName: 'alice', mechanism: 'password' as const, credentialsSeen: 0, securityStamp: 's1', withCookie: true };

  it('finds a session by its cookie and by its socket token, which are different secrets', () => {
    const store = new SessionStore(times);
    const { session, cookie } = store.create(base, 0);
    assert.ok(cookie && cookie.length >= 40);
    assert.notEqual(cookie, session.token);
    assert.notEqual(session.id, session.token);
    assert.equal(store.findByCookie(cookie, 1)?.id, session.id);
    assert.equal(store.findByCookie(session.token, 1), null, 'the socket token is not a cookie');
    assert.equal(store.findByToken('alice', session.token, 1)?.id, session.id);
    assert.equal(store.findByToken('bob', session.token, 1), null, 'a token only works with its user');
    assert.equal(store.findByToken('alice', session.token.slice(0, -1) + 'x', 1), null);
    assert.equal(store.findByCookie('', 1), null);
    assert.equal(store.findByCookie('x'.repeat(20_000), 1), null);
  });

  it('goes stale after sessionStaleAfter untouched, and touching keeps it alive until its absolute lifetime', () => {
    const store = new SessionStore(times);
    const { session, cookie } = store.create(base, 0);
    const idle = store.create({ ...base, withCookie: false }, 0).session;
    for (let t = 10 * MINUTE; t < 24 * 60 * MINUTE; t += 10 * MINUTE) {
      const found = store.findByCookie(cookie ?? '', t);
      assert.ok(found, `alive at ${t / MINUTE} min`);
      store.touch(found, t);
    }
    assert.equal(store.findByToken('alice', idle.token, 20 * MINUTE), null, 'the untouched one went stale');
    assert.equal(store.findByCookie(cookie ?? '', 24 * 60 * MINUTE + 1), null, 'absolute lifetime');
    assert.equal(store.get(session.id, 0), null, 'ended sessions stay ended');
  });

  it('ends all of a user’s sessions except one', () => {
    const store = new SessionStore(times);
    const keep = store.create(base, 0).session;
    const other = store.create(base, 0).session;
    const bob = store.create({ ...base, userName: 'bob' }, 0).session;
    const ended = store.endAllFor('alice', keep.id);
    assert.deepEqual(ended.map((s) => s.id), [other.id]);
    assert.ok(store.get(keep.id, 1));
    assert.ok(store.get(bob.id, 1));
  });
});
