// Builds the printer side of the app: the driver's client (the driver runs in its own process), the port listing, the services, autoconnect.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Basedir, ConfigStore } from '../config/index.js';
import type { EventBus } from '../events/index.js';
import type { FileManager } from '../files/index.js';
import { DisplayProgress, PrintJobService } from '../jobs/index.js';
import type { DisplayClock } from '../jobs/index.js';
import { DriverClient, PrinterService, createDriverLauncher, createPrinterTransports, virtualPrinterSection, virtualRecordOf } from '../printer/index.js';
import type { DriverConfig, DriverLauncher, StartDriverProcess, VirtualRecord } from '../printer/index.js';
import { SerialLog } from './serial-log.js';

export interface PrinterSetupOptions {
  config: ConfigStore;
  basedir: Basedir;
  events: EventBus;
  logger: Logger;
  files: FileManager;
  /** Called each time a driver process has been started (it starts with the first connect). */
  onDriverStarted?: () => void;
  /** Starts the driver process (default: dist/driver-entry.js, or the sources under tsx, forked by the launcher thread). */
  startDriver?: StartDriverProcess;
  /** Run before each connect and before each print (power control switches the printer on). */
  beforeConnect?: () => Promise<void>;
  beforePrint?: () => Promise<void>;
  /** The clock of the progress shown on the printer's display (tests pass a manual one). */
  displayClock?: DisplayClock;
}

export interface PrinterSetup {
  /** Connection, profiles and ports. */
  readonly service: PrinterService;
  /** The driver's client: its last state, its streams, and calls into the driver process. */
  readonly driver: DriverClient;
  readonly jobs: PrintJobService;
  /** M73/M117 progress on the printer's display while printing (plugins.display_progress). */
  readonly display: DisplayProgress;
  /** The virtual printer's record of accepted commands and injected faults (from the driver process). */
  virtualRecord(): Promise<VirtualRecord>;
  /** Connects when `serial.autoconnect` is on (does not wait for the printer). */
  autoconnect(): void;
  /** Disconnects and releases everything (the driver process ends). */
  stop(): Promise<void>;
}

export function createPrinterSetup(options: PrinterSetupOptions): PrinterSetup {
  const { config, logger } = options;
  const driverConfig = (): DriverConfig => ({ config: config.config, virtualPrinter: virtualPrinterSection(config.config, config.getRaw('plugins.virtual_printer')) });
  // These transports only list ports: the driver process opens its own (and reports problems of the virtual printer's section).
  const listing = createPrinterTransports(
    () => config.config,
    () => driverConfig().virtualPrinter,
    () => undefined,
  );
  // The launcher thread is made by the first connect, just before the web server steps back (lowerApiPriority runs once
  // the first driver process has been asked for): every driver process, one forked after a crash too, starts at the
  // priority the server had. Made lazily, so an idle server with no printer connected holds no thread for it.
  let launcher: DriverLauncher | null = null;
  const launch: StartDriverProcess = (onMessage, onCrash) => (launcher ??= createDriverLauncher()).start(onMessage, onCrash);
  const driver = new DriverClient({
    events: options.events,
    config: driverConfig,
    logger: {
      info: (message) => logger.info(message),
      warn: (message) => logger.warn(message),
      error: (message, error) => logger.error({ err: error }, message),
    },
    start: options.startDriver ?? launch,
    onStarted: options.onDriverStarted,
  });
  const configListener = config.onDidChange(() => driver.configChanged());
  // The SD card's listing changed (read, refreshed, released): clients reload their file lists, as with OctoPrint.
  const sdListener = driver.onDidChangeSdFiles(() => options.events.emit('UpdatedFiles', { type: 'printables' }));
  const service = new PrinterService({ config, basedir: options.basedir, transports: listing.transports, driver, beforeConnect: options.beforeConnect });
  const jobs = new PrintJobService({
    printer: service,
    files: options.files,
    events: options.events,
    beforeStart: options.beforePrint,
    onError: (message, error) => logger.warn({ err: error }, message),
  });
  const display = new DisplayProgress({
    settings: () => config.config.plugins.display_progress,
    events: options.events,
    progress: () => jobs.jobData().progress,
    isPrinting: () => driver.isPrinting && !driver.isPaused,
    send: (lines) => driver.call('commands', lines),
    clock: options.displayClock,
    onError: (error) => logger.warn({ err: error }, 'could not send the progress to the printer display'),
  });
  const serialLog = new SerialLog({
    file: join(options.basedir.logs, 'serial.log'),
    log: driver.log,
    events: options.events,
    enabled: () => config.config.serial.log,
    onConfigChange: (listener) => config.onDidChange(listener),
    onError: (error) => logger.warn({ err: error }, 'could not write logs/serial.log (printing goes on)'),
  });
  return {
    service,
    driver,
    jobs,
    display,
    async virtualRecord() {
      if (!driver.running) return virtualRecordOf(null);
      return driver.call('virtualRecord');
    },
    autoconnect() {
      service.autoconnect().catch((error: unknown) => logger.warn({ err: error }, 'autoconnect failed'));
    },
    async stop() {
      configListener.dispose();
      sdListener.dispose();
      jobs.dispose();
      display.dispose();
      await service.stop();
      await launcher?.close();
      await serialLog.close();
    },
  };
}
