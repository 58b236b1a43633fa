// OctoPrint's own JS client library replayed (src/octoprint/static/js/app/client/base.js, browser.js, socket.js):
// a browser context without API key — the CSRF header is the raw csrf_token_P<port> cookie value as getCookie reads it
// from document.cookie (getCookieSuffix), sent on every non-GET — the browser login, passive login, the FormData
// upload that must answer JSON, logout; and the SockJS socket (npm sockjs-client) whose frames carry JSON objects.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SockJS from 'sockjs-client';
import { multipart, send, startClientServer, userWithKey } from './client-harness.js';
import type { ClientServer, RawResponse } from './client-harness.js';
import type { SockJsSocket } from '../e2e/push-clients.js';
import { until } from '../support/until.js';

/** A browser's cookie store for one origin: raw values as Set-Cookie gave them; httpOnly ones hidden from scripts. */
class CookieJar {
  private readonly cookies = new Map<string, { value: string; httpOnly: boolean }>();

  take(response: RawResponse): void {
    const lines = response.headers['set-cookie'] ?? [];
    for (const line of lines) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const lower = attributes.map((attribute) => attribute.toLowerCase());
      const expired = lower.some((attribute) => attribute === 'max-age=0' || (attribute.startsWith('expires=') && attribute.includes('1970')));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, { value: pair.slice(at + 1), httpOnly: lower.includes('httponly') });
    }
  }

  /** The Cookie request header. */
  header(): string {
    return [...this.cookies].map(([name, cookie]) => `${name}=${cookie.value}`).join('; ');
  }

  /** `document.cookie`. */
  documentCookie(): string {
    return [...this.cookies].filter(([, cookie]) => !cookie.httpOnly).map(([name, cookie]) => `${name}=${cookie.value}`).join('; ');
  }

  names(): string[] {
    return [...this.cookies.keys()];
  }
}

/** OctoPrintClient's request logic (base.js) in a page served by the instance. */
class OctoPrintClient {
  constructor(
    private readonly options: { baseurl: string; apikey?: string; locale?: string },
    readonly jar = new CookieJar(),
    /** Where requests really go (the proxy strips the prefix) and the headers it adds; default: straight to baseurl. */
    private readonly route: { server: string; proxyHeaders: Record<string, string> } | null = null,
  ) {}

  private target(url: string): { base: string; path: string; headers: Record<string, string> } {
    if (!this.route) return { base: this.options.baseurl.replace(/\/$/, ''), path: `/${url}`, headers: {} };
    return { base: this.route.server, path: `/${url}`, headers: this.route.proxyHeaders };
  }

  /** getCookieSuffix: `_P<port>` (80/443 when the URL has none), plus `_R<path with / as |>` below a path. */
  getCookieSuffix(): string {
    const url = new URL(this.options.baseurl);
    const port = url.port || (url.protocol === 'https:' ? 443 : 80);
    if (url.pathname && url.pathname !== '/') {
      let path = url.pathname;
      if (path.endsWith('/')) path = path.slice(0, -1);
      return `_P${port}_R${path.replace(/\//g, '|')}`;
    }
    return `_P${port}`;
  }

  /** getCookie: exactly the string splitting of base.js over document.cookie. */
  getCookie(name: string): string {
    const full = name + this.getCookieSuffix();
    return (`; ${this.jar.documentCookie()}`.split(`; ${full}=`).pop() ?? '').split(';')[0] ?? '';
  }

  getRequestHeaders(method: string, additional: Record<string, string> = {}, opts: { crossDomain?: boolean } = {}): Record<string, string> {
    const headers = { ...additional };
    if (this.options.apikey) {
      headers['X-Api-Key'] = this.options.apikey;
    } else {
      const csrfToken = this.getCookie('csrf_token');
      if (!/^(GET|HEAD|OPTIONS)$/.test(method) && csrfToken && !opts.crossDomain) headers['X-CSRF-Token'] = csrfToken;
    }
    if (this.options.locale !== undefined) headers['X-Locale'] = this.options.locale;
    return headers;
  }

