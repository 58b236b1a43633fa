// The web side of action commands with the real driver client and host (in this process) over a scripted firmware:
// plugin messages reach the push sink with their plugin's permission, and //action:shutdown runs the configured command
// only when the printer may shut the host down.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigStore } from '../config/index.js';
import { EventBus } from '../events/index.js';
import type { PermissionKey } from '../auth/index.js';
import { DriverClient, virtualPrinterSection } from '../printer/index.js';
import { inProcessDriver } from '../../test/support/in-process-driver.js';
import { ScriptedFirmware } from '../../test/support/scripted-firmware.js';
import { until } from '../../test/support/until.js';
import { wireActionCommands } from './action-command-wiring.js';

const dir = mkdtempSync(join(tmpdir(), 'argonaut-action-wiring-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function setup(name: string, enable: boolean) {
  const marker = join(dir, `${name}-shut-down`);
  const config = ConfigStore.fromText(
    `feature:\n  sdSupport: false\nserial:\n  enableShutdownActionCommand: ${enable}\nserver:\n  commands:\n    systemShutdownCommand: "touch ${marker}"\n`,
    join(dir, `${name}.yaml`),
  );
  const firmware = new ScriptedFirmware({ mode: 'async' });
  const client = new DriverClient({
    events: new EventBus(),
    config: () => ({ config: config.config, virtualPrinter: virtualPrinterSection(config.config, undefined) }),
    logger: { info: () => undefined, warn: () => undefined },
    start: inProcessDriver({ listPorts: async () => ['SCRIPTED'], create: () => firmware }),
  });
  const sent: Array<{ plugin: string; data: unknown; permissions: readonly PermissionKey[] | undefined }> = [];
  const warnings: string[] = [];
  wireActionCommands({
    driver: client,
    config,
    push: { sendPluginMessage: (plugin, data, options) => sent.push({ plugin, data, permissions: options?.permissions }) },
    logger: { info: () => undefined, warn: (text) => warnings.push(text) },
  });
  assert.equal(await client.call('connect', { port: 'SCRIPTED', baudrate: 115200 }), true);
  return { client, firmware, sent, warnings, marker };
}

describe('action commands on the web side', () => {
  it('sends plugin messages with the plugin permission to see them', async () => {
    const { client, firmware, sent } = await setup('messages', false);
    try {
      firmware.send('//action:notification Hello');
      await until(() => sent.length > 0, 'the notification message');
      assert.deepEqual(sent[0], { plugin: 'action_command_notification', data: { message: 'Hello' }, permissions: ['PLUGIN_ACTION_COMMAND_NOTIFICATION_SHOW'] });
    } finally {
      await client.dispose();
    }
  });

  it('//action:shutdown is refused unless serial.enableShutdownActionCommand is on', async () => {
    const { client, firmware, warnings, marker } = await setup('refused', false);
    try {
      firmware.send('//action:shutdown');
      await until(() => warnings.length > 0, 'the refusal');
      assert.match(warnings[0] ?? '', /not enabled/);
      assert.equal(existsSync(marker), false);
    } finally {
      await client.dispose();
    }
  });

  it('//action:shutdown runs server.commands.systemShutdownCommand when enabled', async () => {
    const { client, firmware, marker } = await setup('enabled', true);
    try {
      firmware.send('//action:shutdown');
      await until(() => existsSync(marker), 'the shutdown command to run');
    } finally {
      await client.dispose();
    }
  });
});
