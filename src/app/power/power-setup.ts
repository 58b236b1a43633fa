// Builds power control over the printer setup: its view of the printer, and its push message once the push socket exists.
import type { Logger } from 'pino';
import type { ConfigStore } from '../../config/index.js';
import type { EventBus } from '../../events/index.js';
import type { PrinterSetup } from '../printer-setup.js';
import { PowerControl } from './power-control.js';
import type { PowerClock, PowerPrinter } from './power-control.js';

const NOT_CONNECTED = new Set(['OFFLINE', 'CLOSED', 'ERROR', 'CLOSED_WITH_ERROR']);

export function powerPrinterOf(printer: PrinterSetup): PowerPrinter {
  const { driver, service } = printer;
  return {
    isClosedOrError: () => !driver.running || NOT_CONNECTED.has(driver.state),
    isBusy: () => driver.isPrinting || driver.isPaused,
    connect: async () => {
      await service.connect({});
    },
    disconnect: () => service.disconnect(),
    temperatures: () => driver.temperatures.current(),
    send: (lines) => driver.call('commands', lines),
  };
}

export function createPowerControl(options: { config: ConfigStore; events: EventBus; logger: Logger; printer: PrinterSetup; idleClock?: PowerClock }): PowerControl {
  const { logger } = options;
  return new PowerControl({
    settings: () => options.config.config.plugins.psucontrol,
    events: options.events,
    printer: powerPrinterOf(options.printer),
    logger: { info: (message) => logger.info(message), warn: (message) => logger.warn(message) },
    idleClock: options.idleClock,
  });
}
