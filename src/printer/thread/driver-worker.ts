// Worker-thread entry of the printer driver: the driver, its transports and the virtual printer, off the server's thread.
import { parentPort, workerData } from 'node:worker_threads';
import { EventBus } from '../../events/index.js';
import { PrinterDriver, settingsFromConfig, systemScheduler } from '../driver/index.js';
import { DriverHost } from './driver-host.js';
import { batchedPoster } from './message-batch.js';
import { createPrinterTransports, virtualRecordOf } from './printer-transports.js';
import type { DriverConfig, FromDriver, ToDriver, VirtualRecord } from './thread-protocol.js';

function runDriver(port: NonNullable<typeof parentPort>, initial: DriverConfig): void {
  let current = initial;
  // One batch a turn (see message-batch.ts): the main thread never sees a state change apart from its event.
  const post = batchedPoster<FromDriver>((messages) => port.postMessage(messages));
  const logger = {
    info: (text: string) => post({ type: 'message', level: 'info', text }),
    warn: (text: string) => post({ type: 'message', level: 'warn', text }),
  };
  const events = new EventBus();
  const scheduler = systemScheduler();
  const printer = createPrinterTransports(
    () => current.config,
    () => current.virtualPrinter,
    (text) => logger.warn(text),
  );
  const driver = new PrinterDriver({
    transports: printer.transports,
    events,
    settings: () => settingsFromConfig({ config: current.config }),
    scheduler,
    logger,
  });
  const virtualRecord = (): VirtualRecord => virtualRecordOf(printer.virtualPrinter);
  const host = new DriverHost({ driver, events, scheduler, post, virtualRecord });
  port.on('message', (message: ToDriver) => {
    if (message.type === 'config') current = message.config;
    else host.handle(message);
  });
}

if (!parentPort) throw new Error('driver-worker must run in a worker thread');
runDriver(parentPort, workerData as DriverConfig);
