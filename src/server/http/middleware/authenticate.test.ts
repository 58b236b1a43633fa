// Authentication in memory: where API keys may come from, bad keys are guests (403, never 401/500), access control off.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

describe('authentication by API key', () => {
  let t: TestApp;
  let key: string;
  let other: string;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.http.inject({ method: 'GET', url, headers });
  const nameOf = async (headers: Record<string, string>, url = '/api/currentuser') => (await get(url, headers)).json().name as string | null;

  before(async () => {
    t = await createTestApp();
    await addUser(t.app, 'alice', 'alice-password');
    await addUser(t.app, 'bob', 'bob-password');
    key = await t.app.access.accounts.generateApiKey('alice');
    other = await t.app.access.accounts.generateApiKey('bob');
  });
  after(() => t.close());

  it('accepts the key as X-Api-Key, Authorization: Bearer, ?apikey= and a form field', async () => {
    assert.equal((await get('/api/version', { 'x-api-key': key })).statusCode, 200);
    assert.equal((await get('/api/version', { authorization: `Bearer ${key}` })).statusCode, 200);
    assert.equal((await get(`/api/version?apikey=${key}`)).statusCode, 200);
    const form = await t.app.http.inject({
      method: 'POST',
      url: '/api/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `apikey=${key}&passive=1`,
    });
    assert.equal(form.statusCode, 200);
    assert.equal(form.json().name, 'alice');
  });

  it('treats a missing, wrong, empty or malformed key as the guest: 403, never 401 or 500', async () => {
    const cases: Array<Record<string, string>> = [
      {},
      { 'x-api-key': 'wrong' },
      { 'x-api-key': '' },
      { 'x-api-key': '   ' },
      { authorization: 'Bearer ' },
      { authorization: `bearer ${key}` },
      { authorization: `Bearer  ${key}` },
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
      { 'x-api-key': 'ÿþ\u00a0\u0001'.replace('\u0001', '') },
      { 'x-api-key': 'k'.repeat(10_000) },
      { 'x-api-key': key.toLowerCase() },
      { 'x-api-key': key.slice(0, 8) },
      { remote_user: 'alice', 'x-remote-user': 'alice' },
    ];
    for (const headers of cases) {
      const version = await get('/api/version', headers);
      assert.equal(version.statusCode, 403, JSON.stringify(headers).slice(0, 80));
      assert.equal(typeof version.json().error, 'string');
      assert.deepEqual((await get('/api/currentuser', headers)).json(), { name: null, permissions: [], groups: ['guests'] });
    }
  });

  it('follows OctoPrint precedence (query, then header, then bearer) and never falls back to another key', async () => {
    assert.equal(await nameOf({ 'x-api-key': key, authorization: `Bearer ${other}` }), 'alice');
    assert.equal(await nameOf({ 'x-api-key': key }, `/api/currentuser?apikey=${other}`), 'bob');
    assert.equal(await nameOf({ 'x-api-key': key }, '/api/currentuser?apikey=wrong'), null, 'a wrong query key is not rescued by a good header');
    assert.equal(await nameOf({}, `/api/currentuser?apikey=${key}&apikey=${other}`), 'alice', 'the first value counts');
  });

  it('puts no session cookie on API-key responses', async () => {
    const response = await get('/api/currentuser', { 'x-api-key': key });
    assert.equal(response.headers['set-cookie'], undefined);
  });
});

describe('access control switched off (D4)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: 'accessControl:\n  enabled: false\n' });
  });
  after(() => t.close());

  it('gives every request full admin rights, and passive login reports it', async () => {
    const me = (await t.app.http.inject({ method: 'GET', url: '/api/currentuser' })).json();
    assert.ok(me.permissions.includes('ADMIN') && me.permissions.includes('SYSTEM'));
    assert.equal((await t.app.http.inject({ method: 'GET', url: '/api/access/users' })).statusCode, 200);
    const passive = await t.app.http.inject({ method: 'POST', url: '/api/login?passive', headers: { 'x-api-key': 'anything' } });
    assert.equal(passive.statusCode, 200);
    assert.equal(passive.json().admin, true);
    assert.equal(passive.json().apikey, null);
    assert.ok(t.app.access.validateSocketSession(passive.json().name, passive.json().session));
    assert.equal(t.app.access.setup.required(), false, 'no first-run setup without access control');
  });

  it('still refuses cross-site writes without a key header (CSRF)', async () => {
    const response = await t.app.http.inject({ method: 'POST', url: '/api/login', headers: { 'content-type': 'application/json' }, payload: '{"passive": true}' });
    assert.equal(response.statusCode, 400);
  });
});
