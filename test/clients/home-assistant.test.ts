// Home Assistant's OctoPrint integration replayed (pyoctoprintapi api.py/octoprint_client.py, HA config_flow.py and
// coordinator.py): SSDP/zeroconf discovery, the app-key request that must answer 201, the unique id from
// plugins.discovery.upnpUuid, the settings keys read with [] (webcam), the job + printer poll (409 = offline), and the
// job, connection, bed/tool and system commands — the bed and system URLs with the double slash the library sends.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { octoprintTxtRecord } from '../../src/server/http/index.js';
import { decideAppKeyRequest, multipart, send, sleep, slowPrint, startClientServer, userWithKey } from './client-harness.js';
import type { ClientServer, RawResponse } from './client-harness.js';
import { until } from '../support/until.js';

/** What HA's aiohttp session sends with every request. */
const AIOHTTP = { Accept: '*/*', 'Accept-Encoding': 'gzip, deflate', 'User-Agent': 'HomeAssistant/2025.1.0 aiohttp/3.11.11 Python/3.13' };

/**
 * One aiohttp request: `json=` sets the JSON content type; no body sends none at all. Redirects are followed the way
 * aiohttp does (307/308 keep the method and body), so a server may collapse `//` itself or redirect.
 */
async function aiohttp(base: string, method: string, path: string, apiKey: string | null, json?: unknown): Promise<RawResponse> {
  const headers: Record<string, string> = { ...AIOHTTP, ...(apiKey ? { 'X-Api-Key': apiKey } : {}) };
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  let current = path;
  for (let hop = 0; hop < 5; hop += 1) {
    const response = await send(base, method, current, { headers, body: json === undefined ? undefined : JSON.stringify(json) });
    if (![301, 302, 303, 307, 308].includes(response.status) || !response.headers.location) return response;
    assert.ok([307, 308].includes(response.status) || method === 'GET', `a ${response.status} would turn ${method} into GET`);
    const next = new URL(response.headers.location, `${base}${current}`);
    current = `${next.pathname}${next.search}`;
  }
  throw new Error(`too many redirects from ${path}`);
}

const FLAGS = ['operational', 'printing', 'cancelling', 'pausing', 'resuming', 'finishing', 'closedOrError', 'error', 'paused', 'ready', 'sdReady'];
const WEBCAM_KEYS = ['webcamEnabled', 'streamUrl', 'snapshotUrl', 'bitrate', 'flipH', 'flipV', 'rotate90', 'snapshotSslValidation'];