  /** `$.ajax` from the page: jQuery's headers, the page's cookies, dataType json. */
  async ajax(method: string, url: string, body?: { data: string | Buffer; contentType: string }, opts: { crossDomain?: boolean } = {}): Promise<RawResponse> {
    const headers: Record<string, string> = {
      Accept: 'application/json, text/javascript, */*; q=0.01',
      'X-Requested-With': 'XMLHttpRequest',
      ...this.getRequestHeaders(method, method === 'GET' ? {} : { 'Cache-Control': 'no-cache' }, opts),
    };
    if (body) headers['Content-Type'] = body.contentType;
    const cookie = this.jar.header();
    if (cookie) headers.Cookie = cookie;
    const target = this.target(url);
    const response = await send(target.base, method, target.path, { headers: { ...headers, ...target.headers }, body: body?.data });
    this.jar.take(response);
    return response;
  }

  get(url: string): Promise<RawResponse> {
    return this.ajax('GET', url);
  }

  /** postJson: JSON.stringify with undefined → null, contentType "application/json; charset=UTF-8". */
  postJson(url: string, data: unknown, opts: { crossDomain?: boolean } = {}): Promise<RawResponse> {
    return this.ajax('POST', url, { data: JSON.stringify(data, (_key, value: unknown) => (value === undefined ? null : value)), contentType: 'application/json; charset=UTF-8' }, opts);
  }

  /** upload: FormData with `file` and the additional fields, headers from getRequestHeaders("POST"). */
  async upload(url: string, filename: string, content: string, additional: Record<string, string>): Promise<{ success: boolean; json: unknown; response: RawResponse }> {
    const boundary = '----WebKitFormBoundaryArgonautReplay1';
    const parts = [
      { headers: [`Content-Disposition: form-data; name="file"; filename="${filename}"`, 'Content-Type: application/octet-stream'], body: content },
      ...Object.entries(additional).map(([name, value]) => ({ headers: [`Content-Disposition: form-data; name="${name}"`], body: value })),
    ];
    const headers: Record<string, string> = { ...this.getRequestHeaders('POST'), 'Content-Type': `multipart/form-data; boundary=${boundary}` };
    const cookie = this.jar.header();
    if (cookie) headers.Cookie = cookie;
    const target = this.target(url);
    const response = await send(target.base, 'POST', target.path, { headers: { ...headers, ...target.headers }, body: multipart(boundary, parts) });
    this.jar.take(response);
    // A response that is not JSON counts as a failure, even with a 2xx status.
    let success = (response.status >= 200 && response.status < 300) || response.status === 304;
    let json: unknown;
    try {
      json = JSON.parse(response.text);
    } catch {
      success = false;
    }
    return { success, json, response };
  }
}

/** socket.js: SockJS at <baseurl>sockjs; onMessage does `_.each(msg.data, (data, key) => propagate(key, data))`. */
class OctoPrintSocketClient {
  readonly propagated: Array<{ event: string; data: unknown }> = [];
  readonly nonObjectFrames: unknown[] = [];
  closed: { code: number; reason: string } | null = null;
  private socket: SockJsSocket | undefined;

  constructor(private readonly baseurl: string) {}

  connect(onConnected: () => void): void {
    let url = this.baseurl;
    if (!url.endsWith('/')) url += '/';
    this.socket = new SockJS(`${url}sockjs`, undefined, { timeout: 10_000 }) as unknown as SockJsSocket;
    this.socket.onopen = onConnected;
    this.socket.onclose = (event) => {
      this.closed = { code: event.code, reason: event.reason };
    };
    this.socket.onmessage = (msg) => {
      if (typeof msg.data !== 'object' || msg.data === null) {
        this.nonObjectFrames.push(msg.data);
        return;
      }
      for (const [key, data] of Object.entries(msg.data)) this.propagated.push({ event: key, data });
    };
  }

