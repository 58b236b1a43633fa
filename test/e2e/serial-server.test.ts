// The whole server over loopback, its driver in its own process on the real serial binding, to the fake Marlin process
// on a pseudo-terminal at 250000 baud (the firmware holding each byte for its time on the wire): a slicer file uploaded
// and printed through the API under faults (every command exactly once, in order, PrintDone), and the printer unplugged
// mid-print (Error in plain words through the API and the push socket, the job kept, the server answering, the port
// refused while gone, and a reconnect once the device is back).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startFakeMarlin } from '../support/fake-marlin/index.js';
import type { FakeMarlinHandle } from '../support/fake-marlin/index.js';
import { exactlyOnceProblems, fileCommands } from '../support/serial-driver.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { connectPush, passiveLogin } from './push-clients.js';
import type { PushTestClient } from './push-clients.js';
import { until } from '../support/until.js';
import { fakeMarlinServerConfig, withoutPty } from '../support/fake-marlin/server-config.js';

const NUT = fileURLToPath(new URL('../fixtures/gcode/m3-nut-relative-e.gcode', import.meta.url));
const BOX = fileURLToPath(new URL('../fixtures/gcode/box.gcode', import.meta.url));
/** With access control off, any API key header spares the CSRF token. */
const KEY = { 'x-api-key': 'serial-server' };
/** What the driver sends on its own: the hello, M115, auto-report, temperature polls and timeout pokes. */
const OWN = /^(M110 N0|M115|M155 S\d+|M105)$/;

/** config.yaml: the fake Marlin's pty offered as a port, short timeouts (config.yaml's minimum) so lost oks cost half a second. */
function config(port: string): string {
  return fakeMarlinServerConfig(port, { timeout: { communication: 0.5, communicationBusy: 0.5, temperatureAutoreport: 1 }, serialExtra: '  maxCommunicationTimeouts:\n    printing: 20\n    idle: 5\n' });
}

/** The app on loopback with fetch helpers for its API. */
async function startServer(port: string): Promise<{ t: TestApp; base: string; api: Api }> {
  const t = await createTestApp({ config: config(port) });
  const { port: httpPort } = await t.app.start();
  const base = `http://127.0.0.1:${httpPort}`;
  return { t, base, api: apiOf(base) };
}

type Api = ReturnType<typeof apiOf>;

/** The parts of GET /api/job these tests read. */
interface JobAnswer {
  state: string;
  error?: string;
  job: { file: { name: string | null } };
  progress: { completion: number | null; filepos: number | null };
}

function apiOf(base: string) {
  const call = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...KEY, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : {}) as T };
  };
  return {
    call,
    state: async () => (await call<{ current: { state: string } }>('GET', '/api/connection')).json.current.state,
    job: async () => (await call<JobAnswer>('GET', '/api/job')).json,
    async connect(port: string): Promise<void> {
      const answer = await call('POST', '/api/connection', { command: 'connect', port, baudrate: 250000 });
      assert.equal(answer.status, 204, JSON.stringify(answer.json));
      await until(async () => (await this.state()) === 'Operational', 'Operational', 20_000).catch(async (error: Error) => {
        const job = await this.job();
        throw new Error(`${error.message}: ${job.state}, ${job.error ?? 'no error'}`);
      });
    },
    async upload(file: string, name: string): Promise<void> {
      const form = new FormData();
      form.append('file', new Blob([readFileSync(file)]), name);
      const answer = await fetch(`${base}/api/files/local`, { method: 'POST', headers: KEY, body: form });
      assert.equal(answer.status, 201, await answer.text());
    },
    async print(name: string): Promise<void> {
      const answer = await call('POST', `/api/files/local/${name}`, { command: 'select', print: true });
      assert.equal(answer.status, 204, JSON.stringify(answer.json));
    },
  };
}

const skip = withoutPty();

