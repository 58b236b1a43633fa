// POST /api/settings bodies → config.yaml edits: mapping, OctoPrint's leniency, ignored keys, freshness, rejects.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../../config/index.js';
import { HttpError } from '../errors.js';
import { MAX_BODY_DEPTH, jsonDepth, planSettingsUpdate } from './settings-update.js';

const config = resolveConfig({}).config;
const plan = (body: Record<string, unknown>) => planSettingsUpdate(body, config);

describe('settings update plan', () => {
  it('maps OctoPrint names to config.yaml keys and converts lenient values', () => {
    const result = plan({
      serial: { timeoutConnection: '15', autoconnect: 'Yes', maxTimeoutsIdle: 4 },
      webcam: { streamUrl: '/stream', snapshotUrl: '/snap', flipV: 1 },
      feature: { sdSupport: 'false' },
    });
    assert.deepEqual(result.edits, [
      { path: 'feature.sdSupport', value: false },
      { path: 'serial.autoconnect', value: true },
      { path: 'serial.timeout.connection', value: 15 },
      { path: 'serial.maxCommunicationTimeouts.idle', value: 4 },
      { path: 'webcam.stream', value: '/stream' },
      { path: 'webcam.snapshot', value: '/snap' },
      { path: 'webcam.flipV', value: true },
    ]);
    assert.equal(result.needsFreshCredentials, false);
  });

  it('ignores what cannot be changed: api.key, devel, accessControl, the UUID, unknown keys', () => {
    const result = plan({
      api: { key: 'abc' },
      devel: { enableCsrfProtection: false },
      accessControl: { autologinLocal: true },
      plugins: { discovery: { upnpUuid: 'x' }, nothere: { a: 1 } },
      folder: { uploads: '/elsewhere' },
      whatever: 1,
    });
    assert.deepEqual(result.edits, []);
  });

  it('asks for fresh credentials when sensitive keys are present, even unchanged', () => {
    for (const body of [{ api: { allowCrossOrigin: false } }, { server: { commands: { serverRestartCommand: null } } }, { system: { actions: [] } }, { webcam: { ffmpegPath: null } }]) {
      assert.equal(plan(body).needsFreshCredentials, true, JSON.stringify(body));
    }
  });

  it('rejects malformed values with 400 and a message naming the setting', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ serial: 'fast' }, /serial must be an object/],
      [{ serial: { baudrate: 'fast' } }, /serial\.baudrate/],
      [{ serial: { timeoutConnection: -1 } }, /^serial\.timeoutConnection: serial\.timeout\.connection/],
      [{ webcam: { bitrate: '10 Mbit' } }, /bitrate/],
      [{ appearance: { color: 'pink' } }, /appearance\.color/],
      [{ scripts: { gcode: 'G28' } }, /scripts\.gcode must be an object/],
    ];
    for (const [body, message] of cases) {
      assert.throws(() => plan(body), (error: unknown) => error instanceof HttpError && error.statusCode === 400 && message.test(error.message), JSON.stringify(body));
    }
  });

  it('measures nesting without recursion and refuses bodies deeper than the limit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i += 1) deep = { a: deep };
    assert.ok(jsonDepth(deep) > MAX_BODY_DEPTH);
    assert.throws(() => plan({ plugins: deep as Record<string, unknown> }), HttpError);
    assert.equal(jsonDepth({ a: [1, { b: 2 }] }), 3);
  });
});
