// The driver side of the contract: builds the driver with its transports, runs calls on it, and posts what happens.
import { EventBus } from '../../events/index.js';
import { settingsFromConfig, systemScheduler } from '../driver/index.js';
import type { TransportFactory } from '../transport/index.js';
import { CallHost } from './call-host.js';
import type { Call, DriverCalls, DriverConfig, FromDriver } from './driver-contract.js';
import { DriverStreams } from './driver-streams.js';
import { HostedDriver } from './hosted-driver.js';
import { createPrinterTransports } from './printer-transports.js';
import { virtualRecordOf } from './virtual-record.js';

export interface DriverHost {
  handle(call: Call<DriverCalls>): Promise<void>;
  /** A line for the web server's log. */
  log(level: 'info' | 'warn', text: string): void;
  dispose(): void;
  /** The web server is gone: heaters and fan off (unless printing from SD) and the port closed. */
  release(): Promise<void>;
}

/**
 * Builds the driver from `initial` (config.yaml as it is at the first connect); `post` sends to the web side.
 * `transports` replaces those of config.yaml (tests drive a scripted firmware through the same host).
 */
export function createDriverHost(initial: DriverConfig, post: (message: FromDriver) => void, transports?: TransportFactory): DriverHost {
  let current = initial;
  const events = new EventBus();
  const scheduler = systemScheduler();
  let streams: DriverStreams | null = null;
  const logger = {
    info: (text: string) => streams?.log('info', text),
    warn: (text: string) => streams?.log('warn', text),
  };
  const printer = createPrinterTransports(
    () => current.config,
    () => current.virtualPrinter,
    (text) => post({ type: 'event', event: { kind: 'log', level: 'warn', text } }),
  );
  const driver = new HostedDriver({
    transports: transports ?? printer.transports,
    events,
    settings: () => settingsFromConfig({ config: current.config }),
    scheduler,
    logger,
    virtualRecord: () => virtualRecordOf(printer.virtualPrinter),
    configure: (config) => {
      current = config;
    },
  });
  const live = new DriverStreams({ driver, events, scheduler, post });
  streams = live;
  const host = new CallHost<DriverCalls>(driver, {
    beforeReply: () => live.sendState(),
    reply: (id, value, error) => post(error ? { type: 'reply', id, error } : { type: 'reply', id, value }),
  });
  return {
    handle: (call) => host.handle(call),
    log: (level, text) => live.log(level, text),
    dispose: () => live.dispose(),
    release: async () => {
      live.dispose();
      await driver.releaseForExit();
    },
  };
}
