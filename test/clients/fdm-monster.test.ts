// FDM Monster replayed (fdm-monster src/services/octoprint/octoprint.client.ts, octoprint-api.routes.ts,
// octoprint-websocket.adapter.ts): axios with X-Api-Key; passive login with its red-flag checks (`_api`, a first group
// of `guests`), currentuser for the socket user, the raw WebSocket with `auth` then `throttle`, the REST fallback poll
// (409 gives a synthetic offline state from `error`), files with form-data, the printer, job and system calls.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { multipart, send, slowPrint, startClientServer, userWithKey } from './client-harness.js';
import type { ClientServer, Part, RawResponse } from './client-harness.js';
import { until } from '../support/until.js';

/** What axios sends (OctoprintHttpClientBuilder adds the key). */
function axiosHeaders(apiKey: string, contentType: string | null): Record<string, string> {
  return {
    Accept: 'application/json, text/plain, */*',
    ...(contentType ? { 'Content-Type': contentType } : {}),
    'User-Agent': 'axios/1.7.9',
    'Accept-Encoding': 'gzip, compress, deflate, br',
    'X-Api-Key': apiKey,
  };
}

/** axios: JSON bodies; GET redirects followed (follow-redirects keeps the method for 307/308). */
async function axios(server: ClientServer, method: string, path: string, apiKey: string, data?: unknown): Promise<RawResponse> {
  let current = path;
  for (let hop = 0; hop < 5; hop += 1) {
    const response = await send(server.base, method, current, { headers: axiosHeaders(apiKey, data === undefined ? null : 'application/json'), body: data === undefined ? undefined : JSON.stringify(data) });
    if (![301, 302, 307, 308].includes(response.status) || !response.headers.location) return response;
    const next = new URL(response.headers.location, `${server.base}${current}`);
    current = `${next.pathname}${next.search}`;
  }
  throw new Error(`too many redirects from ${path}`);
}

