// Issue 7 acceptance, real server with the virtual printer printing: over the raw websocket, sockjs-client's
// websocket transport and xhr-polling, clients authenticated by passive login with an API key receive connected,
// history, current with advancing progress, PrintStarted and PrintDone; alongside, a throttled client, an opt-in
// subscriber, a guest and a bad auth.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { ALL_TRANSPORTS, connectPush, passiveLogin } from './push-clients.js';
import type { PushTestClient } from './push-clients.js';
import { until } from '../support/until.js';

const CONFIG = 'plugins:\n  discovery:\n    enabled: false\n';

/** A print of a few seconds on the virtual printer: short moves at a modest feed rate. */
function gcode(): string {
  const lines = ['G21', 'G90', 'M82', 'G28', 'G92 E0', 'G1 Z0.2 F600'];
  for (let i = 0; i < 80; i += 1) {
    const x = 50 + (i % 2 === 0 ? 0 : 4);
    const y = 50 + Math.floor(i / 2) * 0.4;
    lines.push(`G1 X${x} Y${y.toFixed(1)} E${((i + 1) * 0.05).toFixed(2)} F3000`);
  }
  lines.push('G1 Z5 F600', 'M84');
  return lines.join('\n') + '\n';
}

interface CurrentPayload {
  state: { text: string; flags: { printing: boolean } };
  job: { file: { path: string | null } };
  progress: { completion: number | null };
  busyFiles: Array<{ origin: string; path: string }>;
  logs: string[];
  [key: string]: unknown;
}

