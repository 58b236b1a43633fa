// Tests of the message pipeline: connected, auth, backlog, history/current, throttle, subscribe, permissions, limits.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { afterEach, describe, it } from 'node:test';
import pino from 'pino';
import { guestIdentity } from '../../auth/index.js';
import type { Identity, PermissionKey } from '../../auth/index.js';
import { EventBus } from '../../events/index.js';
import { toDisposable } from '../../shared/index.js';
import type { Disposable } from '../../shared/index.js';
import { connectedMessage } from './connected-message.js';
import type { OutgoingMessage } from './outgoing-message.js';
import type { ChannelHandlers, PushChannel } from './push-channel.js';
import { PushHub } from './push-hub.js';
import type { PushHubOptions } from './push-hub.js';
import { DEFAULT_LIMITS, DEFAULT_TIMINGS } from './push-types.js';
import type {
  PushDataSource,
  PushLimits,
  PushStateSnapshot,
  ReauthReason,
  SocketAuthenticator,
  SocketSessionChange,
  TemperaturePoint,
} from './push-types.js';
import { until } from '../../../test/support/until.js';

/** Records what the hub sends; plays the client side of a connection. */
class RecordingChannel implements PushChannel {
  readonly transport = 'websocket' as const;
  readonly sent: OutgoingMessage[] = [];
  closedWith: { code: number; reason: string } | null = null;
  bufferedBytes = 0;
  private handlers: ChannelHandlers | null = null;
  constructor(readonly remoteAddress = '127.0.0.1') {}
  attach(handlers: ChannelHandlers): void {
    this.handlers = handlers;
  }
  send(message: OutgoingMessage): void {
    this.sent.push(message);
  }
  close(code: number, reason: string): void {
    if (this.closedWith) return;
    this.closedWith = { code, reason };
    this.handlers?.closed();
  }
  receive(message: unknown): void {
    this.handlers?.message(typeof message === 'string' ? message : JSON.stringify(message));
  }
  /** Messages as objects, e.g. [{connected: ...}, {history: ...}]. */
  messages(): Array<Record<string, unknown>> {
    return this.sent.map((m) => JSON.parse(m.json) as Record<string, unknown>);
  }
  types(): string[] {
    return this.messages().map((m) => Object.keys(m)[0] ?? '');
  }
  of(type: string): unknown[] {
    return this.messages().filter((m) => type in m).map((m) => m[type]);
  }
}

/** A printer data source fed by the test. */
class TestData implements PushDataSource {
  private readonly emitter = new EventEmitter();
  completion = 0;
  snapshot(): PushStateSnapshot {
    return {
      state: { text: 'Printing', flags: { printing: true }, error: null },
      job: { file: { name: 'cube.gcode', path: 'cube.gcode', origin: 'local' } },
      progress: { completion: this.completion },
      currentZ: 0.2,
      offsets: {},
      resends: { count: 0, transmitted: 10, ratio: 0 },
      busyFiles: [{ origin: 'local', path: 'cube.gcode' }],
    };
  }
  async temperatureHistory(): Promise<TemperaturePoint[]> {
    return [{ time: 1, tool0: { actual: 20, target: 0 } }];
  }
  async recentLogs(): Promise<string[]> {
    return ['Send: M105', 'Recv: ok T:20'];
  }
  private listen<T>(name: string, listener: (value: T) => void): Disposable {
    this.emitter.on(name, listener);
    return toDisposable(() => this.emitter.off(name, listener));
  }
  onLog(listener: (line: string) => void): Disposable {
    return this.listen('log', listener);
  }
  onMessage(listener: (line: string) => void): Disposable {
    return this.listen('message', listener);
  }
  onTemperature(listener: (point: TemperaturePoint) => void): Disposable {
    return this.listen('temp', listener);
  }
  log(line: string): void {
    this.emitter.emit('log', line);
  }
  temperature(point: TemperaturePoint): void {
    this.emitter.emit('temp', point);
  }
}

