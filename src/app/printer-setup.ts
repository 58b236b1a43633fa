// Builds the printer side of the app: transports (serial + VIRTUAL), the printer service, the job service, autoconnect.
import type { Logger } from 'pino';
import type { Basedir, ConfigStore } from '../config/index.js';
import type { EventBus } from '../events/index.js';
import type { FileManager } from '../files/index.js';
import { PrintJobService } from '../jobs/index.js';
import { PrinterService, createTransportFactory } from '../printer/index.js';
import { SdCard, VIRTUAL_PORT, VirtualPrinter } from '../printer/virtual/index.js';

export interface PrinterSetup {
  readonly printer: PrinterService;
  readonly jobs: PrintJobService;
  /** The virtual printer of the current (or last) VIRTUAL connection, for tests and demos. */
  readonly virtualPrinter: VirtualPrinter | null;
  /** Connects when `serial.autoconnect` is on (does not wait for the printer). */
  autoconnect(): void;
  /** Disconnects and releases everything. */
  stop(): Promise<void>;
}

export function createPrinterSetup(options: { config: ConfigStore; basedir: Basedir; events: EventBus; logger: Logger; files: FileManager }): PrinterSetup {
  const { config, logger } = options;
  const serial = config.config.serial;
  const transports = createTransportFactory({ listing: { additionalPorts: serial.additionalPorts } });
  let virtualPrinter: VirtualPrinter | null = null;
  const virtualCard = new SdCard();
  if (config.config.plugins.virtual_printer.enabled) {
    transports.register(VIRTUAL_PORT, () => {
      const settings = config.config.plugins.virtual_printer;
      virtualPrinter = new VirtualPrinter({
        instant: settings.instant,
        checksumErrorRate: settings.checksumErrorRate,
        dropOkRate: settings.dropOkRate,
        busyRate: settings.busyRate,
        seed: settings.seed,
        sdCardInstance: virtualCard,
      });
      return virtualPrinter;
    });
  }
  const printer = new PrinterService({
    config,
    basedir: options.basedir,
    events: options.events,
    transports,
    logger: { info: (message) => logger.info(message), warn: (message) => logger.warn(message) },
  });
  const jobs = new PrintJobService({
    printer,
    files: options.files,
    events: options.events,
    onError: (message, error) => logger.warn({ err: error }, message),
  });
  return {
    printer,
    jobs,
    get virtualPrinter() {
      return virtualPrinter;
    },
    autoconnect() {
      printer.autoconnect().catch((error: unknown) => logger.warn({ err: error }, 'autoconnect failed'));
    },
    async stop() {
      jobs.dispose();
      await printer.stop();
    },
  };
}