async function api(base: string, key: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: { 'X-Api-Key': key, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('push socket while the virtual printer prints (issue 7 acceptance)', () => {
  let t: TestApp;
  let base: string;
  let key: string;
  const clients: PushTestClient[] = [];

  before(async () => {
    t = await createTestApp({ config: CONFIG });
    base = `http://127.0.0.1:${(await t.app.start()).port}`;
    await t.app.access.accounts.addUser({ name: 'alice', password: 'alice-password', active: true, groups: ['users'] });
    key = await t.app.access.accounts.generateApiKey('alice');
    const connect = await api(base, key, 'POST', '/api/connection', { command: 'connect', port: 'VIRTUAL', baudrate: 115200 });
    assert.equal(connect.status, 204, await connect.text());
    await until(async () => {
      const state = (await (await api(base, key, 'GET', '/api/connection')).json()) as { current: { state: string } };
      return state.current.state === 'Operational';
    }, 'the printer to be operational', 15_000, 50);
    const form = new FormData();
    form.append('file', new Blob([gcode()]), 'push-cube.gcode');
    const upload = await fetch(`${base}/api/files/local`, { method: 'POST', headers: { 'X-Api-Key': key }, body: form });
    assert.equal(upload.status, 201, await upload.text());
  });
  after(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await t.close();
  });

  it('delivers connected, history, advancing current, PrintStarted and PrintDone over every transport', async () => {
    const full: PushTestClient[] = [];
    for (const transport of ALL_TRANSPORTS) {
      const client = await connectPush(base, transport);
      clients.push(client);
      full.push(client);
      const login = await passiveLogin(base, key);
      client.send({ auth: `${login.name}:${login.session}` });
    }
    const throttled = await connectPush(base, 'raw');
    const subscriber = await connectPush(base, 'raw');
    const guest = await connectPush(base, 'raw');
    const impostor = await connectPush(base, 'raw');
    clients.push(throttled, subscriber, guest, impostor);
    const throttledLogin = await passiveLogin(base, key);
    throttled.send({ auth: `${throttledLogin.name}:${throttledLogin.session}` });
    throttled.send({ throttle: 4 });
    subscriber.send({ subscribe: { state: false, events: ['PrintDone'] } });
    const subscriberLogin = await passiveLogin(base, key);
    subscriber.send({ auth: `${subscriberLogin.name}:${subscriberLogin.session}` });
    impostor.send({ auth: `alice:${'0'.repeat(32)}` });

    for (const client of [...full, throttled]) await client.inbox.waitForType('history');
    const history = full[0]?.inbox.of<CurrentPayload>('history')[0];
    assert.ok(history);
    for (const field of ['state', 'job', 'progress', 'currentZ', 'offsets', 'resends', 'temps', 'logs', 'messages', 'busyFiles', 'serverTime']) {
      assert.ok(field in history, `history.${field}`);
    }
    assert.equal(history.state.text, 'Operational');

    const start = await api(base, key, 'POST', '/api/files/local/push-cube.gcode', { command: 'select', print: true });
    assert.equal(start.status, 204, await start.text());

    for (const client of full) await client.inbox.waitForEvent('PrintStarted', 15_000);
    for (const client of [...full, subscriber]) await client.inbox.waitForEvent('PrintDone', 60_000);
    // A line the firmware says of its own accord is a printer message, beside the terminal lines.
    assert.equal((await api(base, key, 'POST', '/api/printer/command', { command: 'M118 E1 hello from the printer' })).status, 204);
    for (const client of full) {
      await client.inbox.waitFor('the printer message', () =>
        client.inbox.of<CurrentPayload>('current').some((c) => (c.messages as string[]).includes('echo:hello from the printer')),
      );
    }
    // One more tick, so the final state reaches every client.
    await new Promise((resolve) => setTimeout(resolve, 700));

    for (const client of full) {
      const inbox = client.inbox;
      const types = inbox.types();
      assert.equal(types[0], 'connected', client.transport);
      assert.ok(types.indexOf('history') < types.indexOf('current'), `${client.transport}: history before current`);
      assert.deepEqual(inbox.stringFrames, [], `${client.transport}: objects, not strings, in SockJS frames`);
      const currents = inbox.of<CurrentPayload>('current');
      const printing = currents.filter((c) => c.state.flags.printing);
      const completions = printing.map((c) => c.progress.completion).filter((c): c is number => typeof c === 'number');
      assert.ok(new Set(completions).size >= 3, `${client.transport}: progress advanced (${completions.join(', ')})`);
      for (let i = 1; i < completions.length; i += 1) assert.ok((completions[i] ?? 0) >= (completions[i - 1] ?? 0), `${client.transport}: progress never goes back`);
      assert.ok(printing.some((c) => c.job.file.path === 'push-cube.gcode'));
      assert.ok(printing.some((c) => c.busyFiles.some((f) => f.path === 'push-cube.gcode')));
      assert.ok(currents.some((c) => c.logs.length > 0), `${client.transport}: log lines (alice may watch the terminal)`);
      const events = inbox.events().map((e) => e.type);
      assert.ok(events.indexOf('PrintStarted') < events.indexOf('PrintDone'), `${client.transport}: PrintStarted before PrintDone`);
      const done = inbox.events().find((e) => e.type === 'PrintDone')?.payload as { path?: string; time?: number };
      assert.equal(done.path, 'push-cube.gcode');
      assert.equal(typeof done.time, 'number');
      // At most one current per 500 ms: the gaps between server times are never much shorter.
      const times = currents.map((c) => Number(c.serverTime));
      for (let i = 1; i < times.length; i += 1) assert.ok((times[i] ?? 0) - (times[i - 1] ?? 0) > 0.4, `${client.transport}: current spacing`);
    }

    const fastest = Math.min(...full.map((client) => client.inbox.of('current').length));
    const throttledCount = throttled.inbox.of('current').length;
    assert.ok(throttledCount >= 1, 'the throttled client still gets current');
    assert.ok(throttledCount * 2 < fastest, `throttle 4: ${throttledCount} currents against ${fastest}`);

    assert.deepEqual(
      subscriber.inbox.types().filter((type) => type !== 'connected'),
      ['event'],
      'the subscriber gets only what it opted into',
    );
    assert.deepEqual(subscriber.inbox.events().map((e) => e.type), ['PrintDone']);

    assert.deepEqual(guest.inbox.types(), ['connected'], 'a guest sees nothing of the print');
    assert.deepEqual(impostor.inbox.types(), ['connected', 'reauthRequired']);
    assert.deepEqual(impostor.inbox.of('reauthRequired')[0], { reason: 'stale' });
  });
});
