// GET /api/argonaut/history over the real app: ends heard from the job events, filters, bad queries, permissions, OpenAPI.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addUser } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { until } from '../../../../test/support/until.js';

const PRINT = { path: 'parts/bracket.gcode', name: 'bracket.gcode', origin: 'local', size: 2048, owner: 'operator', user: 'operator' };

describe('/api/argonaut/history', () => {
  let t: TestApp;
  const keys: Record<string, string> = {};

  before(async () => {
    t = await createTestApp();
    await addUser(t.app, 'operator', 'operator-password-1', ['users']);
    await addUser(t.app, 'nobody', 'nobody-password-1', []);
    for (const name of ['operator', 'nobody']) keys[name] = await t.app.access.accounts.generateApiKey(name);
    t.app.events.emit('PrintDone', { ...PRINT, time: 600 });
    t.app.events.emit('PrintCancelled', { ...PRINT, time: 42 });
    t.app.events.emit('PrintFailed', { ...PRINT, time: 42, reason: 'cancelled' });
    t.app.events.emit('PrintFailed', { ...PRINT, name: 'warped.gcode', path: 'warped.gcode', time: 7, reason: 'error' });
  });
  after(() => t.close());

  const get = (url: string, user = 'operator') => t.app.http.inject({ method: 'GET', url, headers: { 'x-api-key': keys[user] ?? '' } });

  it('lists every ended print, newest first, with its result', async () => {
    const response = await get('/api/argonaut/history');
    assert.equal(response.statusCode, 200);
    const { prints } = response.json() as { prints: Array<{ name: string; result: string; duration: number; reason: string | null; origin: string }> };
    assert.deepEqual(
      prints.map((entry) => [entry.name, entry.result, entry.duration, entry.reason]),
      [
        ['warped.gcode', 'failed', 7, 'error'],
        ['bracket.gcode', 'cancelled', 42, null],
        ['bracket.gcode', 'done', 600, null],
      ],
    );
  });

  it('filters by result and caps the count', async () => {
    const done = (await get('/api/argonaut/history?result=done,failed&limit=1')).json() as { prints: Array<{ result: string }> };
    assert.deepEqual(done.prints.map((entry) => entry.result), ['failed']);
    const cancelled = (await get('/api/argonaut/history?result=cancelled')).json() as { prints: Array<{ result: string }> };
    assert.deepEqual(cancelled.prints.map((entry) => entry.result), ['cancelled']);
  });

  it('answers 400 with an error for an unknown result or a bad limit', async () => {
    for (const query of ['result=exploded', 'limit=0', 'limit=abc']) {
      const response = await get(`/api/argonaut/history?${query}`);
      assert.equal(response.statusCode, 400, query);
      assert.equal(typeof (response.json() as { error?: unknown }).error, 'string');
    }
  });

  it('needs FILES_LIST', async () => {
    assert.equal((await get('/api/argonaut/history', 'nobody')).statusCode, 403);
    assert.equal((await t.app.http.inject({ method: 'GET', url: '/api/argonaut/history' })).statusCode, 403);
  });

  it('is in the OpenAPI document with its permission', async () => {
    const document = (await get('/api/openapi.json')).json() as { paths: Record<string, { get?: { 'x-permission'?: string } }> };
    assert.equal(document.paths['/api/argonaut/history']?.get?.['x-permission'], 'FILES_LIST');
  });

  it('keeps the history in the basedir', async () => {
    const file = join(t.basedir, 'data', 'print-history.json');
    await until(() => existsSync(file) && readFileSync(file, 'utf8').includes('warped.gcode'), 'the history file', 10_000);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { prints: unknown[] };
    assert.equal(saved.prints.length, 3);
  });
});