describe('the server prints over a real serial port to a fake Marlin', { skip }, () => {
  let firmware: FakeMarlinHandle | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  after(async () => {
    await server?.t.close();
    await firmware?.stop();
  });

  it('prints an uploaded file under corrupted lines, busy, garbage and dropped oks: every command once, in order, then PrintDone', { timeout: 60_000 }, async () => {
    firmware = await startFakeMarlin({ seed: 16, baudrate: 250000, autoreportCapability: true, autoreportPeriodMs: 200, busyMs: 5, splitMs: 1 });
    server = await startServer(firmware.path);
    const { t, api } = server;
    await api.connect(firmware.path);
    assert.ok(t.app.printer.driver.pid !== undefined && t.app.printer.driver.pid !== process.pid, 'the driver runs in a process of its own');
    const handle = firmware;
    await until(async () => (await handle.accepted()).some((command) => /^M155 S\d+$/.test(command)), 'auto-reported temperatures asked for', 10_000);
    await firmware.setFaults({ corrupt: 0.05, busy: 0.05, garbage: 0.02, dropOk: 0.02 }, 1616);
    await firmware.clearAccepted();
    await api.upload(NUT, 'nut.gcode');
    const done = t.app.events.once('PrintDone', 50_000);
    const failed: string[] = [];
    t.app.events.on('PrintFailed', (payload) => failed.push(JSON.stringify(payload)));
    await api.print('nut.gcode');
    const result = await done;
    assert.deepEqual(failed, []);
    assert.equal(result.name, 'nut.gcode');

    const expected = fileCommands(readFileSync(NUT, 'latin1'));
    assert.ok(expected.length > 500, `${expected.length} commands`);
    const accepted = await firmware.accepted();
    assert.deepEqual(exactlyOnceProblems(accepted, expected, OWN), []);
    // Temperatures arrive by auto-report, so each M105 during the print is the driver recovering a lost ok.
    assert.ok(accepted.includes('M105'), 'lost oks were recovered');
    const snapshot = t.app.printer.driver.snapshot();
    assert.ok(snapshot.resends.count > 0, 'corrupted lines were sent again');

    const job = { json: await api.job() };
    assert.equal(job.json.state, 'Operational');
    assert.equal(job.json.job.file.name, 'nut.gcode');
    assert.equal(job.json.progress.completion, 100);
  });
});

describe('the server when the printer is unplugged mid-print', { skip }, () => {
  let firmware: FakeMarlinHandle | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let push: PushTestClient | undefined;
  after(async () => {
    await push?.close();
    await server?.t.close();
    await firmware?.stop();
  });

  it('shows Error in plain words, keeps the job, goes on answering, and reconnects once the device is back', { timeout: 60_000 }, async () => {
    firmware = await startFakeMarlin({ seed: 19, baudrate: 250000, autoreportPeriodMs: 500 });
    server = await startServer(firmware.path);
    const { base, api } = server;
    await api.connect(firmware.path);
    push = await connectPush(base, 'raw');
    const login = await passiveLogin(base, KEY['x-api-key']);
    push.send({ auth: `${login.name}:${login.session}` });
    await push.inbox.waitForType('current');

    await api.upload(BOX, 'box.gcode');
    await api.print('box.gcode');
    await until(async () => ((await api.job()).progress?.filepos ?? 0) > 20_000, 'the print to get going', 20_000);

    await firmware.unplug();
    await until(async () => /error/i.test((await api.job()).state), 'the error state through the API', 10_000);
    const message = /^The printer's serial port closed: .*device went away \(unplugged, or the printer was switched off\)/;
    const job = await api.job();
    assert.equal(job.state, 'Offline after error');
    assert.match(job.error ?? '', message);
    assert.equal(job.job.file.name, 'box.gcode', 'the job is kept');
    const stoppedAt = job.progress.filepos ?? 0;
    const completion = job.progress.completion ?? 0;
    assert.ok(stoppedAt > 20_000 && completion > 0 && completion < 100, `where it stopped: ${JSON.stringify(job.progress)}`);
    assert.match((await api.call<{ error: string }>('GET', '/api/printer/error')).json.error, message);
    // As OctoPrint: the connection reads Closed and /api/printer refuses while no printer is connected.
    assert.equal(await api.state(), 'Closed');
    const printer = await api.call('GET', '/api/printer');
    assert.deepEqual([printer.status, printer.json], [409, { error: 'Printer is not operational' }]);
    assert.equal((await api.call('GET', '/api/version')).status, 200, 'the server goes on answering');
    const events = () => push?.inbox.events() ?? [];
    await push.inbox.waitFor('the state change and the error on the push socket', () =>
      events().some((e) => e.type === 'PrinterStateChanged' && (e.payload as { state_id?: string }).state_id === 'CLOSED_WITH_ERROR') &&
      events().some((e) => e.type === 'Error' && message.test(String((e.payload as { error?: string }).error))),
    );
    assert.ok(events().some((e) => e.type === 'PrintFailed'), 'the print failed on the push socket');

    // While the device is gone, it is no longer offered, and connecting to it is refused in OctoPrint's words.
    const gone = firmware.path;
    const ports = async () => (await api.call<{ options: { ports: string[] } }>('GET', '/api/connection')).json.options.ports;
    await until(async () => !(await ports()).includes(gone), 'the port to leave the list', 10_000);
    const refused = await api.call('POST', '/api/connection', { command: 'connect', port: gone, baudrate: 250000 });
    assert.deepEqual([refused.status, refused.json], [400, { error: 'port is invalid' }]);
    assert.equal((await api.job()).state, 'Offline after error');
    await firmware.replug();
    await until(async () => (await ports()).includes(gone), 'the port to be offered again', 10_000);
    await api.connect(firmware.path);
    assert.equal((await api.call('GET', '/api/printer')).status, 200);
    const after = await api.job();
    assert.equal(after.state, 'Operational');
    assert.equal(after.error, undefined);
    assert.equal(after.job.file.name, 'box.gcode', 'still selected after reconnecting');
    assert.equal((await api.call('POST', '/api/printer/command', { command: 'M114' })).status, 204);
  });
});
