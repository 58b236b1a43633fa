// Power switched and sensed by command lines (PSU Control's SYSTEM methods) in the real app: `touch`/`rm` switch a
// stand-in device (a file), `test -e` senses it (exit 0 on, 1 off), and a switch made outside Argonaut is noticed.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp } from '../../../test/support/test-app.js';
import type { TestApp } from '../../../test/support/test-app.js';
import { until } from '../../../test/support/until.js';
import { CommandSwitch } from './command-switch.js';

describe('power by command lines', { skip: process.platform === 'win32' }, () => {
  const folder = mkdtempSync(join(tmpdir(), 'argonaut-power-'));
  const device = join(folder, 'relay on');
  let t: TestApp;

  before(async () => {
    t = await createTestApp({
      config: `
accessControl:
  enabled: false
plugins:
  psucontrol:
    enabled: true
    switchingMethod: SYSTEM
    onSysCommand: touch "${device}"
    offSysCommand: rm -f "${device}"
    sensingMethod: SYSTEM
    senseSystemCommand: test -e "${device}"
    sensePollingInterval: 1
`,
    });
    t.app.power.start();
  });
  after(async () => {
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('switches with the on and off commands and reads the state with the sensing command', async () => {
    await t.app.power.turnOn();
    assert.equal(existsSync(device), true, 'the on command ran, with the quoted path as one argument');
    assert.equal(t.app.power.isOn, true);
    await t.app.power.turnOff();
    assert.equal(existsSync(device), false);
    assert.equal(t.app.power.isOn, false);
  });

  it('notices a switch made elsewhere at the next reading', { timeout: 30_000 }, async () => {
    writeFileSync(device, '');
    await until(() => t.app.power.isOn, 'the sensing command to report on', 20_000);
    rmSync(device);
    await until(() => !t.app.power.isOn, 'the sensing command to report off', 20_000);
  });

  it('reads exit code 0 as on, 1 as off and anything else as unknown; a failing switch command is an error', async () => {
    const power = new CommandSwitch({ on: 'false', off: 'true', sense: 'sh -c "exit 3"' });
    assert.equal(await power.read(), null);
    await assert.rejects(power.set(true), /exited with 1/);
    await power.set(false);
    assert.equal(await new CommandSwitch({ on: 'true', off: 'true', sense: null }).read(), null, 'no sensing command: cannot tell');
    await assert.rejects(new CommandSwitch({ on: '', off: '', sense: null }).set(true), /No command is set/);
  });
});
