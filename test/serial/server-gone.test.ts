// The web server dies while the driver process holds a printer on a real pseudo-terminal: the driver turns the heaters
// and the part fan off and closes the port before it exits (a board on native USB does not reset when its port closes).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigStore } from '../../src/config/index.js';
import { EventBus } from '../../src/events/index.js';
import { DriverClient, virtualPrinterSection } from '../../src/printer/index.js';
import { startFakeMarlin } from '../support/fake-marlin/index.js';
import type { FakeMarlinHandle } from '../support/fake-marlin/index.js';
import { serialConfig } from '../support/serial-driver.js';
import { processAlive, until } from '../support/until.js';

describe('the web server gone while the driver holds the printer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argonaut-server-gone-'));
  let firmware: FakeMarlinHandle | undefined;
  after(async () => {
    await firmware?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns every heater and the fan off, then closes the port and exits', { timeout: 60_000 }, async () => {
    firmware = await startFakeMarlin({ seed: 3, autoreportPeriodMs: 200 });
    const config = ConfigStore.fromText(serialConfig(), join(dir, 'config.yaml'));
    const client = new DriverClient({
      events: new EventBus(),
      config: () => ({ config: config.config, virtualPrinter: virtualPrinterSection(config.config, config.getRaw('plugins.virtual_printer')) }),
      logger: { info: () => undefined, warn: () => undefined },
    });
    try {
      assert.equal(await client.call('connect', { port: firmware.path, baudrate: 250000 }), true, client.error ?? '');
      await client.call('commands', ['M104 S200', 'M140 S60', 'M106 S255']);
      await until(async () => (await firmware?.accepted())?.includes('M106 S255') === true, 'the heat-up commands');
      await until(() => Object.keys(client.temperatures.current()).includes('tool0'), 'a temperature report');
      const pid = client.pid as number;
      await firmware.clearAccepted();
      // What the driver sees when the server dies: its channel closes without a disconnect call first.
      await client.dispose();
      await until(() => !processAlive(pid), 'the driver process to exit', 5000);
      const accepted = await firmware.accepted();
      assert.deepEqual(accepted, ['M104 T0 S0', 'M140 S0', 'M107']);
    } finally {
      await client.dispose();
    }
  });
});
