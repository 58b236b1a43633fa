// Builds the printer side of the app: the driver (in its worker thread, or here), transports, the services, autoconnect.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Basedir, ConfigStore } from '../config/index.js';
import type { EventBus } from '../events/index.js';
import type { FileManager } from '../files/index.js';
import { PrintJobService } from '../jobs/index.js';
import { DriverProxy, PrinterService, createPrinterTransports, settingsFromConfig, virtualPrinterSection, virtualRecordOf } from '../printer/index.js';
import type { DriverConfig, VirtualRecord } from '../printer/index.js';
import type { VirtualPrinter } from '../printer/virtual/index.js';
import { SerialLog } from './serial-log.js';

/** Where the printer driver runs: its own worker thread (the server), or the main thread (tests that reach into it). */
export type DriverThreadMode = 'worker' | 'main';

export interface PrinterSetupOptions {
  config: ConfigStore;
  basedir: Basedir;
  events: EventBus;
  logger: Logger;
  files: FileManager;
  /** Default 'worker'. */
  driverThread?: DriverThreadMode;
  /** Called each time the driver's worker thread has been started (it starts with the first connect). */
  onDriverThreadStarted?: () => void;
}

export interface PrinterSetup {
  readonly printer: PrinterService;
  readonly jobs: PrintJobService;
  readonly driverThread: DriverThreadMode;
  /** The virtual printer of the current (or last) VIRTUAL connection when the driver runs here (null in a worker). */
  readonly virtualPrinter: VirtualPrinter | null;
  /** The virtual printer's record of accepted commands and injected faults, wherever the driver runs. */
  virtualRecord(): Promise<VirtualRecord>;
  /** Connects when `serial.autoconnect` is on (does not wait for the printer). */
  autoconnect(): void;
  /** Disconnects and releases everything (the worker thread ends). */
  stop(): Promise<void>;
}

export function createPrinterSetup(options: PrinterSetupOptions): PrinterSetup {
  const { config, logger } = options;
  const mode = options.driverThread ?? 'worker';
  const driverLogger = { info: (message: string) => logger.info(message), warn: (message: string) => logger.warn(message) };
  const driverConfig = (): DriverConfig => ({ config: config.config, virtualPrinter: virtualPrinterSection(config.config, config.getRaw('plugins.virtual_printer')) });
  // In a worker these transports only list ports (the worker opens its own and reports problems of the section).
  const local = createPrinterTransports(
    () => config.config,
    () => driverConfig().virtualPrinter,
    mode === 'main' ? (message) => logger.warn(message) : () => undefined,
  );
  const proxy = mode === 'worker' ? new DriverProxy({ events: options.events, settings: () => settingsFromConfig(config), config: driverConfig, logger: driverLogger, onThreadStarted: options.onDriverThreadStarted }) : null;
  const configListener = proxy ? config.onDidChange(() => proxy.configChanged()) : null;
  const printer = new PrinterService({
    config,
    basedir: options.basedir,
    events: options.events,
    transports: local.transports,
    logger: driverLogger,
    ...(proxy ? { driver: proxy } : {}),
  });
  const jobs = new PrintJobService({
    printer,
    files: options.files,
    events: options.events,
    onError: (message, error) => logger.warn({ err: error }, message),
  });
  const serialLog = new SerialLog({
    file: join(options.basedir.logs, 'serial.log'),
    log: printer.driver.log,
    events: options.events,
    enabled: () => config.config.serial.log,
    onConfigChange: (listener) => config.onDidChange(listener),
    onError: (error) => logger.warn({ err: error }, 'could not write logs/serial.log (printing goes on)'),
  });
  return {
    printer,
    jobs,
    driverThread: mode,
    get virtualPrinter() {
      return proxy ? null : local.virtualPrinter;
    },
    async virtualRecord() {
      if (proxy) return proxy.virtualRecord();
      return virtualRecordOf(local.virtualPrinter);
    },
    autoconnect() {
      printer.autoconnect().catch((error: unknown) => logger.warn({ err: error }, 'autoconnect failed'));
    },
    async stop() {
      configListener?.dispose();
      jobs.dispose();
      await printer.stop();
      await serialLog.close();
    },
  };
}
