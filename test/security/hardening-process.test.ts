// Item 12 on the real process: `argonaut serve` as a child, keys in URLs, failed and good logins, uploads — then
// its console output and every file under logs/ must not contain a key, a password, a session or a CSRF token.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { stringify } from 'yaml';
import { createApp } from '../../src/app/index.js';
import { startServer } from '../support/cli.js';
import type { RunningServer } from '../support/cli.js';
import { TEST_ARGON2 } from '../support/test-app.js';
import { assertNoSecrets } from './support/checks.js';
import { Browser, send, upload } from './support/http-client.js';
import { BASE_CONFIG } from './support/security-server.js';

describe('item 12: no secrets in the output or logs of the server process', () => {
  let basedir: string;
  let running: RunningServer | null = null;
  const secrets: string[] = ['admin-password-1', 'alice-password-1', 'a-wrong-password-guess'];

  before(async () => {
    basedir = mkdtempSync(join(tmpdir(), 'argonaut-security-process-'));
    writeFileSync(join(basedir, 'config.yaml'), stringify(BASE_CONFIG));
    const app = await createApp({ basedir, logger: pino({ level: 'silent' }), argon2: TEST_ARGON2 });
    await app.access.accounts.addUser({ name: 'admin', password: 'admin-password-1', active: true, groups: ['admins', 'users'] });
    await app.access.accounts.addUser({ name: 'alice', password: 'alice-password-1', active: true, groups: ['users'] });
    secrets.push(await app.access.accounts.generateApiKey('alice'), (await app.appKeys.generate('alice', 'Logs')).apiKey);
    await app.stop();
  });
  after(async () => {
    await running?.stop();
    rmSync(basedir, { recursive: true, force: true });
  });

  it('keys in URLs, logins and uploads leave no secret behind', { timeout: 90_000 }, async () => {
    running = await startServer(basedir, [], 60_000);
    const port = running.port;
    const [key, appKey] = [secrets[3] ?? '', secrets[4] ?? ''];
    assert.equal((await send(port, 'GET', `/api/printer?apikey=${key}`)).status, 409);
    assert.equal((await send(port, 'GET', `/api/doesnotexist?apikey=${key}`)).status, 404);
    assert.equal((await send(port, 'GET', `/api/version?apikey=${appKey}&other=1`)).status, 200);
    assert.equal((await send(port, 'GET', `/api/version?apikey=${key.toLowerCase()}`)).status, 403);
    assert.equal((await upload(port, 'logs.gcode', 'G28\n', { 'x-api-key': key })).status, 201);
    assert.equal((await send(port, 'POST', `/api/files/local?apikey=${key}`, { body: 'x', headers: { 'content-type': 'multipart/form-data; boundary=B' } })).status, 400);
    const browser = new Browser(port);
    assert.equal((await browser.login('alice', 'a-wrong-password-guess')).status, 403);
    const login = await browser.login('alice', 'alice-password-1', true);
    assert.equal(login.status, 200);
    secrets.push(...[...browser.cookies.values()].filter((value) => value.length >= 16), login.json<{ session: string }>().session);
    const admin = new Browser(port);
    assert.equal((await admin.login('admin', 'admin-password-1')).status, 200);
    const newKey = (await admin.request('POST', '/api/access/users/admin/apikey')).json<{ apikey: string }>().apikey;
    secrets.push(newKey);
    assert.equal((await admin.request('PUT', '/api/access/users/alice/password', { json: { password: 'alice-password-2' } })).status, 200);
    secrets.push('alice-password-2');
    const child = running;
    assert.equal(await child.stop(), 0);
    running = null;
    const logFiles = readdirSync(join(basedir, 'logs'));
    assert.ok(logFiles.includes('audit.log') && logFiles.includes('argonaut.log'), logFiles.join());
    const files = logFiles.map((name) => readFileSync(join(basedir, 'logs', name), 'utf8')).join('\n');
    const output = `${child.output()}\n${files}`;
    assert.ok(output.includes('Login failed'), 'the failed login was logged');
    assertNoSecrets(output, secrets, 'the process output and logs');
  });
});
