// OctoPrint's settings Argonaut keeps for its clients: OctoPrint's defaults in GET /api/settings, and POST stores them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { KEPT_SETTINGS, resolveConfig } from '../../../config/index.js';
import { settingsFromConfig } from '../../../printer/driver/driver-settings.js';

const CONFIG = ['accessControl:', '  enabled: false', 'server:', '  firstRun: false', 'plugins:', '  discovery:', '    enabled: false', ''].join('\n');

describe("OctoPrint's settings kept for its clients", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: CONFIG });
  });
  after(() => t.close());

  const get = async () => (await t.app.http.inject({ method: 'GET', url: '/api/settings' })).json();
  const post = (payload: unknown) =>
    t.app.http.inject({
      method: 'POST',
      url: '/api/settings',
      headers: { 'content-type': 'application/json', 'x-api-key': 'not-checked' },
      payload: JSON.stringify(payload),
    });
  const stored = () => parse(readFileSync(join(t.basedir, 'config.yaml'), 'utf8'));

  it("answers with OctoPrint 1.11's defaults", async () => {
    const body = await get();
    assert.equal(body.serial.alwaysSendChecksum, false);
    assert.equal(body.serial.timeoutDetectionFirst, 10);
    assert.equal(body.serial.timeoutDetectionConsecutive, 2);
    assert.equal(body.serial.timeoutDetection, 1, "Argonaut's own per-try detection timeout, beside OctoPrint's");
    assert.equal(body.serial.baudrate, null, "Argonaut's 0 (detect) is OctoPrint's null");
    assert.deepEqual(body.serial.blockedCommands, ['M0', 'M1']);
    assert.equal(body.serial.supportResendsWithoutOk, 'detect');
    assert.equal(body.serial.capLfnWrite, true);
    assert.equal(body.feature.keyboardControl, true);
    assert.deepEqual(body.feature.autoUppercaseBlacklist, ['M117', 'M118', 'M707', 'M708']);
    assert.deepEqual(body.gcodeAnalysis, { runAt: 'idle', bedZ: 0 });
    assert.equal(body.server.allowFraming, false);
    assert.deepEqual(body.server.diskspace, { warning: 524288000, critical: 209715200 });
    assert.deepEqual(body.server.onlineCheck, { enabled: false, interval: 15, host: '1.1.1.1', port: 53, name: 'octoprint.org' });
    assert.equal(body.server.pluginBlacklist.ttl, 15);
    assert.deepEqual(body.slicing, { defaultSlicer: null });
    assert.equal(body.system.events, null);
    assert.equal(body.devel.pluginTimings, false);
    assert.equal(body.accessControl.autologinHeadsupAcknowledged, false);
    assert.equal(body.folder.timelapse, join(t.basedir, 'timelapse'));
    assert.equal(body.folder.watched, join(t.basedir, 'watched'));
    assert.ok(body.terminalFilters.some((filter: { name: string }) => filter.name === 'Suppress position messages'));
    assert.deepEqual(body.plugins.gcodeviewer.sizeThreshold, 20971520);
    assert.equal(body.plugins.health_check.checks.filesystem_storage.warning_threshold, 85);
    assert.deepEqual(body.plugins.virtual_printer.resetLines, ['start', 'Marlin: Virtual Marlin!', '\x80', 'SD card ok']);
    assert.equal(body.plugins.virtual_printer.instant, false, "Argonaut's own virtual printer settings stay beside OctoPrint's");
  });

  it('stores what a client saves at OctoPrint\'s config.yaml keys and answers with it, so nothing is lost', async () => {
    const response = await post({
      serial: { timeoutDetectionFirst: 12.5, capBusyProtocol: false, blockedCommands: ['M0'], waitForStart: true, baudrate: null },
      feature: { keyboardControl: 'false', printStartConfirmation: true },
      gcodeAnalysis: { runAt: 'never', bedZ: 0.2 },
      server: { onlineCheck: { interval: 30, host: '9.9.9.9' }, diskspace: { warning: 1000 } },
      devel: { pluginTimings: true },
      system: { events: [{ event: 'PrintDone', command: 'true', type: 'system' }] },
      plugins: { gcodeviewer: { alwaysCompress: true }, virtual_printer: { capabilities: { AUTOREPORT_POS: true }, numExtruders: 2 } },
    });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.serial.timeoutDetectionFirst, 12.5);
    assert.equal(body.serial.capBusyProtocol, false);
    assert.deepEqual(body.serial.blockedCommands, ['M0']);
    assert.equal(body.serial.waitForStart, true);
    assert.equal(body.serial.baudrate, null);
    assert.equal(body.feature.keyboardControl, false, 'lenient booleans, as OctoPrint');
    assert.equal(body.feature.printStartConfirmation, true);
    assert.deepEqual(body.gcodeAnalysis, { runAt: 'never', bedZ: 0.2 });
    assert.equal(body.server.onlineCheck.interval, 30);
    assert.equal(body.server.onlineCheck.host, '9.9.9.9');
    assert.equal(body.server.diskspace.warning, 1000);
    assert.equal(body.devel.pluginTimings, true);
    assert.deepEqual(body.system.events, [{ event: 'PrintDone', command: 'true', type: 'system' }]);
    assert.equal(body.plugins.gcodeviewer.alwaysCompress, true);
    assert.deepEqual(body.plugins.virtual_printer.capabilities, {
      AUTOREPORT_TEMP: true,
      AUTOREPORT_SD_STATUS: true,
      AUTOREPORT_POS: true,
      EMERGENCY_PARSER: true,
      EXTENDED_M20: false,
      LFN_WRITE: false,
    });
    assert.equal(body.plugins.virtual_printer.numExtruders, 2);
    assert.deepEqual(await get(), body, 'a later read gives the same');

    const file = stored();
    assert.equal(file.serial.timeout.detectionFirst, 12.5);
    assert.equal(file.serial.capabilities.busy_protocol, false);
    assert.equal(file.serial.waitForStartOnConnect, true);
    assert.equal(file.serial.baudrate, 0);
    assert.equal(file.server.onlineCheck.interval, 1800, 'seconds in config.yaml, minutes in the API, as OctoPrint');
    assert.equal(file.feature.keyboardControl, false);
  });

  it("ignores a value outside a setting's choices and refuses a wrong type with 400", async () => {
    const ignored = await post({ serial: { supportResendsWithoutOk: 'sometimes' }, gcodeAnalysis: { runAt: 'later' } });
    assert.equal(ignored.statusCode, 200);
    assert.equal(ignored.json().serial.supportResendsWithoutOk, 'detect');
    assert.equal(ignored.json().gcodeAnalysis.runAt, 'never');
    const refused = await post({ serial: { helloCommand: 42 } });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().error, /serial\.helloCommand/);
    const section = await post({ plugins: { health_check: { checks: 'none' } } });
    assert.equal(section.statusCode, 400);
  });

  it('lets other sites frame the pages only with server.allowFraming (OctoPrint: off)', async () => {
    const framing = async () => {
      const page = await t.app.http.inject({ method: 'GET', url: '/login/' });
      return { xfo: page.headers['x-frame-options'], ancestors: /frame-ancestors/.test(String(page.headers['content-security-policy'])) };
    };
    assert.deepEqual(await framing(), { xfo: 'DENY', ancestors: true });
    assert.equal((await post({ server: { allowFraming: true } })).statusCode, 200);
    assert.deepEqual(await framing(), { xfo: undefined, ancestors: false });
    assert.equal((await post({ server: { allowFraming: false } })).statusCode, 200);
    assert.deepEqual(await framing(), { xfo: 'DENY', ancestors: true });
  });

  it('sends neverSendChecksum and sendChecksumWithUnknownCommands to the driver', () => {
    const config = resolveConfig({ serial: { neverSendChecksum: true, sendChecksumWithUnknownCommands: true } }).config;
    const policy = settingsFromConfig({ config }).checksumPolicy;
    assert.equal(policy.neverSendChecksum, true);
    assert.equal(policy.sendChecksumWithUnknownCommands, true);
    assert.equal(policy.alwaysSendChecksum, false);
  });

  it('keeps each setting at one config.yaml key', () => {
    const keys = KEPT_SETTINGS.map((setting) => setting.config);
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(KEPT_SETTINGS.length > 130);
  });
});
