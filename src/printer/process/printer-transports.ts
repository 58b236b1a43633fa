// The driver process's transports from config.yaml: serial ports, plus the virtual printer as port VIRTUAL when enabled.
import type { Config } from '../../config/index.js';
import type { CombinedTransportFactory } from '../transport/index.js';
import { createTransportFactory } from '../transport/index.js';
import { SdCard, VIRTUAL_PORT, VirtualPrinter, virtualPrinterOptionsFromConfig } from '../virtual/index.js';

export interface PrinterTransports {
  readonly transports: CombinedTransportFactory;
  /** The virtual printer of the current (or last) VIRTUAL connection. */
  readonly virtualPrinter: VirtualPrinter | null;
}

/**
 * `config` and `virtualSection` are read again for each new virtual printer, so edits apply at the next connect.
 * `warn` receives problems of the virtual printer section (once, here).
 */
export function createPrinterTransports(config: () => Config, virtualSection: () => Record<string, unknown>, warn: (message: string) => void): PrinterTransports {
  const transports = createTransportFactory({ listing: { additionalPorts: config().serial.additionalPorts } });
  let virtualPrinter: VirtualPrinter | null = null;
  // The card outlives each connection, as a real card in a real printer would.
  const virtualCard = new SdCard();
  if (config().plugins.virtual_printer.enabled) {
    const { unknown, problems } = virtualPrinterOptionsFromConfig(virtualSection());
    if (unknown.length > 0) warn(`Unknown plugins.virtual_printer keys ignored: ${unknown.join(', ')}`);
    for (const problem of problems) warn(`plugins.virtual_printer: ${problem}`);
    transports.register(VIRTUAL_PORT, () => {
      virtualPrinter = new VirtualPrinter({ ...virtualPrinterOptionsFromConfig(virtualSection()).options, sdCardInstance: virtualCard });
      return virtualPrinter;
    });
  }
  return {
    transports,
    get virtualPrinter() {
      return virtualPrinter;
    },
  };
}
