// In-memory tests of the HTTP foundation: version, server, errors, limits, slashes, CORS and headers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp } from '../../../test/support/test-app.js';
import type { TestApp } from '../../../test/support/test-app.js';
import { collapseSlashes } from './app.js';

describe('HTTP foundation (access control off)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: 'accessControl:\n  enabled: false\n' });
  });
  after(() => t.close());

  it('GET /api/version answers like OctoPrint', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '/api/version' });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.api, '0.1');
    assert.equal(body.server, '1.11.8');
    assert.match(body.text, /^OctoPrint \(Argonaut \d+\.\d+\.\d+\)$/);
  });

  it('GET /api/server answers version and safemode', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '/api/server' });
    assert.deepEqual(response.json(), { version: '1.11.8', safemode: null });
  });

  it('collapses duplicate slashes', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '//api//version' });
    assert.equal(response.statusCode, 200);
    assert.equal(collapseSlashes('//a///b?x=//y'), '/a/b?x=//y');
  });

  it('answers 404 with a JSON error for an unknown API path', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '/api/nothing-here' });
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers['content-type']), /application\/json/);
    assert.equal(typeof response.json().error, 'string');
  });

  it('answers 405 with Allow for a wrong method', async () => {
    const response = await t.app.http.inject({ method: 'DELETE', url: '/api/version' });
    assert.equal(response.statusCode, 405);
    assert.match(String(response.headers.allow), /GET/);
    assert.equal(typeof response.json().error, 'string');
  });

  it('answers 400 for malformed JSON and 413 for a body over 100 KiB', async () => {
    const bad = await t.app.http.inject({ method: 'POST', url: '/api/login', headers: { 'content-type': 'application/json' }, payload: '{"user":' });
    assert.equal(bad.statusCode, 400);
    assert.equal(typeof bad.json().error, 'string');
    const big = await t.app.http.inject({
      method: 'POST',
      url: '/api/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ user: 'admin', pass: 'x'.repeat(110 * 1024) }),
    });
    assert.equal(big.statusCode, 413);
    assert.equal(typeof big.json().error, 'string');
  });

  it('sets security headers and sends no CORS headers while CORS is off', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '/api/version', headers: { origin: 'http://evil.example' } });
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['x-frame-options'], 'DENY');
    assert.equal(response.headers['access-control-allow-origin'], undefined);
    const preflight = await t.app.http.inject({ method: 'OPTIONS', url: '/api/version' });
    assert.ok(preflight.statusCode < 500);
  });
});

describe('HTTP foundation (CORS on)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: 'accessControl:\n  enabled: false\napi:\n  allowCrossOrigin: true\n' });
  });
  after(() => t.close());

  it('echoes the Origin, answers preflights, never allows credentials', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '/api/version', headers: { origin: 'http://app.example' } });
    assert.equal(response.headers['access-control-allow-origin'], 'http://app.example');
    assert.match(String(response.headers.vary), /Origin/);
    assert.equal(response.headers['access-control-allow-credentials'], undefined);
    const preflight = await t.app.http.inject({
      method: 'OPTIONS',
      url: '/api/files/local',
      headers: { origin: 'http://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'X-Api-Key, Content-Type' },
    });
    assert.equal(preflight.statusCode, 200);
    assert.equal(preflight.headers['access-control-allow-origin'], 'http://app.example');
    assert.equal(preflight.headers['access-control-allow-methods'], 'POST');
    assert.equal(preflight.headers['access-control-allow-headers'], 'X-Api-Key, Content-Type');
    assert.equal(preflight.headers['access-control-allow-credentials'], undefined);
    const noOrigin = await t.app.http.inject({ method: 'OPTIONS', url: '/api/version' });
    assert.ok(noOrigin.statusCode < 500);
  });
});
