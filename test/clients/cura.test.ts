// Cura's OctoPrint Connection plugin replayed (fieldOfView/Cura-OctoPrintPlugin OctoPrintOutputDevice.py,
// DiscoverOctoPrintAction.py): zeroconf TXT, app keys (probe, request, poll the Location once a second), key check via
// api/settings, the connect-time reads (version, passive login, printerprofiles), printer/job polling, the QHttpMultiPart
// upload (quoted boundary; path, file, then select/print) and the delayed select through the Location split on "api/".
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { octoprintTxtRecord } from '../../src/server/http/index.js';
import { decideAppKeyRequest, multipart, send, sleep, slowPrint, startClientServer, userWithKey } from './client-harness.js';
import type { ClientServer, Part, RawResponse } from './client-harness.js';
import { until } from '../support/until.js';

const API_PREFIX = 'api/';

/** Headers of `_createEmptyRequest`: the JSON content type even on GET, Cura's user agent, the key when known. */
function qtHeaders(apiKey: string | null, contentType: string | null = 'application/json'): Record<string, string> {
  return {
    ...(contentType ? { 'Content-Type': contentType } : {}),
    'User-Agent': 'Cura/5.9.0 (OctoPrintPlugin 3.7.3)',
    'Accept-Encoding': 'gzip, deflate',
    'Accept-Language': 'en-US,*',
    Connection: 'Keep-Alive',
    ...(apiKey ? { 'X-Api-Key': apiKey } : {}),
  };
}

/** QNetworkAccessManager: `<base>/api/...` relative to the instance; redirects are followed (FollowRedirectsAttribute). */
async function qt(server: ClientServer, method: string, endPoint: string, apiKey: string | null, body?: unknown): Promise<RawResponse> {
  const path = endPoint.startsWith('/') ? endPoint : `/${API_PREFIX}${endPoint}`;
  return send(server.base, method, path, { headers: qtHeaders(apiKey), body: body === undefined ? undefined : JSON.stringify(body) });
}

/** `_createFormPart`: Content-Disposition (prefixed with form-data;), then Content-Type. */
function formPart(header: string, data: string | Buffer, contentType: string): Part {
  return { headers: [`Content-Disposition: form-data; ${header}`, `Content-Type: ${contentType}`], body: data };
}

/** `_sendPrintJob` + `postFormWithParts`: QHttpMultiPart(FormDataType) with Qt's boundary, quoted in the header. */
async function uploadPrintJob(server: ClientServer, apiKey: string, jobName: string, gcode: string, options: { select: boolean; print: boolean }): Promise<RawResponse> {
  const slash = jobName.lastIndexOf('/');
  const parts: Part[] = [
    formPart('name="path"', slash < 0 ? '' : jobName.slice(0, slash), 'text/plain'),
    formPart(`name="file"; filename="${jobName.slice(slash + 1)}.gcode"`, gcode, 'application/octet-stream'),
  ];
  if (options.select || options.print) parts.push(formPart('name="select"', 'true', 'text/plain'));
  if (options.print) parts.push(formPart('name="print"', 'true', 'text/plain'));
  const boundary = `boundary_.oOo._${Buffer.from(String(randomInt(2 ** 47))).toString('base64')}${Buffer.from(String(randomInt(2 ** 31))).toString('base64')}${randomBytes(6).toString('base64')}`;
  return send(server.base, 'POST', `/${API_PREFIX}files/local`, {
    headers: qtHeaders(apiKey, `multipart/form-data; boundary="${boundary}"`),
    body: multipart(boundary, parts),
  });
}

/** The output device's printer state from `GET api/printer` (flags in Cura's order of precedence). */
function printerState(response: RawResponse): string {
  if (response.status === 409) return 'offline (printer not operational)';
  assert.equal(response.status, 200, response.text);
  const flags = response.json<{ state: { flags: Record<string, boolean> } }>().state.flags;
  if (flags.error || flags.closedOrError) return 'error';
  if (flags.paused || flags.pausing) return 'paused';
  if (flags.printing) return 'printing';
  if (flags.cancelling) return 'aborted';
  if (flags.ready || flags.operational) return 'idle';
  throw new Error(`unexpected printer state flags: ${JSON.stringify(flags)}`);
}

