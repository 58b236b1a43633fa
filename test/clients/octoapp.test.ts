// OctoApp replayed (de.crysxd.octoapp.octoprint: Retrofit APIs based at <web>/api/, ApiKeyInterceptor,
// GenerateExceptionInterceptor, EventWebSocket): the GET / probe, passive login with `?passive` and an empty body,
// currentuser's guests check, the settings fields parsed as non-null, files with Retrofit's %2F-encoded paths,
// 409 as "printer not operational" everywhere, printer/job/system commands, and the raw socket with ping frames.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { decideAppKeyRequest, getFollowing, multipart, send, slowPrint, startClientServer, userWithKey } from './client-harness.js';
import type { ClientServer, RawResponse } from './client-harness.js';
import { until } from '../support/until.js';

/** OkHttp's own headers plus the API key interceptor. */
function okHttpHeaders(apiKey: string | null): Record<string, string> {
  return { 'User-Agent': 'okhttp/4.12.0 OctoApp/1.18', 'Accept-Encoding': 'gzip', Connection: 'Keep-Alive', ...(apiKey ? { 'X-Api-Key': apiKey } : {}) };
}

/** A Retrofit call: a JSON body (Gson) or, for a POST without @Body, an empty one with no content type. */
async function retrofit(server: ClientServer, method: string, path: string, apiKey: string | null, body?: unknown): Promise<RawResponse> {
  const headers = okHttpHeaders(apiKey);
  if (body !== undefined) headers['Content-Type'] = 'application/json; charset=UTF-8';
  return send(server.base, method, path, { headers, body: body === undefined ? (method === 'POST' ? '' : undefined) : JSON.stringify(body) });
}

/** Retrofit `@Path("path")` encodes every `/` of the file path as %2F (and spaces as %20). */
function pathSegment(path: string): string {
  return encodeURIComponent(path);
}

/** GenerateExceptionInterceptor: what the app makes of a status. */
function outcome(status: number): string {
  if (status === 409) return 'PrinterNotOperationalException';
  if (status === 413) return 'too large';
  if (status >= 501 && status <= 599) return 'OctoPrint booting';
  if (status === 403) return 'invalid key or missing permission';
  return status >= 200 && status < 300 ? 'ok' : `error ${status}`;
}