function identity(name: string, permissions: PermissionKey[]): Identity {
  return { name, permissions: new Set(permissions), groups: ['users'], mechanism: 'password', credentialsSeen: 0, sessionId: 's', appKeyId: null };
}

const OPERATOR: PermissionKey[] = ['STATUS', 'FILES_LIST', 'MONITOR_TERMINAL', 'PRINT'];

class TestAuthenticator implements SocketAuthenticator {
  readonly sessions = new Map<string, Identity>();
  readonly touched: string[] = [];
  private readonly changes = new Set<(change: SocketSessionChange) => void>();
  guestPermissions: PermissionKey[] = [];
  validate(user: string, token: string): Identity | null {
    return this.sessions.get(`${user}:${token}`) ?? null;
  }
  touch(user: string, token: string): void {
    this.touched.push(`${user}:${token}`);
  }
  guest(): Identity {
    return guestIdentity(new Set(this.guestPermissions));
  }
  onSessionChange(listener: (change: SocketSessionChange) => void): Disposable {
    this.changes.add(listener);
    return toDisposable(() => this.changes.delete(listener));
  }
  change(userName: string | null, tokens: string[], reason: ReauthReason): void {
    for (const listener of this.changes) listener({ userName, tokens, reason });
  }
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Setup {
  hub: PushHub;
  events: EventBus;
  data: TestData;
  auth: TestAuthenticator;
  connect(address?: string): RecordingChannel;
}

const hubs: PushHub[] = [];
afterEach(() => {
  for (const hub of hubs.splice(0)) hub.close();
});

function setup(limits: Partial<PushLimits> = {}, timings: Partial<typeof DEFAULT_TIMINGS> = {}, extra: Partial<PushHubOptions> = {}): Setup {
  const events = new EventBus();
  const data = new TestData();
  const auth = new TestAuthenticator();
  auth.sessions.set('alice:good', identity('alice', OPERATOR));
  auth.sessions.set('admin:root', identity('admin', ['ADMIN']));
  auth.sessions.set('viewer:v', identity('viewer', ['STATUS']));
  const hub = new PushHub({
    events,
    authenticator: auth,
    data,
    connected: () => connectedMessage({ config: { a: 1 }, online: null, uiComponents: [] }),
    initialIdentity: () => auth.guest(),
    limits: { ...DEFAULT_LIMITS, ...limits },
    timings: { ...DEFAULT_TIMINGS, currentIntervalMs: 20, ...timings },
    now: Date.now,
    logger: pino({ level: 'silent' }),
    ...extra,
  });
  hubs.push(hub);
  return {
    hub,
    events,
    data,
    auth,
    connect(address = '127.0.0.1') {
      const channel = new RecordingChannel(address);
      hub.open(channel, toDisposable(() => undefined));
      return channel;
    },
  };
}

const printPayload = { name: 'cube.gcode', path: 'cube.gcode', origin: 'local', size: 10, owner: 'alice', user: 'alice' };

describe('PushHub: connecting and authenticating', () => {
  it('sends connected first, with versions, hashes and the permission catalogue', () => {
    const { connect } = setup();
    const channel = connect();
    assert.deepEqual(channel.types(), ['connected']);
    const connected = channel.of('connected')[0] as Record<string, unknown>;
    for (const key of ['version', 'display_version', 'branch', 'plugin_hash', 'config_hash', 'debug', 'safe_mode', 'online', 'permissions']) {
      assert.ok(key in connected, key);
    }
    assert.ok(!('apikey' in connected));
    // Booleans, never null, even when no connectivity check ran (setup() has none).
    assert.equal(connected.debug, false);
    assert.equal(connected.online, true);
    const permissions = connected.permissions as Array<Record<string, unknown>>;
    assert.ok(permissions.some((p) => p.key === 'STATUS' && Array.isArray(p.default_groups)));
    const grant = permissions.find((p) => p.key === 'PLUGIN_APPKEYS_GRANT');
    assert.deepEqual(grant?.needs, { role: ['plugin_appkeys_user'] });
    assert.equal(grant?.plugin, 'appkeys');
  });

  it('a guest sees nothing; events are held back and replayed after auth', async () => {
    const { connect, events, data } = setup();
    const channel = connect();
    events.emit('PrintStarted', printPayload);
    data.log('Send: G1 X1');
    await wait(60);
    assert.deepEqual(channel.types(), ['connected']);
    channel.receive({ auth: 'alice:good' });
    await until(() => channel.types().includes('history'), "channel.types().includes('history')", 2000, 5);
    const types = channel.types();
    assert.ok(types.indexOf('event') < types.indexOf('history'));
    assert.deepEqual((channel.of('event')[0] as { type: string }).type, 'PrintStarted');
  });

  it('answers a bad session with reauthRequired stale and stays unauthenticated', async () => {
    const { connect, events } = setup();
    const channel = connect();
    channel.receive({ auth: 'alice:wrong' });
    await until(() => channel.types().includes('reauthRequired'), "channel.types().includes('reauthRequired')", 2000, 5);
    assert.deepEqual(channel.of('reauthRequired')[0], { reason: 'stale' });
    events.emit('PrintDone', { ...printPayload, time: 1 });
    await wait(50);
    assert.ok(!channel.types().includes('history') && !channel.types().includes('event'));
    assert.equal(channel.closedWith, null);
  });

  it('ignores malformed auth, invalid JSON and unknown messages without closing', async () => {
    const { connect } = setup();
    const channel = connect();
    for (const bad of ['{"auth":"admin"}', '{"auth":"a:b:c"}', '{"auth":123}', '{"auth":null}', '{nope', '{"x":1}']) channel.receive(bad);
    await wait(20);
    assert.deepEqual(channel.types(), ['connected']);
    assert.equal(channel.closedWith, null);
  });

  it('sends history, then current with the temperatures and lines since the last one', async () => {
    const { connect, data } = setup();
    const channel = connect();
    channel.receive({ auth: 'alice:good' });
    await until(() => channel.types().includes('history'), "channel.types().includes('history')", 2000, 5);
    const history = channel.of('history')[0] as Record<string, unknown>;
    assert.deepEqual(history.logs, ['Send: M105', 'Recv: ok T:20']);
    assert.equal((history.temps as unknown[]).length, 1);
    data.completion = 50;
    data.log('Send: G1 X2');
    data.temperature({ time: 2, tool0: { actual: 200, target: 210 } });
    await until(() => channel.types().includes('current'), "channel.types().includes('current')", 2000, 5);
    const current = channel.of('current')[0] as Record<string, unknown>;
    assert.deepEqual(current.progress, { completion: 50 });
    assert.deepEqual(current.logs, ['Send: G1 X2']);
    assert.deepEqual(current.temps, [{ time: 2, tool0: { actual: 200, target: 210 } }]);
    assert.deepEqual(current.busyFiles, [{ origin: 'local', path: 'cube.gcode' }]);
    assert.equal(typeof current.serverTime, 'number');
  });

  it('sends no current while nothing changes', async () => {
    const { connect } = setup();
    const channel = connect();
    channel.receive({ auth: 'alice:good' });
    await until(() => channel.types().includes('history'), "channel.types().includes('history')", 2000, 5);
    await wait(100);
    // The first tick may report the state once; after that nothing changed.
    assert.ok(channel.of('current').length <= 1);
  });
});

describe('PushHub: throttle, subscribe and sharing', () => {
  it('throttle n sends current at most every n intervals', async () => {
    const { connect, data } = setup();
    const fast = connect();
    const slow = connect();
    fast.receive({ auth: 'alice:good' });
    slow.receive({ auth: 'alice:good' });
    slow.receive({ throttle: 4 });
    const feeder = setInterval(() => {
      data.completion += 1;
    }, 5);
    await wait(400);
    clearInterval(feeder);
    const fastCount = fast.of('current').length;
    const slowCount = slow.of('current').length;
    assert.ok(fastCount >= 8, `fast got ${fastCount}`);
    assert.ok(slowCount * 3 <= fastCount, `slow ${slowCount} vs fast ${fastCount}`);
    const slowCurrents = slow.of('current') as Array<{ progress: { completion: number } }>;
    assert.ok(slowCurrents.length >= 2);
  });

  it('serialises each current once for sockets with the same view', async () => {
    const { connect, data } = setup();
    const a = connect();
    const b = connect();
    a.receive({ auth: 'alice:good' });
    b.receive({ auth: 'alice:good' });
    await until(() => a.types().includes('history') && b.types().includes('history'), "a.types().includes('history') && b.types().includes('history')", 2000, 5);
    data.completion = 10;
    await until(() => a.of('current').length > 0 && b.of('current').length > 0, "a.of('current').length > 0 && b.of('current').length > 0", 2000, 5);
    const lastA = a.sent.filter((m) => m.json.startsWith('{"current"')).at(-1);
    const lastB = b.sent.filter((m) => m.json.startsWith('{"current"')).at(-1);
    assert.ok(lastA && lastA === lastB, 'the same OutgoingMessage instance');
  });

  it('subscribe sent before auth limits events and can switch the state off', async () => {
    const { connect, events, data } = setup();
    const channel = connect();
    channel.receive({ subscribe: { events: ['PrintDone'] } });
    channel.receive({ auth: 'alice:good' });
    await wait(30);
    events.emit('PrintStarted', printPayload);
    events.emit('PrintDone', { ...printPayload, time: 3 });
    data.completion = 99;
    await wait(80);
    assert.ok(!channel.types().includes('history'));
    assert.ok(!channel.types().includes('current'));
    assert.deepEqual(
      (channel.of('event') as Array<{ type: string }>).map((e) => e.type),
      ['PrintDone'],
    );
    channel.receive({ subscribe: { state: { logs: '^Recv', messages: false } } });
    await until(() => channel.types().includes('history'), "channel.types().includes('history')", 2000, 5);
    assert.deepEqual((channel.of('history')[0] as { logs: string[] }).logs, ['Recv: ok T:20']);
    data.log('Send: G28');
    data.log('Recv: ok');
    await until(() => channel.of('current').some((c) => (c as { logs: string[] }).logs.length > 0), "channel.of('current').some((c) => (c as { logs: string[] }).logs.le...", 2000, 5);
    const withLogs = channel.of('current').find((c) => (c as { logs: string[] }).logs.length > 0) as { logs: string[] };
    assert.deepEqual(withLogs.logs, ['Recv: ok']);
  });

  it('plugin messages follow the subscription and the intended user', async () => {
    const { connect, hub } = setup();
    const alice = connect();
    const admin = connect();
    const viewer = connect();
    alice.receive({ auth: 'alice:good' });
    admin.receive({ auth: 'admin:root' });
    viewer.receive({ auth: 'viewer:v' });
    viewer.receive({ subscribe: { plugins: ['other'] } });
    await until(() => alice.types().includes('history') && admin.types().includes('history'), "alice.types().includes('history') && admin.types().includes('history')", 2000, 5);
    hub.sendPluginMessage('appkeys', { type: 'request_access', app_name: 'Slicer', user_token: 't', user_id: 'alice' }, { user: 'alice' });
    hub.sendPluginMessage('appkeys', { type: 'end_request', user_token: 't' }, { user: 'bob' });
    await wait(10);
    assert.equal(alice.of('plugin').length, 1);
    assert.deepEqual(alice.of('plugin')[0], {
      plugin: 'appkeys',
      data: { type: 'request_access', app_name: 'Slicer', user_token: 't', user_id: 'alice' },
    });
    assert.equal(admin.of('plugin').length, 2);
    assert.equal(viewer.of('plugin').length, 0);
  });
});

describe('PushHub: permissions', () => {
  it('hides the serial log from users without MONITOR_TERMINAL', async () => {
    const { connect, data } = setup();
    const viewer = connect();
    viewer.receive({ auth: 'viewer:v' });
    await until(() => viewer.types().includes('history'), "viewer.types().includes('history')", 2000, 5);
    assert.deepEqual((viewer.of('history')[0] as { logs: string[] }).logs, []);
    data.log('Send: M104 S200');
    data.completion = 3;
    await until(() => viewer.of('current').length > 0, "viewer.of('current').length > 0", 2000, 5);
    assert.deepEqual((viewer.of('current')[0] as { logs: string[] }).logs, []);
  });

  it('UserLoggedIn goes to admins only; client events are blanked for non-admins; file events need FILES_LIST', async () => {
    const { connect, events } = setup();
    const admin = connect();
    const viewer = connect();
    admin.receive({ auth: 'admin:root' });
    viewer.receive({ auth: 'viewer:v' });
    await until(() => admin.types().includes('history') && viewer.types().includes('history'), "admin.types().includes('history') && viewer.types().includes('histo...", 2000, 5);
    events.emit('UserLoggedIn', { username: 'bob' });
    events.emit('ClientOpened', { remoteAddress: '192.0.2.7' });
    events.emit('FileAdded', { storage: 'local', path: 'secret.gcode', name: 'secret.gcode', type: ['machinecode'] });
    const adminEvents = admin.of('event') as Array<{ type: string; payload: unknown }>;
    const viewerEvents = viewer.of('event') as Array<{ type: string; payload: unknown }>;
    assert.ok(adminEvents.some((e) => e.type === 'UserLoggedIn'));
    assert.ok(!viewerEvents.some((e) => e.type === 'UserLoggedIn'));
    assert.ok(adminEvents.some((e) => e.type === 'ClientOpened' && JSON.stringify(e.payload) === '{"remoteAddress":"192.0.2.7"}'));
    assert.ok(viewerEvents.some((e) => e.type === 'ClientOpened'));
    assert.ok(viewerEvents.filter((e) => e.type === 'ClientOpened').every((e) => JSON.stringify(e.payload) === '{}'));
    assert.ok(adminEvents.some((e) => e.type === 'FileAdded'));
    assert.ok(!viewerEvents.some((e) => e.type === 'FileAdded'));
  });

  it('a guest with STATUS granted sees the state without authenticating', async () => {
    const { connect, auth } = setup();
    auth.guestPermissions = ['STATUS'];
    const channel = connect();
    await until(() => channel.types().includes('history'), "channel.types().includes('history')", 2000, 5);
    assert.deepEqual((channel.of('history')[0] as { logs: string[] }).logs, []);
  });

  it('a logged-out or stale session gets reauthRequired and the data stops', async () => {
    const { connect, auth, data, hub } = setup({}, { keepAliveMs: 30 });
    const channel = connect();
    channel.receive({ auth: 'alice:good' });
    await until(() => channel.types().includes('history'), "channel.types().includes('history')", 2000, 5);
    await until(() => auth.touched.includes('alice:good'), "auth.touched.includes('alice:good')", 2000, 5);
    auth.sessions.delete('alice:good');
    await until(() => channel.types().includes('reauthRequired'), "channel.types().includes('reauthRequired')", 2000, 5);
    assert.deepEqual(channel.of('reauthRequired')[0], { reason: 'stale' });
    const count = channel.sent.length;
    data.completion = 77;
    await wait(80);
    assert.deepEqual(channel.types().slice(count), []);
    assert.equal(hub.stateListeners, 0);
  });

  it('a session ended by the authenticator tells the socket why', async () => {
    const { connect, auth } = setup();
    const channel = connect();
    channel.receive({ auth: 'alice:good' });
    await until(() => channel.types().includes('history'), "channel.types().includes('history')", 2000, 5);
    auth.change('alice', ['other-session'], 'logout');
    assert.ok(!channel.types().includes('reauthRequired'));
    auth.change('alice', ['good'], 'removed');
    assert.deepEqual(channel.of('reauthRequired').at(-1), { reason: 'removed' });
  });

  it('a change of the guests\' rights reaches unauthenticated sockets', async () => {
    const { connect, auth } = setup();
    const channel = connect();
    auth.guestPermissions = ['STATUS'];
    auth.change(null, [], 'modified');
    assert.deepEqual(channel.of('reauthRequired')[0], { reason: 'modified' });
    await until(() => channel.types().includes('history'), "channel.types().includes('history')", 2000, 5);
  });
});

describe('PushHub: limits', () => {
  it('closes a client that sends too many messages', () => {
    const { connect } = setup({ messagesPerSecond: 1, messageBurst: 5 });
    const channel = connect();
    for (let i = 0; i < 10; i += 1) channel.receive({ throttle: 1 });
    assert.equal(channel.closedWith?.code, 4002);
  });

  it('closes a client that sends a message over the size limit', () => {
    const { connect } = setup({ maxMessageBytes: 100 });
    const channel = connect();
    channel.receive({ auth: 'x'.repeat(200) });
    assert.equal(channel.closedWith?.code, 1009);
  });

  it('closes a client that does not authenticate in time', async () => {
    const { connect } = setup({ authDeadlineMs: 40 });
    const late = connect();
    const prompt = connect();
    prompt.receive({ auth: 'alice:good' });
    await until(() => late.closedWith !== null, 'late.closedWith !== null', 2000, 5);
    assert.equal(late.closedWith?.code, 4001);
    await wait(30);
    assert.equal(prompt.closedWith, null);
  });

  it('drops a client whose unsent data piles up', async () => {
    const { connect, events } = setup({ maxBufferedBytes: 1000 });
    const channel = connect();
    channel.receive({ auth: 'alice:good' });
    await until(() => channel.types().includes('history'), "channel.types().includes('history')", 2000, 5);
    channel.bufferedBytes = 5000;
    events.emit('PrintDone', { ...printPayload, time: 1 });
    assert.equal(channel.closedWith?.code, 4003);
  });

  it('holds back at most the backlog cap before auth', async () => {
    const { connect, events } = setup({ unauthedBacklog: 3 });
    const channel = connect();
    for (let i = 0; i < 10; i += 1) events.emit('ZChange', { new: i, old: null });
    channel.receive({ auth: 'alice:good' });
    await until(() => channel.types().includes('history'), "channel.types().includes('history')", 2000, 5);
    const zChanges = (channel.of('event') as Array<{ type: string }>).filter((e) => e.type === 'ZChange');
    assert.equal(zChanges.length, 3);
  });
});

describe('PushHub: status messages (timelapse, renderProgress)', () => {
  it('greets a socket after its history, and sends status messages only to sockets that take the state', async () => {
    const { hub, connect } = setup({}, {}, { greetings: () => [{ type: 'timelapse', payload: { type: 'timed' } }] });
    const alice = connect();
    alice.receive({ auth: 'alice:good' });
    await until(() => alice.types().includes('timelapse'), "alice.types().includes('timelapse')", 2000, 5);
    assert.deepEqual(alice.types().filter((type) => type !== 'event').slice(0, 3), ['connected', 'history', 'timelapse']);
    assert.deepEqual(alice.of('timelapse'), [{ type: 'timed' }]);
    const guest = connect();
    const optedOut = connect();
    optedOut.receive({ subscribe: { state: false, events: true } });
    optedOut.receive({ auth: 'viewer:v' });
    await wait(50);
    hub.sendMessage('renderProgress', { progress: 50 });
    assert.deepEqual(alice.of('renderProgress'), [{ progress: 50 }]);
    assert.deepEqual(guest.types(), ['connected'], 'no STATUS, nothing');
    assert.ok(!optedOut.types().includes('timelapse') && !optedOut.types().includes('renderProgress'), 'state: false, no status messages');
  });
});
