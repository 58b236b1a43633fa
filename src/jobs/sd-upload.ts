// Copies a local file onto the printer's SD card, shows the transfer as the job, and selects/prints the copy after.
import type { EventBus } from '../events/index.js';
import type { PrinterService, SdTransferView } from '../printer/index.js';
import { ArgonautError } from '../shared/index.js';
import type { JobInfo, ProgressInfo } from './job-data.js';
import type { SelectOptions } from './job-service.js';
import { estimateTimeLeft } from './time-estimate.js';

export interface SdUploadOptions {
  /** Select the copy once it is on the card (and print it when `print`). */
  select: boolean;
  print: boolean;
  user: string | null;
}

export interface SdUploadHost {
  printer: PrinterService;
  events: EventBus;
  files: { absolutePath(path: string): string; getFile(path: string): Promise<unknown> };
  /** Selects (and prints) a file of the card once it is listed. */
  select(path: string, options: SelectOptions): Promise<void>;
  /** The copy replaces the selection, as OctoPrint's transfer replaces its current file. */
  forgetSelection(): void;
  onError(message: string, error: unknown): void;
}

/** How long the card's new listing may take after the transfer before select/print is given up. */
const LISTING_WAIT_MS = 15_000;

/** The job of GET /api/job while a transfer runs: the card's file (OctoPrint's job data of a transfer). */
export function transferJob(view: SdTransferView): JobInfo {
  return {
    file: { name: view.remote, path: view.remote, display: view.remote, origin: 'sdcard', size: view.size, date: null },
    estimatedPrintTime: null,
    averagePrintTime: null,
    lastPrintTime: null,
    filament: null,
    user: view.user,
  };
}

export function transferProgress(view: SdTransferView): ProgressInfo {
  const fraction = view.size > 0 ? Math.min(1, view.position / view.size) : 0;
  const left = estimateTimeLeft({ completion: fraction, printTime: view.elapsed, averagePrintTime: null, slicerEstimate: null, analysisEstimate: null });
  return { completion: fraction * 100, filepos: view.position, printTime: view.elapsed, ...left };
}

export class SdUploads {
  constructor(private readonly host: SdUploadHost) {}

  /**
   * Starts copying the local file `path` onto the card; resolves with the copy's name there once the transfer started.
   * Throws not-found, not-operational, or conflict (busy, card not ready).
   */
  async copy(path: string, options: SdUploadOptions): Promise<string> {
    if (!(await this.host.files.getFile(path))) throw new ArgonautError('not-found', 'File not found');
    const driver = this.host.printer.driver;
    // Listen before the call: a small file can be on the card before the call's answer is here.
    const ended = this.transferEnd(path);
    let remote: string;
    try {
      remote = await driver.call('startSdTransfer', { path: this.host.files.absolutePath(path), name: path, user: options.user });
    } catch (error) {
      ended.cancel();
      throw error;
    }
    this.host.forgetSelection();
    void ended.result.then(async (done) => {
      if (!done || !(options.select || options.print)) return;
      try {
        await this.listed(remote);
        await this.host.select(remote, { print: options.print, user: options.user });
      } catch (error) {
        this.host.onError(`Could not select ${remote} on the SD card after the upload`, error);
      }
    });
    return remote;
  }

  /** Resolves true on TransferDone, false on TransferFailed, of this local file. */
  private transferEnd(local: string): { result: Promise<boolean>; cancel(): void } {
    const events = this.host.events;
    let settle: (done: boolean) => void = () => undefined;
    const result = new Promise<boolean>((resolve) => (settle = resolve));
    const subscriptions = [
      events.on('TransferDone', (payload) => payload.local === local && finish(true)),
      events.on('TransferFailed', (payload) => payload.local === local && finish(false)),
    ];
    const finish = (done: boolean): void => {
      for (const subscription of subscriptions) subscription.dispose();
      settle(done);
    };
    return { result, cancel: () => finish(false) };
  }

  /** Waits until the card's listing has the file (it is listed again after the transfer). */
  private listed(remote: string): Promise<void> {
    const driver = this.host.printer.driver;
    if (driver.sd.find(remote)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        subscription.dispose();
        reject(new ArgonautError('not-found', `${remote} did not appear on the SD card`));
      }, LISTING_WAIT_MS);
      const subscription = driver.onDidChangeSdFiles(() => {
        if (!driver.sd.find(remote)) return;
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      });
    });
  }
}