describe('OctoApp replayed against the real server', () => {
  let server: ClientServer;
  let apiKey = '';
  let adminKey: string;

  before(async () => {
    server = await startClientServer();
    adminKey = await userWithKey(server.t, 'owner', ['admins', 'users']);
    await server.t.app.config.set('system.actions', [{ action: 'lights', name: 'Lights on', command: `touch ${join(server.t.basedir, 'lights-on')}` }]);
    await server.t.app.config.set('server.commands.serverRestartCommand', `touch ${join(server.t.basedir, 'restarted')}`);
    // Someone put a file into a folder (OctoApp's 2021 API has no upload).
    const boundary = 'octoapp-setup';
    const upload = await send(server.base, 'POST', '/api/files/local', {
      headers: { 'X-Api-Key': adminKey, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body: multipart(boundary, [
        { headers: ['Content-Disposition: form-data; name="path"'], body: 'prints/benchy' },
        { headers: ['Content-Disposition: form-data; name="file"; filename="Benchy Test.gcode"'], body: slowPrint(8) },
      ]),
    });
    assert.equal(upload.status, 201, upload.text);
  });
  after(() => server.close());

  it('sign-in: GET / is 2xx after redirects, app keys give the key', { timeout: 15_000 }, async () => {
    const { response, chain } = await getFollowing(server.base, '/', okHttpHeaders(null));
    assert.ok(response.status >= 200 && response.status < 300, `GET / ended with ${chain.join(' → ')}`);

    assert.equal((await retrofit(server, 'GET', '/plugin/appkeys/probe', null)).status, 204);
    const request = await retrofit(server, 'POST', '/plugin/appkeys/request', null, { app: 'OctoApp' });
    assert.equal(request.status, 201);
    const token = request.json<{ app_token: string }>().app_token;
    assert.equal((await retrofit(server, 'GET', `/plugin/appkeys/request/${token}`, null)).status, 202);
    await decideAppKeyRequest(server.t, 'owner', 'OctoApp', true);
    const granted = await retrofit(server, 'GET', `/plugin/appkeys/request/${token}`, null);
    assert.equal(granted.status, 200);
    apiKey = granted.json<{ api_key: string }>().api_key;
    assert.ok(apiKey.length > 0, 'a key');
  });

  it('version, passive login with ?passive and no body, currentuser without guests; a bad key is a guest', async () => {
    assert.ok(apiKey, 'needs the key from the sign-in test');
    const version = await retrofit(server, 'GET', '/api/version', apiKey);
    assert.equal(version.status, 200);
    assert.match(version.json<{ text: string }>().text, /^OctoPrint/);

    const login = await retrofit(server, 'POST', '/api/login?passive', apiKey);
    assert.equal(login.status, 200, login.text);
    const body = login.json<{ name: string; session: string }>();
    assert.equal(body.name, 'owner');
    assert.equal(typeof body.session, 'string');

    const me = (await retrofit(server, 'GET', '/api/currentuser', apiKey)).json<{ name: string; groups: string[]; permissions: string[] }>();
    assert.equal(me.name, 'owner');
    assert.ok(!me.groups.includes('guests'), 'User.isGuest is false');
    assert.ok(me.permissions.includes('STATUS'), 'permissions as keys');

    // On a 403 OctoApp asks currentuser: "guests" means the key is invalid.
    const refused = await retrofit(server, 'GET', '/api/printer', 'revoked-key');
    assert.equal(outcome(refused.status), 'invalid key or missing permission');
    const guest = (await retrofit(server, 'GET', '/api/currentuser', 'revoked-key')).json<{ groups: string[] }>();
    assert.ok(guest.groups.includes('guests'), 'an invalid key reads as a guest');
  });

  it('settings: the non-null fields it parses, and plugins.discovery.upnpUuid', async () => {
    assert.ok(apiKey, 'needs the key from the sign-in test');
    const settings = await retrofit(server, 'GET', '/api/settings', apiKey);
    assert.equal(settings.status, 200);
    const body = settings.json<{
      webcam: Record<string, unknown>;
      plugins: Record<string, Record<string, unknown>>;
      temperature: { profiles: Array<Record<string, unknown>> };
      terminalFilters: Array<Record<string, unknown>>;
      appearance: { name: unknown; color: unknown };
    }>();
    assert.equal(typeof body.webcam, 'object');
    assert.equal(typeof body.plugins, 'object');
    assert.ok(body.temperature.profiles.length > 0, 'temperature presets');
    for (const profile of body.temperature.profiles) {
      assert.equal(typeof profile.name, 'string');
      assert.equal(typeof profile.bed, 'number');
      assert.equal(typeof profile.extruder, 'number');
      assert.ok('chamber' in profile, 'profile.chamber');
    }
    for (const filter of body.terminalFilters) {
      assert.equal(typeof filter.name, 'string');
      assert.doesNotThrow(() => new RegExp(String(filter.regex)));
    }
    assert.equal(typeof body.appearance.name, 'string');
    assert.equal(typeof body.appearance.color, 'string');
    assert.equal(body.plugins.discovery?.upnpUuid, server.t.app.config.config.plugins.discovery.upnpUuid);
    const info = await retrofit(server, 'GET', '/api/system/info', apiKey);
    assert.equal(info.status, 200);
  });

  it('409 means "printer not operational" on every printer endpoint while disconnected', async () => {
    assert.ok(apiKey, 'needs the key from the sign-in test');
    const calls: Array<[string, string, unknown]> = [
      ['GET', '/api/printer', undefined],
      ['POST', '/api/printer/tool', { command: 'target', targets: { tool0: 200 } }],
      ['POST', '/api/printer/bed', { command: 'target', target: 60 }],
      ['POST', '/api/printer/command', { commands: ['M117 hello'] }],
      ['POST', '/api/job', { command: 'pause', action: 'pause' }],
    ];
    for (const [method, path, body] of calls) {
      assert.equal(outcome((await retrofit(server, method, path, apiKey, body)).status), 'PrinterNotOperationalException', `${method} ${path}`);
    }
    assert.equal((await retrofit(server, 'GET', '/api/job', apiKey)).status, 200, 'the job endpoint answers offline too');
  });

  it('connection: profiles, options, connect with port, baud rate and profile', { timeout: 20_000 }, async () => {
    assert.ok(apiKey, 'needs the key from the sign-in test');
    assert.equal((await retrofit(server, 'GET', '/api/printerprofiles', apiKey)).status, 200);
    const options = (await retrofit(server, 'GET', '/api/connection', apiKey)).json<{ options: { ports: string[]; baudrates: number[]; printerProfiles: Array<{ id: string }> } }>().options;
    assert.ok(options.ports.includes('VIRTUAL'), 'the virtual port is offered');
    const connect = await retrofit(server, 'POST', '/api/connection', apiKey, { command: 'connect', port: options.ports[0], baudrate: options.baudrates[0], printerProfile: options.printerProfiles[0]?.id, save: false, autoconnect: false });
    assert.equal(connect.status, 204, connect.text);
    await until(async () => (await retrofit(server, 'GET', '/api/printer', apiKey)).status === 200, 'operational', 15_000);
  });

  it('the socket: raw websocket, auth with the passive session, history and current; ping frames are answered', { timeout: 15_000 }, async () => {
    assert.ok(apiKey, 'needs the key from the sign-in test');
    const login = (await retrofit(server, 'POST', '/api/login?passive', apiKey)).json<{ name: string; session: string }>();
    const socket = new WebSocket(`${server.base.replace(/^http/, 'ws')}/sockjs/websocket`, { headers: okHttpHeaders(apiKey) });
    const received: Array<Record<string, unknown>> = [];
    socket.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      socket.send(JSON.stringify({ auth: `${login.name}:${login.session}` }));
      await until(() => received.some((m) => 'history' in m) && received.some((m) => 'current' in m), 'history and current', 10_000);
      assert.ok('connected' in (received[0] ?? {}), 'connected comes first');
      assert.ok(!received.some((m) => 'reauthRequired' in m), 'the session is accepted');
      const pong = new Promise<void>((resolve) => socket.once('pong', () => resolve()));
      socket.ping();
      await Promise.race([pong, new Promise((_, reject) => setTimeout(() => reject(new Error('no pong within 3 s')), 3000))]);
    } finally {
      socket.close();
    }
  });

  it('files: recursive listing, the %2F-encoded file path, select with print, job and printer commands', { timeout: 30_000 }, async () => {
    assert.ok(apiKey, 'needs the key from the sign-in test');
    type Entry = { name: string; path: string; display: string; type: string; origin: string; refs: { resource: string; download?: string }; children?: Entry[] };
    const listing = await retrofit(server, 'GET', '/api/files/local?recursive=true', apiKey);
    assert.equal(listing.status, 200);
    const list = listing.json<{ files: Entry[]; free: unknown; total: unknown }>();
    assert.equal(typeof list.free, 'number');
    assert.equal(typeof list.total, 'number');
    const benchy = list.files.find((f) => f.name === 'prints')?.children?.find((f) => f.name === 'benchy')?.children?.find((f) => f.display === 'Benchy Test.gcode');
    assert.ok(benchy, 'the file two folders down');
    assert.equal(benchy.origin, 'local');

    const filePath = `/api/files/local/${pathSegment(benchy.path)}`;
    assert.ok(filePath.includes('%2F'), filePath);
    const file = await retrofit(server, 'GET', filePath, apiKey);
    assert.equal(file.status, 200, file.text);
    assert.equal(file.json<Entry>().path, benchy.path);
    const download = await send(server.base, 'GET', new URL(String(benchy.refs.download)).pathname, { headers: okHttpHeaders(apiKey) });
    assert.equal(download.status, 200);
    assert.equal(download.text, slowPrint(8));

    const select = await retrofit(server, 'POST', filePath, apiKey, { command: 'select', print: true });
    assert.equal(select.status, 204, select.text);
    const jobState = async () => (await retrofit(server, 'GET', '/api/job', apiKey)).json<{ state: string; job: { file: { path: string } } }>();
    await until(async () => (await jobState()).state === 'Printing', 'printing');
    assert.equal((await jobState()).job.file.path, benchy.path);

    assert.equal((await retrofit(server, 'POST', '/api/printer/tool', apiKey, { command: 'target', targets: { tool0: 205 } })).status, 204);
    assert.equal((await retrofit(server, 'POST', '/api/printer/bed', apiKey, { command: 'target', target: 55 })).status, 204);
    assert.equal((await retrofit(server, 'POST', '/api/printer/command', apiKey, { commands: ['M117 OctoApp'] })).status, 204);
    assert.equal((await retrofit(server, 'POST', '/api/job', apiKey, { command: 'pause', action: 'pause' })).status, 204);
    await until(async () => (await jobState()).state === 'Paused', 'paused');
    // While paused the printhead can be jogged and homed.
    assert.equal((await retrofit(server, 'POST', '/api/printer/printhead', apiKey, { command: 'jog', x: 1, y: 0, z: 0, speed: 3000 })).status, 204);
    assert.equal((await retrofit(server, 'POST', '/api/job', apiKey, { command: 'pause', action: 'resume' })).status, 204);
    await until(async () => (await jobState()).state === 'Printing', 'printing again');
    assert.equal((await retrofit(server, 'POST', '/api/job', apiKey, { command: 'cancel' })).status, 204);
    await until(async () => (await jobState()).state === 'Operational', 'operational', 15_000);
    assert.equal((await retrofit(server, 'POST', '/api/printer/printhead', apiKey, { command: 'home', axes: ['x', 'y', 'z'] })).status, 204);
  });

  it('system commands: listed, then run with a POST without a body (custom and core)', async () => {
    assert.ok(apiKey, 'needs the key from the sign-in test');
    const commands = (await retrofit(server, 'GET', '/api/system/commands', apiKey)).json<{ core: Array<{ action: string; source: string }>; custom: Array<{ action: string; source: string; name: string }> }>();
    const lights = commands.custom.find((command) => command.action === 'lights');
    assert.equal(lights?.name, 'Lights on');
    const restart = commands.core.find((command) => command.action === 'restart');
    assert.ok(restart, 'restart is listed');
    for (const command of [lights, restart]) {
      const ran = await retrofit(server, 'POST', `/api/system/commands/${command.source}/${command.action}`, apiKey);
      assert.equal(ran.status, 204, `${command.action}: ${ran.text}`);
    }
    await until(() => existsSync(join(server.t.basedir, 'lights-on')) && existsSync(join(server.t.basedir, 'restarted')), 'both commands to run', 5000);
  });
});
