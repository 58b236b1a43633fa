// Builds the printer side of the app: transports (serial + VIRTUAL), the printer service, the job service, autoconnect.
import type { Logger } from 'pino';
import type { Basedir, ConfigStore } from '../config/index.js';
import type { EventBus } from '../events/index.js';
import type { FileManager } from '../files/index.js';
import { PrintJobService } from '../jobs/index.js';
import { PrinterService, createTransportFactory } from '../printer/index.js';
import { SdCard, VIRTUAL_PORT, VirtualPrinter, virtualPrinterOptionsFromConfig } from '../printer/virtual/index.js';

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
  /** The section as written (our keys and OctoPrint's) over the schema defaults. */
  const virtualOptions = () => {
    const raw = config.getRaw('plugins.virtual_printer');
    const section = { ...config.config.plugins.virtual_printer, ...(typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}) };
    return virtualPrinterOptionsFromConfig(section);
  };
  if (config.config.plugins.virtual_printer.enabled) {
    const { unknown, problems } = virtualOptions();
    if (unknown.length > 0) logger.warn(`Unknown plugins.virtual_printer keys ignored: ${unknown.join(', ')}`);
    for (const problem of problems) logger.warn(`plugins.virtual_printer: ${problem}`);
    transports.register(VIRTUAL_PORT, () => {
      virtualPrinter = new VirtualPrinter({ ...virtualOptions().options, sdCardInstance: virtualCard });
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