describe('Home Assistant (pyoctoprintapi) replayed against the real server', () => {
  let server: ClientServer;
  let haKey = '';
  let adminKey: string;

  before(async () => {
    server = await startClientServer();
    adminKey = await userWithKey(server.t, 'alice', ['admins', 'users']);
    // Core system commands exist only when configured; these prove that they ran (no shell).
    for (const [key, action] of [['systemShutdownCommand', 'shutdown'], ['systemRestartCommand', 'reboot'], ['serverRestartCommand', 'restart']] as const) {
      await server.t.app.config.set(`server.commands.${key}`, `touch ${join(server.t.basedir, `ran-${action}`)}`);
    }
  });
  after(() => server.close());

  it('SSDP and zeroconf discovery give the unique id and the URL', async () => {
    const uuid = server.t.app.config.config.plugins.discovery.upnpUuid;
    assert.match(uuid ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const xml = await aiohttp(server.base, 'GET', '/plugin/discovery/discovery.xml', null);
    assert.equal(xml.status, 200);
    // HA's SSDP matcher (manifest.json) and async_step_ssdp: UDN minus "uuid:", presentationURL host/port/path.
    assert.match(xml.text, /<manufacturer>The OctoPrint Project<\/manufacturer>/);
    assert.match(xml.text, /<deviceType>urn:schemas-upnp-org:device:Basic:1<\/deviceType>/);
    assert.equal(/<UDN>(.*?)<\/UDN>/.exec(xml.text)?.[1]?.slice(5), uuid);
    const presentation = new URL(/<presentationURL>(.*?)<\/presentationURL>/.exec(xml.text)?.[1] ?? '');
    assert.equal(presentation.port, String(server.port));
    assert.equal(presentation.pathname, '/');
    // async_step_zeroconf reads the TXT properties uuid and path.
    const txt = octoprintTxtRecord(server.t.app.config.config, uuid ?? '');
    assert.equal(txt.uuid, uuid);
    assert.equal(txt.path, '/');
  });

  it('request_app_key: probe 204, request 201 with Location, polls 202 {message} until the user allows, then 200 {api_key}', async () => {
    const probe = await aiohttp(server.base, 'GET', '/plugin/appkeys/probe', null);
    assert.equal(probe.status, 204, 'anything but 204 raises "disabled"');

    const request = await aiohttp(server.base, 'POST', '/plugin/appkeys/request', null, { app: 'Home Assistant', user: 'alice' });
    assert.equal(request.status, 201, 'appkeys_start_auth raises on anything but 201');
    const location = String(request.headers.location);
    const token = location.slice(location.lastIndexOf('/') + 1);
    assert.ok(token.length > 0, 'a token after the last slash');
    assert.equal(token, request.json<{ app_token: string }>().app_token);

    const first = await aiohttp(server.base, 'GET', `/plugin/appkeys/request/${token}`, null);
    assert.equal(first.status, 202);
    const waiting = first.json<Record<string, unknown>>();
    assert.ok(!('api_key' in waiting), 'no key before the decision');
    assert.equal(typeof waiting.message, 'string');

    await decideAppKeyRequest(server.t, 'alice', 'Home Assistant', true);
    let status: Record<string, unknown> = waiting;
    for (let polls = 0; !('api_key' in status); polls += 1) {
      assert.ok(polls < 5, 'the library gives up after its timeout');
      await sleep(1000);
      const poll = await aiohttp(server.base, 'GET', `/plugin/appkeys/request/${token}`, null);
      assert.notEqual(poll.status, 404, 'a 404 means denied or expired');
      status = poll.json();
    }
    haKey = String(status.api_key);
    assert.ok(haKey.length > 0, 'a key');
    // The key is handed out once.
    assert.equal((await aiohttp(server.base, 'GET', `/plugin/appkeys/request/${token}`, null)).status, 404);
  });

  it('the config flow takes the unique id from plugins.discovery.upnpUuid; webcam keys read with [] all exist', async () => {
    assert.ok(haKey, 'needs the key from the app-key test');
    const settings = await aiohttp(server.base, 'GET', '/api/settings', haKey);
    assert.equal(settings.status, 200);
    const body = settings.json<{ plugins: Record<string, Record<string, unknown>>; webcam: Record<string, unknown> }>();
    assert.ok(body.plugins.discovery, 'without plugins.discovery the flow fails');
    assert.equal(body.plugins.discovery.upnpUuid, server.t.app.config.config.plugins.discovery.upnpUuid);
    if ('tracking' in body.plugins) assert.equal(typeof body.plugins.tracking?.enabled, 'boolean');
    for (const key of WEBCAM_KEYS) assert.ok(key in body.webcam, `webcam.${key} (a KeyError otherwise)`);
    assert.equal(typeof body.webcam.webcamEnabled, 'boolean');
    assert.equal(typeof body.webcam.streamUrl, 'string');

    const info = await aiohttp(server.base, 'GET', '/api/server', haKey);
    assert.equal(info.status, 200);
    const serverInfo = info.json<{ version: string; safemode: unknown }>();
    assert.equal(typeof serverInfo.version, 'string');
    assert.ok('safemode' in serverInfo, 'server.safemode');
  });

  it('the coordinator: job always answers, printer 409 means offline; a bad key gives 403 (reauth)', async () => {
    assert.ok(haKey, 'needs the key from the app-key test');
    const job = await aiohttp(server.base, 'GET', '/api/job', haKey);
    assert.equal(job.status, 200);
    assert.equal(job.json<{ state: string }>().state, 'Offline');
    const printer = await aiohttp(server.base, 'GET', '/api/printer', haKey);
    assert.equal(printer.status, 409, 'PrinterOffline: the last reading is kept');
    assert.equal((await aiohttp(server.base, 'GET', '/api/job', 'wrong-key')).status, 403);
  });

  it('connect, then bed (//api/printer/bed) and tool targets, and the printer model fields', { timeout: 20_000 }, async () => {
    assert.ok(haKey, 'needs the key from the app-key test');
    // pyoctoprintapi sends the profile as lower-case "printerprofile", which OctoPrint ignores.
    const connect = await aiohttp(server.base, 'POST', '/api/connection', haKey, { command: 'connect', port: 'VIRTUAL', baudrate: 115200, printerprofile: '_default', save: false, autoconnect: false });
    assert.equal(connect.status, 204, connect.text);
    await until(async () => (await aiohttp(server.base, 'GET', '/api/connection', haKey)).json<{ current: { state: string } }>().current.state === 'Operational', 'operational');

    const bed = await aiohttp(server.base, 'POST', '//api/printer/bed', haKey, { command: 'target', target: 60, offset: 0 });
    assert.equal(bed.status, 204, bed.text);
    const tool = await aiohttp(server.base, 'POST', '/api/printer/tool', haKey, { command: 'target', targets: { tool0: 200 } });
    assert.equal(tool.status, 204, tool.text);

    await until(async () => {
      const printer = await aiohttp(server.base, 'GET', '/api/printer', haKey);
      const temperature = printer.json<{ temperature: Record<string, { target: number | null }> }>().temperature;
      return temperature.bed?.target === 60 && temperature.tool0?.target === 200;
    }, 'the targets in the printer state');
    const printer = await aiohttp(server.base, 'GET', '/api/printer', haKey);
    assert.equal(printer.status, 200);
    const model = printer.json<{ temperature: Record<string, Record<string, unknown>>; state: { text: string; flags: Record<string, unknown> } }>();
    for (const name of ['tool0', 'bed']) {
      const reading = model.temperature[name];
      assert.ok(reading, name);
      for (const key of ['actual', 'target', 'offset']) assert.ok(key in reading, `${name}.${key}`);
      assert.equal(typeof reading.actual, 'number');
    }
    assert.equal(typeof model.state.text, 'string');
    for (const flag of FLAGS) assert.equal(typeof model.state.flags[flag], 'boolean', `state.flags.${flag}`);
  });

  it('job sensors and the pause, resume and cancel buttons (204 each)', { timeout: 25_000 }, async () => {
    assert.ok(haKey, 'needs the key from the app-key test');
    // Someone starts a print (not Home Assistant: it has no upload).
    const boundary = 'ha-replay-boundary';
    const upload = await send(server.base, 'POST', '/api/files/local', {
      headers: { 'X-Api-Key': adminKey, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body: multipart(boundary, [
        { headers: ['Content-Disposition: form-data; name="file"; filename="ha-print.gcode"'], body: slowPrint(8) },
        { headers: ['Content-Disposition: form-data; name="print"'], body: 'true' },
      ]),
    });
    assert.equal(upload.status, 201, upload.text);
    await until(async () => (await aiohttp(server.base, 'GET', '/api/job', haKey)).json<{ state: string }>().state === 'Printing', 'printing');

    const job = (await aiohttp(server.base, 'GET', '/api/job', haKey)).json<{
      job: { file: { name: string; origin: string; size: number }; estimatedPrintTime: unknown };
      progress: { completion: unknown; printTime: unknown; printTimeLeft: unknown };
      state: string;
    }>();
    assert.equal(job.job.file.name, 'ha-print.gcode');
    assert.equal(job.job.file.origin, 'local');
    assert.equal(job.job.file.size, Buffer.byteLength(slowPrint(8)));
    assert.ok('estimatedPrintTime' in job.job, 'job.estimatedPrintTime');
    for (const key of ['completion', 'printTime', 'printTimeLeft'] as const) assert.ok(key in job.progress, `progress.${key}`);
    assert.equal(typeof job.progress.completion, 'number');

    const jobState = async () => (await aiohttp(server.base, 'GET', '/api/job', haKey)).json<{ state: string }>().state;
    assert.equal((await aiohttp(server.base, 'POST', '/api/job', haKey, { command: 'pause', action: 'pause' })).status, 204);
    await until(async () => (await jobState()) === 'Paused', 'paused');
    assert.equal((await aiohttp(server.base, 'POST', '/api/job', haKey, { command: 'pause', action: 'resume' })).status, 204);
    await until(async () => (await jobState()) === 'Printing', 'printing again');
    assert.equal((await aiohttp(server.base, 'POST', '/api/job', haKey, { command: 'cancel' })).status, 204);
    await until(async () => (await jobState()) === 'Operational', 'cancelled', 15_000);
    // With nothing to cancel, the library raises on the non-204.
    assert.equal((await aiohttp(server.base, 'POST', '/api/job', haKey, { command: 'cancel' })).status, 409);
  });

  it('system commands at //api/system/commands/core/<action>, POST without a body: 204 and the command runs', { timeout: 15_000 }, async () => {
    assert.ok(haKey, 'needs the key from the app-key test');
    for (const action of ['shutdown', 'reboot', 'restart']) {
      const response = await aiohttp(server.base, 'POST', `//api/system/commands/core/${action}`, haKey);
      assert.equal(response.status, 204, `${action}: ${response.text}`);
      await until(() => existsSync(join(server.t.basedir, `ran-${action}`)), `the ${action} command to run`, 5000);
    }
  });

  it('disconnect (204), after which the printer poll is 409 again', async () => {
    assert.ok(haKey, 'needs the key from the app-key test');
    assert.equal((await aiohttp(server.base, 'POST', '/api/connection', haKey, { command: 'disconnect' })).status, 204);
    await until(async () => (await aiohttp(server.base, 'GET', '/api/printer', haKey)).status === 409, 'offline');
  });
});
