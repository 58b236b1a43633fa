// AppKeysService without HTTP: tokens, poll expiry, single delivery, scopes, keys.yaml (hashed, 0600, OctoPrint import).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { hashApiKey } from '../api-keys.js';
import { AppKeysService } from './app-keys-service.js';
import type { AppKeysNotice } from './app-key-records.js';

describe('AppKeysService', () => {
  let dir: string;
  let file: string;
  let clock: number;
  let perMinute: number;
  const services: AppKeysService[] = [];
  const open = () => {
    const service = AppKeysService.open({ file, now: () => clock, limits: () => ({ perMinute, enabled: true }) });
    services.push(service);
    return service;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'argonaut-appkeys-'));
    file = join(dir, 'appkeys', 'keys.yaml');
    clock = Date.UTC(2025, 5, 1);
    perMinute = 100;
  });
  afterEach(async () => {
    for (const service of services.splice(0)) await service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const userToken = (service: AppKeysService, user: string) => {
    const [pending] = service.pendingFor(user);
    assert.ok(pending, 'a pending request');
    return pending.user_token;
  };

  it('delivers the key once after approval, then forgets the request; the key file holds only its hash', async () => {
    const service = open();
    const notices: AppKeysNotice[] = [];
    service.onDidNotify((notice) => notices.push(notice));
    const { appToken } = service.request({ app: 'Slicer', remoteAddress: '192.0.2.7' });
    assert.deepEqual(await service.poll(appToken), { state: 'pending' });
    const token = userToken(service, 'alice');
    assert.notEqual(token, appToken);
    assert.equal(notices[0]?.data.type, 'request_access');
    assert.equal(notices[0]?.user, null);
    service.decide(token, 'alice', true);
    const granted = await service.poll(appToken);
    assert.equal(granted.state, 'granted');
    const apiKey = granted.state === 'granted' ? granted.apiKey : '';
    assert.match(apiKey, /^[0-9A-F]{32}$/);
    assert.deepEqual(await service.poll(appToken), { state: 'gone' });
    const validated = await service.validate(apiKey);
    assert.equal(validated?.userName, 'alice');
    assert.equal(validated?.scope, null);
    await service.close();
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes(apiKey), 'the key is not on disk');
    assert.ok(text.includes(hashApiKey(apiKey)));
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const [record] = service.keysOf('alice');
    assert.equal(record?.prefix, apiKey.slice(0, 8));
    assert.equal(record?.last_used, Math.floor(clock / 1000));
    assert.ok(!JSON.stringify(service.keysOf('alice')).includes(apiKey));
  });

  it('expires a request 5 s after its last poll, and tells the UIs', async () => {
    const service = open();
    const ended: string[] = [];
    service.onDidNotify((n) => n.data.type === 'end_request' && ended.push(n.data.user_token));
    const { appToken } = service.request({ app: 'Phone', user: 'alice', remoteAddress: '192.0.2.8' });
    const token = userToken(service, 'alice');
    clock += 4_000;
    assert.deepEqual(await service.poll(appToken), { state: 'pending' });
    clock += 4_000;
    assert.deepEqual(await service.poll(appToken), { state: 'pending' }, 'each poll restarts the 5 s');
    clock += 5_001;
    assert.deepEqual(await service.poll(appToken), { state: 'gone' });
    assert.deepEqual(ended, [token]);
    assert.throws(() => service.decide(token, 'alice', true), { code: 'not-found' });
  });

  it('lets only the named user decide, narrows scopes only, and denies for good', async () => {
    const service = open();
    const { appToken } = service.request({ app: 'Dash', user: 'alice', permissions: ['STATUS', 'FILES_LIST'], remoteAddress: '192.0.2.9' });
    const token = userToken(service, 'alice');
    assert.deepEqual(service.pendingFor('bob'), [], 'bob does not see alice’s request');
    assert.throws(() => service.decide(token, 'bob', true), { code: 'not-found' });
    assert.throws(() => service.decide(token, 'admin', false), { code: 'not-found' }, 'not even an admin');
    assert.throws(() => service.decide(token, 'alice', true, { permissions: ['PRINT'] }), { code: 'invalid' });
    assert.throws(() => service.decide(token, 'alice', true, { permissions: ['NOPE'] }), { code: 'invalid' });
    service.decide(token, 'alice', true, { permissions: ['STATUS'], expiresIn: 60 });
    const granted = await service.poll(appToken);
    assert.equal(granted.state, 'granted');
    const apiKey = granted.state === 'granted' ? granted.apiKey : '';
    assert.deepEqual((await service.validate(apiKey))?.scope, ['STATUS']);
    clock += 61_000;
    assert.equal(await service.validate(apiKey), null, 'expired');

    const denied = service.request({ app: 'Other', remoteAddress: '192.0.2.9' });
    service.decide(userToken(service, 'carol'), 'carol', false);
    assert.deepEqual(await service.poll(denied.appToken), { state: 'gone' });
  });

  it('replaces a key when the same app (any case) gets a new one; revoking stops it at once', async () => {
    const service = open();
    const revoked: string[] = [];
    service.onDidRevoke((key) => revoked.push(key.id));
    const first = await service.generate('alice', 'Cura');
    const second = await service.generate('alice', 'cura');
    assert.notEqual(first.apiKey, second.apiKey);
    assert.equal(await service.validate(first.apiKey), null);
    assert.ok(await service.validate(second.apiKey));
    assert.equal(revoked.length, 1);
    assert.equal(service.keysOf('alice').length, 1);
    assert.equal(await service.revoke('alice', 'CURA'), true);
    assert.equal(await service.validate(second.apiKey), null);
    assert.equal(await service.revoke('alice', 'Cura'), false);
  });

  it('limits requests per address and minute', () => {
    perMinute = 2;
    const service = open();
    service.request({ app: 'A', remoteAddress: '192.0.2.1' });
    service.request({ app: 'A', remoteAddress: '192.0.2.1' });
    assert.throws(() => service.request({ app: 'A', remoteAddress: '192.0.2.1' }), (error: Error & { retryAfterSeconds?: number }) => error.retryAfterSeconds === 60);
    service.request({ app: 'A', remoteAddress: '192.0.2.2' });
    clock += 60_000;
    service.request({ app: 'A', remoteAddress: '192.0.2.1' });
  });

  it('refuses bad requests before counting them', () => {
    perMinute = 1;
    const service = open();
    for (const app of [undefined, '', '  ', 42, 'a\nb', 'x'.repeat(201)]) {
      assert.throws(() => service.request({ app, remoteAddress: '192.0.2.3' }), { code: 'invalid' }, String(app));
    }
    assert.throws(() => service.request({ app: 'A', permissions: [], remoteAddress: '192.0.2.3' }), { code: 'invalid' });
    assert.throws(() => service.request({ app: 'A', expiresIn: -1, remoteAddress: '192.0.2.3' }), { code: 'invalid' });
    service.request({ app: 'A', remoteAddress: '192.0.2.3' });
  });

  it('hashes OctoPrint’s plaintext keys.yaml on load and keeps them working', async () => {
    mkdirSync(join(dir, 'appkeys'));
    writeFileSync(file, 'alice:\n- app_id: OldApp\n  api_key: 0123456789ABCDEF0123456789ABCDEF\n');
    const service = open();
    const validated = await service.validate('0123456789ABCDEF0123456789ABCDEF');
    assert.equal(validated?.userName, 'alice');
    await service.close();
    assert.ok(!readFileSync(file, 'utf8').includes('0123456789ABCDEF0123456789ABCDEF'));
    const reopened = open();
    assert.equal((await reopened.validate('0123456789ABCDEF0123456789ABCDEF'))?.userName, 'alice');
    assert.equal(reopened.keyFor('alice', 'oldapp')?.app_id, 'OldApp');
  });

  it('moves an unreadable keys.yaml aside instead of overwriting it', async () => {
    mkdirSync(join(dir, 'appkeys'));
    writeFileSync(file, 'alice: [unclosed\n');
    const warnings: string[] = [];
    const service = AppKeysService.open({ file, now: () => clock, limits: () => ({ perMinute, enabled: true }), warn: (m) => warnings.push(m) });
    services.push(service);
    assert.equal(warnings.length, 1);
    await service.generate('alice', 'Fresh');
    assert.equal(readFileSync(`${file}.unreadable-${clock}`, 'utf8'), 'alice: [unclosed\n');
    assert.ok(readFileSync(file, 'utf8').includes('Fresh'));
  });

  it('forgets a removed user’s keys', async () => {
    const service = open();
    const { apiKey } = await service.generate('alice', 'Cura');
    await service.removeUser('alice');
    assert.equal(await service.validate(apiKey), null);
    assert.deepEqual(service.keysOf('alice'), []);
  });
});