  sendMessage(type: string, payload: unknown): void {
    this.socket?.send(JSON.stringify({ [type]: payload }));
  }

  sendAuth(userId: string, session: string): void {
    this.sendMessage('auth', `${userId}:${session}`);
  }

  of(event: string): unknown[] {
    return this.propagated.filter((message) => message.event === event).map((message) => message.data);
  }

  async disconnect(): Promise<void> {
    if (!this.socket || this.closed) return;
    this.socket.close();
    await until(() => this.closed !== null, 'the socket to close', 5000);
  }
}

describe("OctoPrint's JS client library replayed against the real server", () => {
  let server: ClientServer;
  let client: OctoPrintClient;
  let socket: OctoPrintSocketClient | undefined;

  before(async () => {
    server = await startClientServer();
    await userWithKey(server.t, 'admin', ['admins', 'users']);
    client = new OctoPrintClient({ baseurl: `${server.base}/`, locale: 'en' });
  });
  after(async () => {
    await socket?.disconnect();
    await server.close();
  });

  it('the page sets csrf_token_P<port>, which getCookie finds through getCookieSuffix', async () => {
    assert.equal(client.getCookieSuffix(), `_P${server.port}`);
    const page = await client.get('');
    assert.ok(page.status === 200 || page.status === 302, `GET / answered ${page.status}`);
    assert.ok(client.jar.names().includes(`csrf_token_P${server.port}`), `cookies: ${client.jar.names().join(', ')}`);
    assert.ok(client.getCookie('csrf_token').length > 0, 'the token is readable by scripts (not httpOnly)');
    assert.equal(Object.keys(client.getRequestHeaders('GET')).includes('X-CSRF-Token'), false, 'never on GET');
    assert.equal(client.getRequestHeaders('POST')['X-CSRF-Token'], client.getCookie('csrf_token'));
  });

  it('browser.login with the CSRF header logs in; without it (crossDomain) it is 400 CSRF validation failed', async () => {
    const refused = await client.postJson('api/login', { user: 'admin', pass: 'admin-password', remember: false }, { crossDomain: true });
    assert.equal(refused.status, 400);
    assert.equal(refused.json<{ error: string }>().error, 'CSRF validation failed');

    const login = await client.postJson('api/login', { user: 'admin', pass: 'admin-password', remember: false });
    assert.equal(login.status, 200, login.text);
    const user = login.json<{ name: string; session: string; groups: string[]; permissions: string[]; _login_mechanism: string }>();
    assert.equal(user.name, 'admin');
    assert.equal(typeof user.session, 'string');
    assert.ok(user.groups.includes('admins'), 'groups as keys');
    assert.equal(user._login_mechanism, 'password');

    const me = await client.get('api/currentuser');
    assert.equal(me.json<{ name: string }>().name, 'admin', 'the session cookie carries the login');
  });

  it('cookie-authenticated writes carry the (renewed) CSRF token; without it they are refused', async () => {
    const saved = await client.postJson('api/settings', { appearance: { name: 'JS client' } });
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.json<{ appearance: { name: string } }>().appearance.name, 'JS client');
    const forged = await client.postJson('api/settings', { appearance: { name: 'forged' } }, { crossDomain: true });
    assert.equal(forged.status, 400);
  });

  it('the socket: SockJS frames carry JSON objects; connected → passiveLogin → sendAuth → history; throttle; events', { timeout: 20_000 }, async () => {
    socket = new OctoPrintSocketClient(`${server.base}/`);
    const opened = new Promise<void>((resolve) => socket?.connect(() => resolve()));
    await opened;
    await until(() => (socket?.of('connected').length ?? 0) > 0, 'connected', 10_000);
    const connected = socket.of('connected')[0] as { version: string; permissions: unknown[] };
    assert.equal(typeof connected.version, 'string');

    // The UI answers "connected" with a passive login over the cookie session, then authenticates the socket.
    const passive = await client.postJson('api/login', { passive: true });
    assert.equal(passive.status, 200, passive.text);
    const { name, session } = passive.json<{ name: string; session: string }>();
    assert.equal(name, 'admin');
    socket.sendAuth(name, session);
    await until(() => (socket?.of('history').length ?? 0) > 0, 'history', 10_000);
    socket.sendMessage('throttle', 2);

    const upload = await client.upload('api/files/local', 'js-client.gcode', 'G28\nG1 X10 Y10\n', { path: 'web' });
    assert.equal(upload.response.status, 201, upload.response.text);
    assert.ok(upload.success, 'a JSON answer');
    assert.equal((upload.json as { files: { local: { path: string } } }).files.local.path, 'web/js-client.gcode');
    await until(() => socket?.of('event').some((event) => (event as { type: string }).type === 'Upload') ?? false, 'the upload event', 10_000);
    assert.deepEqual(socket.nonObjectFrames, [], 'no message arrives as a string');
    assert.ok(!socket.of('reauthRequired').length, 'the session was accepted');
  });

  it('browser.logout: a success for jQuery, the session ends and the socket is told to re-authenticate', { timeout: 15_000 }, async () => {
    const logout = await client.postJson('api/logout', {});
    assert.ok(logout.status >= 200 && logout.status < 300, `logout answered ${logout.status}`);
    if (logout.status !== 204) assert.doesNotThrow(() => JSON.parse(logout.text), 'dataType json needs JSON unless 204');
    assert.equal((await client.get('api/currentuser')).json<{ name: unknown }>().name, null);
    assert.ok(socket, 'the socket from the previous test');
    await until(() => (socket?.of('reauthRequired').length ?? 0) > 0, 'reauthRequired', 10_000);
    assert.deepEqual(socket.of('reauthRequired')[0], { reason: 'logout' });
  });

  it('with options.apikey it sends X-Api-Key and no CSRF header, and needs no cookies', async () => {
    const apikey = await server.t.app.access.accounts.generateApiKey('admin');
    const keyed = new OctoPrintClient({ baseurl: `${server.base}/`, apikey });
    assert.deepEqual(Object.keys(keyed.getRequestHeaders('POST')), ['X-Api-Key']);
    const command = await keyed.postJson('api/files/local/web/js-client.gcode', { command: 'copy', destination: 'web/copy.gcode' });
    assert.equal(command.status, 201, command.text);
  });

  it('behind a reverse proxy at /octoprint/ on port 8080: the cookie is csrf_token_P8080_R|octoprint and login works', async () => {
    // nginx with proxy_set_header Host, X-Script-Name and X-Forwarded-Port, stripping the prefix.
    const proxied = new OctoPrintClient({ baseurl: 'http://printer.example:8080/octoprint/' }, new CookieJar(), {
      server: server.base,
      proxyHeaders: { Host: 'printer.example:8080', 'X-Script-Name': '/octoprint', 'X-Forwarded-Port': '8080', 'X-Scheme': 'http' },
    });
    assert.equal(proxied.getCookieSuffix(), '_P8080_R|octoprint');
    await proxied.get('');
    assert.ok(proxied.jar.names().includes('csrf_token_P8080_R|octoprint'), `cookies: ${proxied.jar.names().join(', ')}`);
    const login = await proxied.postJson('api/login', { user: 'admin', pass: 'admin-password', remember: false });
    assert.equal(login.status, 200, login.text);
    const upload = await proxied.upload('api/files/local', 'proxied.gcode', 'G28\n', {});
    assert.ok(upload.success, upload.response.text);
    assert.equal((upload.json as { files: { local: { refs: { resource: string } } } }).files.local.refs.resource, 'http://printer.example:8080/octoprint/api/files/local/proxied.gcode');
  });
});
