// AccessControl: user keys answered at once (and forgotten on changes), app-key validators with scopes, push-socket sessions (stale, touch), session change notices.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigStore, ensureBasedir } from '../config/index.js';
import { AccessControl } from './access-control.js';
import type { SessionChange } from './auth-context.js';
import type { AuthRequest } from './authenticator.js';
import { hasPermission } from './identity.js';

const MINUTE = 60_000;

describe('AccessControl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argonaut-access-'));
  let clock = 1_000_000;
  let access: AccessControl;
  const request = (overrides: Partial<AuthRequest>): AuthRequest => ({
    origin: { clientIp: '127.0.0.1', scheme: 'http', host: 'localhost:5000', port: 5000, scriptRoot: '', baseUrl: 'http://localhost:5000', proxied: false },
    apiKey: null,
    cookies: {},
    now: clock,
    ...overrides,
  });

  before(async () => {
    const config = ConfigStore.fromText('accessControl:\n  sessionStaleAfter: 15\n', join(dir, 'config.yaml'));
    access = new AccessControl({ basedir: ensureBasedir(dir), config, now: () => clock, argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 } });
    await access.accounts.addUser({ name: 'alice', password: 'alice-password', active: true });
    await access.accounts.addUser({ name: 'eve', password: 'eve-password', active: false });
  });
  after(async () => {
    await access.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks registered validators for keys that are not user keys, applying the scope and the user state', async () => {
    const seen: string[] = [];
    const registration = access.registerApiKeyValidator({
      async validate(key) {
        seen.push(key);
        if (key === 'app-scoped') return { userName: 'alice', appKeyId: 'app-1', scope: ['STATUS', 'FILES_UPLOAD', 'ADMIN'] };
        if (key === 'app-full') return { userName: 'alice', appKeyId: 'app-2', scope: null };
        if (key === 'app-of-eve') return { userName: 'eve', appKeyId: 'app-3', scope: null };
        if (key === 'app-of-nobody') return { userName: 'ghost', appKeyId: 'app-4', scope: null };
        if (key === 'throws') throw new Error('validator broke');
        return null;
      },
    });
    const scoped = await access.authenticate(request({ apiKey: 'app-scoped' }));
    assert.equal(scoped.name, 'alice');
    assert.equal(scoped.appKeyId, 'app-1');
    assert.equal(scoped.mechanism, 'apikey');
    assert.deepEqual([...scoped.permissions].sort(), ['FILES_UPLOAD', 'STATUS'], 'never more than the user has');
    assert.equal(hasPermission(scoped, 'PRINT'), false);
    const full = await access.authenticate(request({ apiKey: 'app-full' }));
    assert.equal(hasPermission(full, 'PRINT'), true);
    for (const key of ['app-of-eve', 'app-of-nobody', 'throws', 'unknown']) {
      assert.equal((await access.authenticate(request({ apiKey: key }))).name, null, key);
    }
    const userKey = await access.accounts.generateApiKey('alice');
    seen.length = 0;
    assert.equal((await access.authenticate(request({ apiKey: userKey }))).appKeyId, null);
    assert.deepEqual(seen, [], 'user keys are checked first');
    registration.dispose();
    assert.equal((await access.authenticate(request({ apiKey: 'app-full' }))).name, null);
  });

  it('answers user API keys without waiting, and forgets remembered keys as soon as keys, users or groups change', async () => {
    await access.accounts.addUser({ name: 'carol', password: 'carol-password', active: true, groups: ['users'] });
    const key = await access.accounts.generateApiKey('carol');
    const now = (apiKey: string) => {
      const outcome = access.authenticateNow(request({ apiKey }));
      assert.ok(!(outcome instanceof Promise), 'a user key needs no waiting');
      return outcome.identity;
    };
    assert.equal(now(key).name, 'carol');
    assert.equal(hasPermission(now(key), 'PRINT'), true);
    assert.equal(now(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A')).name, null, 'another key with the same prefix');
    assert.equal(now(key.toLowerCase()).name, null, 'keys compare exactly');

    await access.accounts.updateGroup('users', { permissions: ['STATUS'] });
    assert.equal(hasPermission(now(key), 'PRINT'), false, 'a group change applies to the next request');
    await access.accounts.updateUser('carol', { active: false });
    assert.equal(now(key).name, null, 'a deactivated user is a guest at once');
    await access.accounts.updateUser('carol', { active: true });
    assert.equal(now(key).name, 'carol');
    const replacement = await access.accounts.generateApiKey('carol');
    assert.equal(now(key).name, null, 'a replaced key stops working at once');
    assert.equal(now(replacement).name, 'carol');
    await access.accounts.revokeApiKey('carol');
    assert.equal(now(replacement).name, null, 'a revoked key stops working at once');
    await access.accounts.updateGroup('users', { permissions: ['STATUS', 'PRINT'] });
  });

  it('validates push-socket sessions, which go stale unless touched, and reports logouts and removals', async () => {
    const changes: SessionChange[] = [];
    const listening = access.onDidChangeSessions((change) => changes.push(change));
    const login = await access.login.active({ user: 'alice', pass: 'alice-password', remember: false, clientIp: '127.0.0.1', previousSessionId: null });
    const token = login.session.token;
    assert.equal(access.validateSocketSession('alice', token)?.name, 'alice');
    assert.equal(access.validateSocketSession('eve', token), null);
    assert.equal(access.validateSocketSession('alice', 'nope'), null);
    clock += 10 * MINUTE;
    assert.equal(access.touchSession('alice', token), true);
    clock += 10 * MINUTE;
    assert.ok(access.validateSocketSession('alice', token), 'touched ten minutes ago: alive');
    clock += 16 * MINUTE;
    assert.equal(access.validateSocketSession('alice', token), null, 'stale after sessionStaleAfter untouched');
    assert.equal(access.touchSession('alice', token), false);

    const second = await access.login.active({ user: 'alice', pass: 'alice-password', remember: false, clientIp: '127.0.0.1', previousSessionId: null });
    await access.login.logout(second.identity, undefined);
    assert.deepEqual(changes.at(-1), { userName: 'alice', reason: 'logout', tokens: [second.session.token] });
    const third = await access.login.active({ user: 'alice', pass: 'alice-password', remember: false, clientIp: '127.0.0.1', previousSessionId: null });
    await access.accounts.addUser({ name: 'admin', password: 'admin-password', active: true, groups: ['admins'] });
    await access.accounts.updateUser('alice', { groups: ['readonly'] });
    assert.deepEqual(changes.at(-1), { userName: 'alice', reason: 'modified', tokens: [third.session.token] });
    assert.equal(hasPermission(access.validateSocketSession('alice', third.session.token)!, 'PRINT'), false, 'rights follow the user');
    await access.accounts.removeUser('alice', 'admin');
    assert.deepEqual(changes.at(-1), { userName: 'alice', reason: 'removed', tokens: [third.session.token] });
    assert.equal(access.validateSocketSession('alice', third.session.token), null);
    listening.dispose();
  });
});
