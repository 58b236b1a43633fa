// OctoPrint config.yaml → Argonaut config edits: the key map, conversions, reasons for what is left out, and conflicts.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigStore } from '../../config/index.js';
import { NO_COUNTERPART, classifyConfig } from './config-mapping.js';
import { planConfig } from './import-config.js';
import { ImportReport } from './import-report.js';
import { planScripts } from './import-scripts.js';

function plan(octoprint: unknown, ours = ''): { edits: ReturnType<typeof planConfig>; report: ImportReport } {
  const report = new ImportReport('/octoprint', '/argonaut', false);
  return { edits: planConfig(octoprint, ConfigStore.fromText(ours), report), report };
}

describe('config import', () => {
  it("maps OctoPrint's keys to Argonaut's, converting where the two differ", () => {
    const { edits, report } = plan({
      serial: { port: 'AUTO', baudrate: null, timeout: { temperatureAutoreport: 3.6 }, maxCommunicationTimeouts: { idle: 4 } },
      server: { reverseProxy: { portFallback: 8443, trustedDownstream: ['192.0.2.1'], schemeFallback: 'https' } },
      appearance: { colorTransparent: true },
      temperature: { cutoff: 45 },
    });
    assert.deepEqual(edits, [
      { path: 'serial.port', value: 'AUTO' },
      { path: 'serial.timeout.temperatureAutoreport', value: 4 },
      { path: 'serial.maxCommunicationTimeouts.idle', value: 4 },
      { path: 'server.reverseProxy.portFallback', value: '8443' },
      { path: 'server.reverseProxy.trustedProxies', value: ['192.0.2.1'] },
      { path: 'server.reverseProxy.schemeFallback', value: 'https' },
      { path: 'appearance.colorTransparent', value: true },
      { path: 'temperature.cutoff', value: 45 },
    ]);
    assert.equal(report.entries.find((e) => e.subject === 'serial.baudrate')?.outcome, 'unchanged', 'null (detect) is already Argonaut 0');
  });

  it('lists every key it leaves out with a reason, sections without any counterpart once', () => {
    const items = classifyConfig({
      api: { key: 'SECRET', apps: {} },
      plugins: { cura: { x: 1 }, discovery: {} },
      gcodeViewer: { enabled: true, sizeThreshold: 1 },
      feature: { sdSupport: false },
      serial: { capabilities: { autoreport_temp: false }, exclusive: false },
      accessControl: { autologinLocal: true },
      scripts: { gcode: { afterPrintDone: 'M84' } },
    });
    const reasons = Object.fromEntries(items.map((item) => [item.key, 'reason' in item ? item.reason : 'mapped']));
    assert.match(reasons['api.key'] ?? '', /no global API key \(D1\)/);
    assert.equal(reasons['plugins'], 'OctoPrint plugins do not run in Argonaut (settings of cura, discovery)');
    assert.equal(reasons['gcodeViewer'], NO_COUNTERPART);
    assert.equal(reasons['feature.sdSupport'], 'mapped');
    assert.equal(reasons['serial.capabilities.autoreport_temp'], 'mapped', "OctoPrint's settings kept for its clients come along");
    assert.equal(reasons['serial.exclusive'], 'mapped');
    assert.match(reasons['accessControl.autologinLocal'] ?? '', /security setting/);
    assert.equal(reasons['scripts'], undefined, 'scripts are imported by their own step');
    assert.equal('api.apps' in reasons, false, 'an empty section says nothing');
  });

  it("keeps Argonaut's own values, refuses values Argonaut cannot take, and treats another salt as a problem", () => {
    const { edits, report } = plan(
      { serial: { port: '/dev/ttyACM0', autoconnect: true }, appearance: { color: 'teal', name: 'Same' }, accessControl: { salt: 'octoprint-salt' } },
      'serial:\n  port: VIRTUAL\n  autoconnect: true\nappearance:\n  name: Same\naccessControl:\n  salt: argonaut-salt\n',
    );
    assert.deepEqual(edits, []);
    const outcome = (subject: string) => report.entries.find((e) => e.subject === subject);
    assert.equal(outcome('serial.port')?.outcome, 'kept');
    assert.match(outcome('serial.port')?.detail ?? '', /Argonaut's config.yaml has "VIRTUAL"; OctoPrint has "\/dev\/ttyACM0"/);
    assert.equal(outcome('serial.autoconnect')?.outcome, 'unchanged');
    assert.equal(outcome('appearance.name')?.outcome, 'unchanged');
    assert.equal(outcome('appearance.color')?.outcome, 'problem');
    assert.equal(outcome('accessControl.salt')?.outcome, 'problem');
    assert.ok(!report.lines().join('\n').includes('argonaut-salt') && !report.lines().join('\n').includes('octoprint-salt'), 'neither salt is printed');
  });
});

describe('G-code scripts import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argonaut-import-scripts-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('takes files over config.yaml, renames afterPrintResumed, and leaves out templates and unknown scripts', async () => {
    mkdirSync(join(dir, 'gcode'));
    writeFileSync(join(dir, 'gcode/afterPrintDone'), 'M84 ; from the file');
    writeFileSync(join(dir, 'gcode/afterPrintResumed'), 'M117 resumed');
    writeFileSync(join(dir, 'gcode/beforeToolChange'), 'M117 tool');
    writeFileSync(join(dir, 'gcode/afterPrinterConnected'), 'M117 {{ printer_profile.name }}');
    writeFileSync(join(dir, 'gcode/.swp'), 'editor leftovers');
    const report = new ImportReport('/octoprint', '/argonaut', false);
    const config = { scripts: { gcode: { afterPrintDone: 'M84 ; from config.yaml', beforePrintPaused: 'M117 paused', afterPrintCancelled: null } } };
    const edits = await planScripts(dir, config, ConfigStore.fromText(''), report);
    assert.deepEqual(edits, [
      { path: 'scripts.gcode.afterPrintDone', value: 'M84 ; from the file' },
      { path: 'scripts.gcode.beforePrintPaused', value: 'M117 paused' },
      { path: 'scripts.gcode.beforePrintResumed', value: 'M117 resumed' },
    ]);
    const outcome = (subject: string) => report.entries.find((e) => e.subject === subject)?.outcome;
    assert.equal(outcome('scripts/gcode/beforeToolChange'), 'not-imported');
    assert.equal(outcome('scripts/gcode/afterPrinterConnected'), 'not-imported');
    assert.equal(report.entries.some((e) => e.subject.includes('.swp')), false);
    writeFileSync(join(dir, 'gcode/beforePrintResumed'), 'M117 ours');
    const again = new ImportReport('/octoprint', '/argonaut', false);
    const both = await planScripts(dir, {}, ConfigStore.fromText(''), again);
    assert.deepEqual(both.find((e) => e.path === 'scripts.gcode.beforePrintResumed'), { path: 'scripts.gcode.beforePrintResumed', value: 'M117 ours' });
    assert.equal(again.entries.find((e) => e.subject === 'scripts/gcode/afterPrintResumed')?.outcome, 'not-imported');
  });
});