/** The npm form-data package: `--------------------------<24 digits>`, parts with CRLF, an explicit Content-Length. */
function formData(fields: Array<{ name: string; value: string } | { name: string; filename: string; content: string | Buffer }>): { body: Buffer; contentType: string } {
  const boundary = `--------------------------${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`;
  const parts: Part[] = fields.map((field) =>
    'filename' in field
      ? { headers: [`Content-Disposition: form-data; name="${field.name}"; filename="${field.filename}"`, 'Content-Type: application/octet-stream'], body: field.content }
      : { headers: [`Content-Disposition: form-data; name="${field.name}"`], body: field.value },
  );
  return { body: multipart(boundary, parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

interface SocketLog {
  messages: Array<{ name: string; payload: unknown }>;
  closed: boolean;
}

/** WebsocketAdapter.open + afterOpened: raw socket at <base>/sockjs/websocket; on open `auth`, then `throttle`. */
async function openSocket(server: ClientServer, user: string, session: string, throttle: number): Promise<{ socket: WebSocket; log: SocketLog }> {
  const socket = new WebSocket(`${server.base.replace(/^http/, 'ws')}/sockjs/websocket`);
  const log: SocketLog = { messages: [], closed: false };
  socket.on('message', (data) => {
    // onMessage: the first key is the message name, its value the payload.
    const parsed = JSON.parse(String(data)) as Record<string, unknown>;
    const keys = Object.keys(parsed);
    assert.equal(keys.length, 1, `one message per frame: ${String(data).slice(0, 120)}`);
    const name = keys[0] ?? '';
    log.messages.push({ name, payload: parsed[name] });
  });
  socket.on('close', () => {
    log.closed = true;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ auth: `${user}:${session}` }));
  socket.send(JSON.stringify({ throttle }));
  return { socket, log };
}

function named<T = Record<string, unknown>>(log: SocketLog, name: string): T[] {
  return log.messages.filter((message) => message.name === name).map((message) => message.payload as T);
}

function events(log: SocketLog): string[] {
  return named<{ type: string }>(log, 'event').map((event) => event.type);
}

describe('FDM Monster replayed against the real server', () => {
  let server: ClientServer;
  let apiKey: string;
  let socket: WebSocket | undefined;
  let log: SocketLog = { messages: [], closed: false };

  before(async () => {
    server = await startClientServer();
    apiKey = await userWithKey(server.t, 'farm', ['admins', 'users']);
    await server.t.app.config.set('server.commands.serverRestartCommand', `touch ${join(server.t.basedir, 'ran-restart')}`);
  });
  after(async () => {
    socket?.close();
    await server.close();
  });

  /** setupSocketSession: passive login with its checks, then currentuser for the name. */
  const socketSession = async (key: string): Promise<{ name: string; session: string }> => {
    const login = await axios(server, 'POST', '/api/login', key, { passive: true });
    assert.equal(login.status, 200, login.text);
    const body = login.json<{ name?: string; session?: string; needs?: { group?: string[] } }>();
    assert.notEqual(body.name, '_api', '"Global API Key detected, aborting socket connection"');
    assert.notEqual(body.needs?.group?.[0], 'guests', '"Guest group detected, authentication failed"');
    assert.ok(typeof body.session === 'string' && body.session.length > 0, 'sendAuth needs the session');
    const current = await axios(server, 'GET', '/api/currentuser', key);
    assert.equal(current.status, 200);
    const name = current.json<{ name: string }>().name;
    return { name, session: body.session };
  };

  it('adding the printer: version, server, passive login without red flags, currentuser', async () => {
    const version = await axios(server, 'GET', '/api/version', apiKey);
    assert.equal(version.status, 200);
    assert.equal(typeof version.json<{ server: unknown }>().server, 'string');
    const info = await axios(server, 'GET', '/api/server', apiKey);
    assert.equal(info.status, 200);
    assert.equal(typeof info.json<{ version: unknown }>().version, 'string');
    const { name } = await socketSession(apiKey);
    assert.equal(name, 'farm');
  });

  it('a wrong key never logs in: no session, so the socket is aborted (403 is authFail; OctoPrint answers 400 CSRF)', async () => {
    const login = await axios(server, 'POST', '/api/login', 'wrong-key', { passive: true });
    assert.ok(login.status === 400 || login.status === 403, `status ${login.status}`);
    assert.equal(typeof login.json<{ error: unknown }>().error, 'string');
    // A global api.key in config.yaml is not honoured, so FDM Monster never meets the `_api` user.
    await server.t.app.config.set('api.key', 'GLOBALKEY0123456789');
    const global = await axios(server, 'POST', '/api/login', 'GLOBALKEY0123456789', { passive: true });
    assert.notEqual(global.status, 200);
    assert.notEqual((await axios(server, 'GET', '/api/currentuser', 'GLOBALKEY0123456789')).json<{ name: unknown }>().name, '_api');
  });

  it('the fallback poll while disconnected: printer?history=true is 409 with an error text', async () => {
    const printer = await axios(server, 'GET', '/api/printer?history=true', apiKey);
    assert.equal(printer.status, 409);
    assert.equal(typeof printer.json<{ error: unknown }>().error, 'string', 'the synthetic offline state shows response.data.error');
  });

  it('the socket: auth then throttle; connected, history and throttled current; reauthRequired is answered by a new passive login', { timeout: 20_000 }, async () => {
    const { name, session } = await socketSession(apiKey);
    ({ socket, log } = await openSocket(server, name, session, 2));
    await until(() => named(log, 'connected').length > 0 && named(log, 'history').length > 0, 'connected and history', 10_000);
    assert.equal(log.messages[0]?.name, 'connected');
    const history = named<{ state: { text: string; flags: Record<string, boolean> } }>(log, 'history')[0];
    assert.equal(typeof history?.state.text, 'string');

    // A session the server does not know: reauthRequired; FDM Monster logs in passively again and re-sends auth.
    socket.send(JSON.stringify({ auth: `${name}:not-a-session` }));
    await until(() => named(log, 'reauthRequired').length > 0, 'reauthRequired', 5000);
    const fresh = await socketSession(apiKey);
    const historiesBefore = named(log, 'history').length;
    socket.send(JSON.stringify({ auth: `${fresh.name}:${fresh.session}` }));
    await until(() => named(log, 'history').length > historiesBefore, 'history after re-auth', 5000);
    assert.equal(log.closed, false);
  });

  it('connect, then the REST reads: printer with history/limit/exclude, job when operational, connection, profiles, settings, users', { timeout: 20_000 }, async () => {
    assert.equal((await axios(server, 'POST', '/api/connection', apiKey, { command: 'connect' })).status, 204);
    await until(async () => {
      const printer = await axios(server, 'GET', '/api/printer?history=true', apiKey);
      return printer.status === 200 && printer.json<{ state: { flags: { operational: boolean } } }>().state.flags.operational;
    }, 'operational', 15_000);
    const printer = await axios(server, 'GET', '/api/printer?history=true&limit=5&exclude=sd', apiKey);
    assert.equal(printer.status, 200);
    const state = printer.json<{ temperature: { history?: unknown[] }; sd?: unknown; state: { text: string } }>();
    assert.ok(Array.isArray(state.temperature.history), 'temperature.history with history=true');
    assert.ok((state.temperature.history?.length ?? 0) <= 5, 'limit=5');
    assert.ok(!('sd' in state), 'exclude=sd');
    const job = await axios(server, 'GET', '/api/job', apiKey);
    assert.equal(job.status, 200);
    assert.equal(job.json<{ state: string }>().state, 'Operational');

    const connection = await axios(server, 'GET', '/api/connection', apiKey);
    assert.equal(connection.json<{ current: { state: string; port: string } }>().current.port, 'VIRTUAL');
    assert.equal((await axios(server, 'GET', '/api/printerprofiles', apiKey)).status, 200);

    const renamed = await axios(server, 'POST', '/api/settings', apiKey, { appearance: { name: 'Farm printer 1' } });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal((await axios(server, 'GET', '/api/settings', apiKey)).json<{ appearance: { name: string } }>().appearance.name, 'Farm printer 1');

    // The deprecated /api/users answers with a 307 to /api/access/users, which axios follows.
    const redirect = await send(server.base, 'GET', '/api/users', { headers: axiosHeaders(apiKey, null) });
    assert.equal(redirect.status, 307);
    const users = await axios(server, 'GET', '/api/users', apiKey);
    assert.equal(users.status, 200);
    assert.ok(users.json<{ users: Array<{ name: string }> }>().users.some((user) => user.name === 'farm'), 'the user list');
  });

  it('printhead jog (x, y and z always sent), home, a custom command and the bed target: 204 each', async () => {
    const received = async () => (await server.t.app.printer.virtualRecord()).received;
    const first = await received();
    assert.ok(first, 'the virtual printer is connected');
    const before = first.length;
    assert.equal((await axios(server, 'POST', '/api/printer/printhead', apiKey, { command: 'jog', x: 10, y: 0, z: 0 })).status, 204);
    assert.equal((await axios(server, 'POST', '/api/printer/printhead', apiKey, { command: 'home', axes: ['x', 'y'] })).status, 204);
    assert.equal((await axios(server, 'POST', '/api/printer/command', apiKey, { command: 'M117 FDM Monster' })).status, 204);
    assert.equal((await axios(server, 'POST', '/api/printer/bed', apiKey, { command: 'target', target: 50 })).status, 204);
    await until(async () => ((await received()) ?? []).slice(before).some((command) => command.startsWith('M140')), 'the commands to reach the printer', 5000);
    const sent = ((await received()) ?? []).slice(before);
    assert.ok(sent.some((command) => command.startsWith('G28')), `home sent: ${sent.join(', ')}`);
    assert.ok(sent.includes('M117 FDM Monster'), 'the custom command');
  });

  it('files: folder by form-data, upload with Content-Length, listings, file record, download (whole and Range), move, select with print, delete', { timeout: 30_000 }, async () => {
    const folder = formData([{ name: 'path', value: '' }, { name: 'foldername', value: 'farm' }]);
    const created = await send(server.base, 'POST', '/api/files/local', { headers: axiosHeaders(apiKey, folder.contentType), body: folder.body });
    assert.equal(created.status, 201, created.text);

    const gcode = slowPrint(6);
    const upload = formData([{ name: 'file', filename: 'farm-part.gcode', content: gcode }]);
    const uploaded = await send(server.base, 'POST', '/api/files/local', { headers: axiosHeaders(apiKey, upload.contentType), body: upload.body });
    assert.equal(uploaded.status, 201, uploaded.text);

    const moved = await axios(server, 'POST', '/api/files/local/farm-part.gcode', apiKey, { command: 'move', destination: 'farm' });
    assert.equal(moved.status, 201, moved.text);
    assert.equal(moved.json<{ path: string }>().path, 'farm/farm-part.gcode');

    type Entry = { name: string; path: string; size?: number; date?: number; type: string; children?: Entry[] };
    const flat = await axios(server, 'GET', '/api/files/local?recursive=false', apiKey);
    const top = flat.json<{ files: Entry[] }>().files;
    const farm = top.find((entry) => entry.name === 'farm');
    assert.equal(farm?.type, 'folder');
    const deep = (await axios(server, 'GET', '/api/files/local?recursive=true', apiKey)).json<{ files: Entry[] }>().files;
    const child = deep.find((entry) => entry.name === 'farm')?.children?.find((entry) => entry.name === 'farm-part.gcode');
    assert.equal(child?.path, 'farm/farm-part.gcode');
    assert.equal(child?.size, Buffer.byteLength(gcode));
    assert.equal(typeof child?.date, 'number');
    const inFolder = (await axios(server, 'GET', '/api/files/local/farm?recursive=false', apiKey)).json<Entry>();
    assert.ok(inFolder.children?.some((entry) => entry.path === 'farm/farm-part.gcode'), 'children of the folder');

    const file = await axios(server, 'GET', '/api/files/local/farm/farm-part.gcode', apiKey);
    assert.equal(file.status, 200);
    const record = file.json<Entry>();
    assert.equal(record.path, 'farm/farm-part.gcode');
    assert.notEqual(record.type, 'folder');

    const whole = await send(server.base, 'GET', '/downloads/files/local/farm/farm-part.gcode', { headers: axiosHeaders(apiKey, null) });
    assert.equal(whole.status, 200);
    assert.equal(whole.text, gcode);
    const chunk = await send(server.base, 'GET', '/downloads/files/local/farm/farm-part.gcode', { headers: { ...axiosHeaders(apiKey, null), Range: 'bytes=10-29' } });
    assert.equal(chunk.status, 206);
    assert.equal(chunk.text, gcode.slice(10, 30));

    const select = await axios(server, 'POST', '/api/files/local/farm/farm-part.gcode', apiKey, { command: 'select', print: true });
    assert.equal(select.status, 204, select.text);
    await until(() => events(log).includes('PrintStarted'), 'PrintStarted on the socket', 10_000);

    // The socket's current messages come at most one per throttle × 500 ms (by their serverTime, which does not
    // depend on when this busy test process gets round to reading them).
    const from = log.messages.length;
    await until(() => log.messages.slice(from).filter((message) => message.name === 'current').length >= 3, 'three current messages', 8000);
    const times = log.messages
      .slice(from)
      .filter((message) => message.name === 'current')
      .map((message) => (message.payload as { serverTime: number }).serverTime);
    for (let i = 1; i < times.length; i += 1) assert.ok((times[i] ?? 0) - (times[i - 1] ?? 0) >= 0.9, `current every ≥ 1 s at throttle 2: ${times.join(', ')}`);
    const current = named<{ state: { flags: { printing: boolean } }; job: { file: { path: string } }; progress: { completion: number } }>(log, 'current').at(-1);
    assert.equal(current?.job.file.path, 'farm/farm-part.gcode');
    assert.equal(typeof current?.progress.completion, 'number');

    const jobState = async () => (await axios(server, 'GET', '/api/job', apiKey)).json<{ state: string }>().state;
    assert.equal((await axios(server, 'POST', '/api/job', apiKey, { command: 'pause', action: 'pause' })).status, 204);
    await until(async () => (await jobState()) === 'Paused', 'paused');
    assert.equal((await axios(server, 'POST', '/api/job', apiKey, { command: 'pause', action: 'resume' })).status, 204);
    await until(async () => (await jobState()) === 'Printing', 'resumed');
    assert.equal((await axios(server, 'POST', '/api/job', apiKey, { command: 'cancel' })).status, 204);
    await until(() => events(log).includes('PrintCancelled'), 'PrintCancelled on the socket', 10_000);
    assert.ok(events(log).includes('PrintPaused') && events(log).includes('PrintResumed'), `events: ${events(log).join(', ')}`);

    assert.equal((await axios(server, 'DELETE', '/api/files/local/farm/farm-part.gcode', apiKey)).status, 204);
    assert.equal((await axios(server, 'GET', '/api/files/local/farm/farm-part.gcode', apiKey)).status, 404);
  });

  it('system: info, commands, restart (POST without a body: 204); disconnect makes the poll 409 again', async () => {
    const info = await axios(server, 'GET', '/api/system/info', apiKey);
    assert.equal(info.status, 200);
    assert.equal(typeof info.json<{ systeminfo: unknown }>().systeminfo, 'object');
    const commands = (await axios(server, 'GET', '/api/system/commands', apiKey)).json<{ core: Array<{ action: string }>; custom: unknown[] }>();
    assert.ok(commands.core.some((command) => command.action === 'restart'), 'restart is offered once configured');
    assert.ok(Array.isArray(commands.custom), 'custom commands');
    assert.equal((await axios(server, 'POST', '/api/system/commands/core/restart', apiKey)).status, 204);
    await until(() => existsSync(join(server.t.basedir, 'ran-restart')), 'the restart command to run', 5000);

    assert.equal((await axios(server, 'POST', '/api/connection', apiKey, { command: 'disconnect' })).status, 204);
    await until(async () => (await axios(server, 'GET', '/api/printer?history=true', apiKey)).status === 409, '409');
  });
});