/** The print job state from `GET api/job`'s `state` text, as Cura maps it. */
function jobState(state: string): string {
  if (state.startsWith('Error')) return 'error';
  if (state === 'Pausing') return 'pausing';
  if (state === 'Paused') return 'paused';
  if (state.startsWith('Printing')) return 'printing';
  if (state === 'Cancelling') return 'abort';
  if (state === 'Operational') return 'ready';
  if (state.startsWith('Starting') || state === 'Connecting' || state === 'Sending file to SD') return 'pre_print';
  if (state.startsWith('Offline')) return 'offline';
  throw new Error(`unexpected print job state: ${state}`);
}

interface JobBody {
  job: { file: { name: string | null } };
  progress: { printTime: number | null; printTimeLeft: number | null; completion: number | null };
  state: string;
}

describe("Cura's OctoPrint Connection plugin replayed against the real server", () => {
  let server: ClientServer;
  let apiKey = '';

  before(async () => {
    server = await startClientServer();
    await userWithKey(server.t, 'admin', ['admins', 'users']); // set up: until an admin exists, the probe is 403
    await userWithKey(server.t, 'alice', ['users']);
  });
  after(() => server.close());

  const pollJob = async (): Promise<JobBody> => {
    const response = await qt(server, 'GET', 'job', apiKey);
    assert.equal(response.status, 200);
    return response.json<JobBody>();
  };

  it('zeroconf: the _octoprint._tcp TXT path and version Cura reads', async () => {
    const uuid = server.t.app.config.config.plugins.discovery.upnpUuid ?? '';
    const txt = octoprintTxtRecord(server.t.app.config.config, uuid);
    assert.equal(txt.path, '/');
    const version = (await qt(server, 'GET', 'version', null)).status;
    assert.equal(version, 403, 'the version needs a key; Cura learns it from TXT until it has one');
    assert.match(txt.version ?? '', /^\d+\.\d+\.\d+$/);
  });

  it('app keys: probe 204, request 201/202 with Location, poll it once a second: 202, then 200 {api_key}; a denial is 404', { timeout: 20_000 }, async () => {
    assert.equal((await qt(server, 'GET', '/plugin/appkeys/probe', null)).status, 204);

    const requestKey = async (): Promise<string> => {
      const request = await qt(server, 'POST', '/plugin/appkeys/request', null, { app: 'Cura' });
      assert.ok(request.status === 201 || request.status === 202, `request answered ${request.status}`);
      const location = String(request.headers.location);
      assert.match(location, /^http:\/\/127\.0\.0\.1:\d+\/plugin\/appkeys\/request\/\w+$/);
      assert.match(request.json<{ auth_dialog: string }>().auth_dialog, /^http:\/\/.*\/plugin\/appkeys\/auth\//);
      return new URL(location).pathname;
    };

    const pollUntilDecided = async (pollPath: string): Promise<RawResponse> => {
      for (let polls = 0; polls < 6; polls += 1) {
        const poll = await qt(server, 'GET', pollPath, null);
        if (poll.status !== 202) return poll;
        await sleep(1000);
      }
      throw new Error('no decision after 6 polls');
    };

    // Denied: the poll turns 404.
    const deniedPath = await requestKey();
    assert.equal((await qt(server, 'GET', deniedPath, null)).status, 202);
    await decideAppKeyRequest(server.t, 'alice', 'Cura', false);
    assert.equal((await pollUntilDecided(deniedPath)).status, 404);

    // Allowed: 200 with the key.
    const pollPath = await requestKey();
    assert.equal((await qt(server, 'GET', pollPath, null)).status, 202);
    await decideAppKeyRequest(server.t, 'alice', 'Cura', true);
    const granted = await pollUntilDecided(pollPath);
    assert.equal(granted.status, 200);
    apiKey = granted.json<{ api_key: string }>().api_key;
    assert.equal(typeof apiKey, 'string');
  });

  it('the key check and the connect-time reads: settings, version, passive login, printerprofiles', async () => {
    assert.ok(apiKey, 'needs the key from the app-key test');
    // DiscoverOctoPrintAction: 200 means the key is accepted (only 401 would mean rejected).
    const settings = await qt(server, 'GET', 'settings', apiKey);
    assert.equal(settings.status, 200);
    const body = settings.json<{ feature: { sdSupport: unknown }; webcam: { streamUrl: unknown; flipH: unknown; flipV: unknown; rotate90: unknown }; plugins: Record<string, unknown> }>();
    assert.equal(typeof body.feature.sdSupport, 'boolean');
    assert.equal(typeof body.webcam.streamUrl, 'string', 'an empty stream URL means no camera');
    for (const key of ['flipH', 'flipV', 'rotate90'] as const) assert.equal(typeof body.webcam[key], 'boolean', `webcam.${key}`);
    assert.equal(typeof body.plugins, 'object', 'plugins: the installed-plugin list');
    assert.notEqual((await qt(server, 'GET', 'settings', 'not-a-key')).status, 200);

    const version = await qt(server, 'GET', 'version', apiKey);
    assert.equal(version.status, 200);
    assert.equal(typeof version.json<{ server: unknown }>().server, 'string');

    const login = await qt(server, 'POST', 'login', apiKey, { passive: true });
    assert.equal(login.status, 200, 'not 404 (no auth) nor 401/403 (unknown user)');
    assert.equal(login.json<{ name: string }>().name, 'alice');

    const profiles = await qt(server, 'GET', 'printerprofiles', apiKey);
    assert.equal(profiles.status, 200);
    const current = Object.values(profiles.json<{ profiles: Record<string, Record<string, unknown>> }>().profiles).find((profile) => profile.current === true);
    assert.ok(current, 'a profile with current: true');
    assert.equal(typeof current.name, 'string');
    assert.equal(typeof current.model, 'string');
    const axes = current.axes as Record<string, { speed: unknown; inverted: unknown }>;
    for (const axis of ['x', 'y', 'z', 'e']) {
      assert.equal(typeof axes[axis]?.speed, 'number', `axes.${axis}.speed`);
      assert.equal(typeof axes[axis]?.inverted, 'boolean', `axes.${axis}.inverted`);
    }
  });

  it('polling while disconnected: printer 409 (not operational), job Offline; auto-connect makes it idle', { timeout: 20_000 }, async () => {
    assert.ok(apiKey, 'needs the key from the app-key test');
    assert.equal(printerState(await qt(server, 'GET', 'printer', apiKey)), 'offline (printer not operational)');
    assert.equal(jobState((await pollJob()).state), 'offline');

    // Before printing, Cura connects "with current settings": no port, no baud rate.
    const connect = await qt(server, 'POST', 'connection', apiKey, { command: 'connect' });
    assert.equal(connect.status, 204, connect.text);
    await until(async () => printerState(await qt(server, 'GET', 'printer', apiKey)) === 'idle', 'idle', 15_000);
    // The temperature object is {} until the first report; Cura counts extruders again on the next poll.
    type Temperatures = { temperature: Record<string, { actual: unknown; target: unknown }> };
    await until(async () => 'tool0' in (await qt(server, 'GET', 'printer', apiKey)).json<Temperatures>().temperature, 'the first temperature report', 10_000);
    const printer = (await qt(server, 'GET', 'printer', apiKey)).json<Temperatures>();
    for (const heater of ['tool0', 'bed']) {
      assert.equal(typeof printer.temperature[heater]?.actual, 'number', `${heater}.actual`);
      assert.ok(printer.temperature[heater] && 'target' in printer.temperature[heater], `${heater}.target`);
    }
    assert.ok(!('tool1' in printer.temperature), 'Cura counts extruders by tool0, tool1, ...');
    assert.equal(jobState((await pollJob()).state), 'ready');
  });

  it('manual control goes through printer/command as one batch', async () => {
    assert.ok(apiKey, 'needs the key from the app-key test');
    const received = async () => (await server.t.app.printer.virtualRecord()).received;
    const first = await received();
    assert.ok(first, 'the virtual printer is connected');
    const before = first.length;
    const response = await qt(server, 'POST', 'printer/command', apiKey, { commands: ['G91', 'G0 X10 Y-5 F3000', 'G90'] });
    assert.equal(response.status, 204);
    await until(async () => ((await received()) ?? []).slice(before).includes('G90'), 'the jog to reach the printer');
    const sent = ((await received()) ?? []).slice(before).filter((command) => command !== 'M105');
    assert.deepEqual(sent, ['G91', 'G0 X10 Y-5 F3000', 'G90']);
  });

  it('"Print" with auto-print: select and print in the upload, then job polling, pause toggle, resume, cancel', { timeout: 30_000 }, async () => {
    assert.ok(apiKey, 'needs the key from the app-key test');
    const upload = await uploadPrintJob(server, apiKey, 'cura cube', slowPrint(10), { select: true, print: true });
    assert.equal(upload.status, 201, upload.text);
    assert.ok(String(upload.headers.location).includes(API_PREFIX), 'the Location carries api/');
    await until(async () => jobState((await pollJob()).state) === 'printing', 'printing');
    await until(async () => ((await pollJob()).progress.printTime ?? 0) > 0, 'print time', 5000);
    const job = await pollJob();
    assert.equal(job.job.file.name, 'cura cube.gcode');
    assert.equal(typeof job.progress.completion, 'number');
    assert.ok('printTimeLeft' in job.progress, 'progress.printTimeLeft');
    assert.equal(printerState(await qt(server, 'GET', 'printer', apiKey)), 'printing');

    // pausePrint and resumePrint both send "pause" (a toggle) while the job is printing or paused.
    assert.equal((await qt(server, 'POST', 'job', apiKey, { command: 'pause' })).status, 204);
    await until(async () => jobState((await pollJob()).state) === 'paused', 'paused');
    assert.equal(printerState(await qt(server, 'GET', 'printer', apiKey)), 'paused');
    assert.equal((await qt(server, 'POST', 'job', apiKey, { command: 'pause' })).status, 204);
    await until(async () => jobState((await pollJob()).state) === 'printing', 'printing again');

    assert.equal((await qt(server, 'POST', 'job', apiKey, { command: 'cancel' })).status, 204);
    await until(async () => jobState((await pollJob()).state) === 'ready', 'ready', 15_000);
  });

  it('"Print" waiting for analysis: no select in the upload; the Location split on "api/" is polled, then selected with print', { timeout: 30_000 }, async () => {
    assert.ok(apiKey, 'needs the key from the app-key test');
    const gcode = slowPrint(10);
    const upload = await uploadPrintJob(server, apiKey, 'cura/jobs/cura wait', gcode, { select: false, print: false });
    assert.equal(upload.status, 201, upload.text);
    const body = upload.json<{ effectiveSelect: boolean; effectivePrint: boolean }>();
    assert.equal(body.effectiveSelect, false);
    assert.equal(body.effectivePrint, false);

    const location = String(upload.headers.location);
    const endPoint = location.split(API_PREFIX).slice(1).join(API_PREFIX); // Python: split(self._api_prefix, 1)[1]
    assert.equal(endPoint.split('/').slice(0, 2).join('/'), 'files/local');
    assert.equal(new URL(location).pathname, `/api/${endPoint}`);

    // The file endpoint answers 200 while Cura waits for the analysis.
    await until(async () => {
        const file = await qt(server, 'GET', endPoint, apiKey);
        assert.equal(file.status, 200, file.text);
        return 'gcodeAnalysis' in file.json();
      }, 'gcodeAnalysis', 10_000, 250, );

    const select = await qt(server, 'POST', endPoint, apiKey, { command: 'select', print: true });
    assert.equal(select.status, 204, select.text);
    await until(async () => jobState((await pollJob()).state) === 'printing', 'printing');
    assert.equal((await pollJob()).job.file.name, 'cura wait.gcode');

    // Uploading again under the name being printed: 409, "same name as the one that is currently printing".
    const again = await uploadPrintJob(server, apiKey, 'cura/jobs/cura wait', gcode, { select: false, print: false });
    assert.equal(again.status, 409);

    assert.equal((await qt(server, 'POST', 'job', apiKey, { command: 'cancel' })).status, 204);
    await until(async () => jobState((await pollJob()).state) === 'ready', 'ready', 15_000);
  });
});
