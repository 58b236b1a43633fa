// The real server over loopback: a browser-like cookie login with CSRF, and an API-key client doing the same calls.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { UserAdmin } from '../../src/app/index.js';
import { startServer } from '../support/cli.js';
import type { RunningServer } from '../support/cli.js';

/** What a browser keeps: cookies by name, sent back on every request. */
class CookieJar {
  readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = decodeURIComponent(pair.slice(at + 1));
      const expired = /max-age=0/i.test(line) || /expires=[^;]*1970/i.test(line);
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
  }
}

describe('authentication over loopback', () => {
  const basedir = mkdtempSync(join(tmpdir(), 'argonaut-auth-e2e-'));
  let server: RunningServer;

  before(async () => {
    const users = UserAdmin.open(basedir, { argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 } });
    await users.add('admin', 'admin-password', { admin: true });
    await users.close();
    server = await startServer(basedir);
  });
  after(async () => {
    await server?.stop();
    rmSync(basedir, { recursive: true, force: true });
  });

  it('logs a browser in with cookies and the CSRF token from the login page, and out again', async () => {
    const jar = new CookieJar();
    const call = async (method: string, path: string, body?: unknown, csrf = true): Promise<Response> => {
      const headers: Record<string, string> = { cookie: jar.header() };
      const token = jar.cookies.get(`csrf_token_P${server.port}`);
      if (csrf && token) headers['x-csrf-token'] = token;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${server.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
      jar.take(response);
      return response;
    };

    const page = await fetch(`${server.baseUrl}/login`, { headers: { accept: 'text/html' } });
    jar.take(page);
    assert.ok(jar.cookies.has(`csrf_token_P${server.port}`), 'the login page sets the CSRF cookie (the web UI must be built: npm run build)');

    const withoutToken = await call('POST', '/api/login', { user: 'admin', pass: 'admin-password' }, false);
    assert.equal(withoutToken.status, 400);
    const login = await call('POST', '/api/login', { user: 'admin', pass: 'admin-password', remember: true });
    assert.equal(login.status, 200);
    const record = (await login.json()) as { name: string; apikey: null; session: string };
    assert.equal(record.name, 'admin');
    assert.equal(record.apikey, null);
    assert.ok(jar.cookies.has(`session_P${server.port}`));
    assert.ok(jar.cookies.has(`remember_token_P${server.port}`));

    const me = (await (await call('GET', '/api/currentuser')).json()) as { name: string; permissions: string[] };
    assert.equal(me.name, 'admin');
    assert.ok(me.permissions.includes('ADMIN'));
    assert.equal((await call('PATCH', '/api/access/users/admin/settings', { theme: 'dark' }, false)).status, 400, 'writes need the token');
    assert.equal((await call('PATCH', '/api/access/users/admin/settings', { theme: 'dark' })).status, 200);
    const created = await call('POST', '/api/access/users', { name: 'bob', password: 'bob-password', active: true });
    assert.equal(created.status, 200);
    const key = await call('POST', '/api/access/users/bob/apikey');
    assert.match(((await key.json()) as { apikey: string }).apikey, /^[0-9A-F]{32}$/);

    const logout = await call('POST', '/api/logout');
    assert.equal(logout.status, 204);
    assert.equal(await logout.text(), '');
    assert.match(jar.cookies.get(`session_P${server.port}`) ?? '', /^guest\./, "the session cookie is a guest's now");
    assert.equal(((await (await call('GET', '/api/currentuser')).json()) as { name: string | null }).name, null);
  });

  it('lets an API-key client do the same calls without cookies or CSRF', async () => {
    const users = UserAdmin.open(basedir);
    const key = await users.generateApiKey('admin');
    await users.close();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const call = (method: string, path: string, body?: unknown, apiKey = key): Promise<Response> =>
      fetch(`${server.baseUrl}${path}`, {
        method,
        headers: { 'x-api-key': apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    const responses: Response[] = [];
    const me = await call('GET', '/api/currentuser');
    responses.push(me);
    assert.equal(((await me.json()) as { name: string }).name, 'admin');
    const passive = await call('POST', '/api/login?passive');
    responses.push(passive);
    assert.equal(passive.status, 200);
    const login = (await passive.json()) as { name: string; session: string; _login_mechanism: string };
    assert.equal(login._login_mechanism, 'apikey');
    assert.equal(typeof login.session, 'string');
    const settings = await call('PATCH', '/api/access/users/admin/settings', { theme: 'light' });
    responses.push(settings);
    assert.equal(settings.status, 200);
    const created = await call('POST', '/api/access/users', { name: 'carol', password: 'carol-password', active: true });
    responses.push(created);
    assert.equal(created.status, 200);
    for (const response of responses) assert.deepEqual(response.headers.getSetCookie(), [], 'no cookies for key clients');

    const wrong = await call('GET', '/api/version', undefined, 'not-the-key');
    assert.equal(wrong.status, 403);
    const wrongWrite = await call('POST', '/api/access/users', { name: 'dave', password: 'dave-password', active: true }, 'not-the-key');
    assert.equal(wrongWrite.status, 400, 'a wrong key is no key: the write fails the CSRF check');
    assert.ok(!server.output().includes(key), 'the key never appears in the server output');
    assert.ok(!server.output().includes('admin-password'));
  });
});
