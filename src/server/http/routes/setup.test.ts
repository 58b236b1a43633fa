// First run in memory: the one-time setup code creates the first admin; afterwards the endpoint answers 403 for good.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BrowserClient, addUser, setCookies } from '../../../../test/support/auth-client.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';

function codeFrom(message: string | null): string {
  const code = /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(message ?? '')?.[1];
  assert.ok(code, `a setup code in: ${message}`);
  return code;
}

describe('first-run setup', () => {
  let t: TestApp;
  let ip = 0;
  const browser = () => {
    const b = new BrowserClient(t.app.http, { 'x-forwarded-for': `203.0.113.${++ip}` });
    b.seedCsrf(t.app);
    return b;
  };

  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('explains itself on the console with a code a person can type', () => {
    const message = t.app.access.setup.announcement();
    assert.match(message ?? '', /No administrator account exists yet/);
    assert.match(message ?? '', /argonaut user add NAME --password PASSWORD --admin/);
    codeFrom(message);
  });

  it('refuses a wrong code (403), rate-limits guessing (429), and needs CSRF', async () => {
    const client = browser();
    assert.deepEqual((await client.request('GET', '/api/setup/admin')).json(), { required: true });
    const wrong = await client.request('POST', '/api/setup/admin', { json: { user: 'root', pass: 'root-password', setupCode: 'AAAA-BBBB-CCCC' } });
    assert.equal(wrong.statusCode, 403);
    await client.request('POST', '/api/setup/admin', { json: { user: 'root', pass: 'root-password', setupCode: 'x' } });
    await client.request('POST', '/api/setup/admin', { json: { user: 'root', pass: 'root-password' } });
    assert.equal((await client.request('POST', '/api/setup/admin', { json: { user: 'root', pass: 'root-password', setupCode: 'x' } })).statusCode, 429);
    const noCsrf = await browser().request('POST', '/api/setup/admin', { json: { user: 'root', pass: 'root-password', setupCode: 'x' }, csrf: false });
    assert.equal(noCsrf.statusCode, 400);
  });

  it('creates the first admin with the code (in any case, with spaces), logs them in, then closes for good', async () => {
    const code = codeFrom(t.app.access.setup.announcement());
    const client = browser();
    const short = await client.request('POST', '/api/setup/admin', { json: { user: 'root', pass: 'short', setupCode: code } });
    assert.equal(short.statusCode, 400, 'the password policy applies');
    const typed = ` ${code.toLowerCase().replace(/-/g, ' ')} `;
    const response = await client.request('POST', '/api/setup/admin', { json: { user: 'root', pass: 'root-password', setupCode: typed } });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().name, 'root');
    assert.equal(response.json().admin, true);
    assert.deepEqual(response.json().groups, ['admins', 'users']);
    assert.ok(setCookies(response).has('session_P5000'));
    assert.ok((await client.request('GET', '/api/currentuser')).json().permissions.includes('ADMIN'));
    assert.deepEqual((await client.request('GET', '/api/setup/admin')).json(), { required: false });
    const again = await browser().request('POST', '/api/setup/admin', { json: { user: 'evil', pass: 'evil-password', setupCode: code } });
    assert.equal(again.statusCode, 403);
    assert.match(readFileSync(join(t.basedir, 'config.yaml'), 'utf8'), /firstRun: false/);
    assert.equal(t.app.access.setup.announcement(), null);
  });

  it('stays closed even when every admin is gone later', async () => {
    writeFileSync(join(t.basedir, 'users.yaml'), '{}\n');
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(t.app.access.accounts.users().length, 0, 'the emptied users.yaml was read');
    assert.equal(t.app.access.setup.required(), false);
    assert.equal((await browser().request('POST', '/api/setup/admin', { json: { user: 'x', pass: 'x-password', setupCode: 'AAAA-AAAA-AAAA' } })).statusCode, 403);
  });
});

describe('first-run setup when the admin came from the command line', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('answers 403 once an admin exists, whoever made it', async () => {
    const code = codeFrom(t.app.access.setup.announcement());
    await addUser(t.app, 'cli-admin', 'cli-admin-password', ['admins', 'users']);
    const client = new BrowserClient(t.app.http);
    client.seedCsrf(t.app);
    const response = await client.request('POST', '/api/setup/admin', { json: { user: 'late', pass: 'late-password', setupCode: code } });
    assert.equal(response.statusCode, 403);
    assert.deepEqual(response.json(), { error: 'An administrator exists already, so first-run setup is closed.' });
  });
});
