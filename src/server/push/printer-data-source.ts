// Adapts the printer driver and the print job to the push socket's data source (`current` and `history`).
import type { DriverSnapshot, LogListener, TemperatureHistoryPoint } from '../../printer/index.js';
import type { Disposable } from '../../shared/index.js';
import { formatLogLine, isPrinterMessage } from '../../printer/index.js';
import type { BusyFile, PushDataSource, PushStateSnapshot } from './push-types.js';

/** The part of the printer driver the socket reads: its last state and streams; the history is fetched from the driver. */
export interface PrinterFeed {
  snapshot(): DriverSnapshot;
  readonly log: { recent(): Promise<string[]>; onLine(listener: LogListener): Disposable };
  readonly temperatures: {
    history(): Promise<TemperatureHistoryPoint[]>;
    onUpdate(listener: (point: TemperatureHistoryPoint) => void): Disposable;
  };
}

/** The part of the print job the socket reads: `job` and `progress` as GET /api/job reports them. */
export interface JobFeed {
  jobData(): { job: object; progress: object };
  busyFiles(): ReadonlyArray<BusyFile>;
}

export function printerDataSource(printer: PrinterFeed, jobs: JobFeed): PushDataSource {
  return {
    snapshot(): PushStateSnapshot {
      const driver = printer.snapshot();
      const status = jobs.jobData();
      return {
        state: { text: driver.state.text, flags: driver.state.flags, error: driver.state.error },
        job: status.job,
        progress: status.progress,
        currentZ: driver.currentZ,
        offsets: driver.offsets,
        resends: driver.resends,
        busyFiles: jobs.busyFiles().map((file) => ({ origin: file.origin, path: file.path })),
      };
    },
    temperatureHistory: () => printer.temperatures.history(),
    recentLogs: () => printer.log.recent(),
    onLog: (listener) => printer.log.onLine((direction, text) => listener(formatLogLine(direction, text))),
    // As OctoPrint: while operational, the received lines that no protocol rule consumed.
    onMessage: (listener) =>
      printer.log.onLine((direction, text) => {
        if (direction === 'recv' && printer.snapshot().state.flags.operational && isPrinterMessage(text)) listener(text);
      }),
    onTemperature: (listener) => printer.temperatures.onUpdate(listener),
  };
}
