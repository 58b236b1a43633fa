// PrinterService with the real driver process: a driver that stops answering makes calls fail as unavailable, and stop() still ends it in bounded time.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigStore } from '../config/index.js';
import { EventBus } from '../events/index.js';
import { isArgonautError } from '../shared/index.js';
import { PrinterService } from './printer-service.js';
import { DriverClient, createPrinterTransports, startDriverProcess, virtualPrinterSection } from './process/index.js';
import { processAlive } from '../../test/support/until.js';

const dir = mkdtempSync(join(tmpdir(), 'argonaut-printer-service-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('PrinterService with a driver process that stops answering', () => {
  it('a call fails as unavailable after its timeout, and stop() ends the process anyway', { timeout: 60_000, skip: process.platform === 'win32' }, async () => {
    const config = ConfigStore.fromText('plugins:\n  virtual_printer:\n    instant: true\n', join(dir, 'config.yaml'));
    const driverConfig = () => ({ config: config.config, virtualPrinter: virtualPrinterSection(config.config, config.getRaw('plugins.virtual_printer')) });
    const driver = new DriverClient({ events: new EventBus(), config: driverConfig, logger: { info: () => undefined, warn: () => undefined }, callTimeoutMs: 500 });
    const listing = createPrinterTransports(() => config.config, driverConfig, () => undefined);
    mkdirSync(join(dir, 'profiles'), { recursive: true });
    const service = new PrinterService({ config, basedir: { printerProfiles: join(dir, 'profiles') }, transports: listing.transports, driver });
    let pid: number | undefined;
    try {
      assert.equal(await driver.call('connect', { port: 'VIRTUAL', baudrate: 115200 }), true);
      pid = driver.pid as number;
      // The process hangs (stopped): it holds its channel open but answers nothing.
      process.kill(pid, 'SIGSTOP');
      await assert.rejects(driver.call('commands', ['M105']), (error: unknown) => isArgonautError(error) && error.code === 'unavailable');
      // Before, stop() waited for the disconnect's reply for ever.
      await service.stop(1000);
      assert.ok(!processAlive(pid), 'stop() returned and the process is gone');
    } finally {
      if (pid !== undefined && processAlive(pid)) process.kill(pid, 'SIGKILL');
      await driver.dispose();
    }
  });

  it('a call to a process that has ended fails as not operational instead of being dropped', { timeout: 30_000 }, async () => {
    let crashed = (): void => undefined;
    const ended = new Promise<void>((resolve) => (crashed = resolve));
    const started = startDriverProcess(
      () => undefined,
      () => crashed(),
    );
    // Referenced, so that the test waits for the exit to show.
    started.busy();
    process.kill(started.pid as number, 'SIGKILL');
    await ended;
    assert.throws(
      () => started.send({ id: 1, method: 'terminalLines', args: [] }),
      (error: unknown) => isArgonautError(error) && error.code === 'not-operational',
    );
  });
});
