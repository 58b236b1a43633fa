// The access-control store a host uses (accessControl.store), and this host's entry in its printer list, refreshed every few seconds.
import { hostname } from 'node:os';
import { PostgresAccessStore } from '../auth/index.js';
import type { AccessStore, PrinterEntry, PrinterReport, StoreStatus } from '../auth/index.js';
import type { ConfigStore } from '../config/index.js';
import type { CurrentData } from '../jobs/index.js';
import type { Disposable } from '../shared/index.js';
import { toDisposable } from '../shared/index.js';

interface StoreLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** Between refreshes of this host's printer entries (a host silent for 15 s shows as offline). */
export const PRINTER_REFRESH_MS = 3000;

/** The PostgreSQL store when accessControl.store names one; null for the files of the basedir. */
export async function openSharedStore(config: ConfigStore, logger: StoreLogger, now: () => number): Promise<AccessStore | null> {
  const url = config.config.accessControl.store;
  if (!url) return null;
  const store = await PostgresAccessStore.open({
    url,
    graceMs: config.config.accessControl.storeGraceSeconds * 1000,
    now,
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
  });
  logger.info('Users, groups, keys and remember-me tokens live in the shared access-control database (accessControl.store).');
  return store;
}

export interface PrinterPublishing {
  store: AccessStore;
  config: ConfigStore;
  /** This host's printers as they are now. */
  printers: () => PrinterReport[];
  warn: (message: string) => void;
}

/** This host's id in the printer list: accessControl.hostId, else the machine's name. */
export function hostIdOf(config: ConfigStore): string {
  return config.config.accessControl.hostId ?? hostname();
}

/** Publishes this host's printers now and every PRINTER_REFRESH_MS until disposed (a failure is told once per outage). */
export function publishPrinters(options: PrinterPublishing): Disposable {
  const hostId = hostIdOf(options.config);
  let failing = false;
  let stopped = false;
  const publish = async (): Promise<void> => {
    try {
      await options.store.printers.publish(hostId, options.printers());
      failing = false;
    } catch (error) {
      if (!failing) options.warn(`Could not refresh this host's printers in the shared store: ${(error as Error).message}`);
      failing = true;
    }
  };
  let running: Promise<void> = publish();
  const timer = setInterval(() => {
    if (!stopped) running = running.then(publish);
  }, PRINTER_REFRESH_MS);
  timer.unref();
  return toDisposable(() => {
    stopped = true;
    clearInterval(timer);
  });
}

/** Where this host answers, for the printer list. */
export function publicUrlOf(config: ConfigStore, port: number): string {
  return config.config.accessControl.publicUrl ?? `http://${hostname()}:${port}/`;
}

/** The id of the one printer a host drives today (several printers per host will list one entry each). */
export const DEFAULT_PRINTER_ID = 'default';

/** This host's printers with a small state summary: state, job file and progress. */
export function printerReports(config: ConfigStore, jobs: { current(): CurrentData }, port: number): PrinterReport[] {
  const current = jobs.current();
  return [
    {
      printerId: DEFAULT_PRINTER_ID,
      name: config.config.appearance.name || hostIdOf(config),
      state: {
        text: current.state.text,
        flags: current.state.flags,
        file: current.job.file.display ?? current.job.file.name,
        completion: current.progress.completion,
        printTimeLeft: current.progress.printTimeLeft,
      },
      baseUrl: publicUrlOf(config, port),
    },
  ];
}

/** What GET /api/argonaut/printers and /store show: the shared list, or this host's printer alone with the files store. */
export function farmView(
  store: AccessStore | null,
  config: ConfigStore,
  jobs: { current(): CurrentData },
  port: () => number,
): { printers(): Promise<PrinterEntry[]>; status(): StoreStatus } {
  return {
    printers: async () => {
      if (store) return store.printers.list();
      const hostId = hostIdOf(config);
      return printerReports(config, jobs, port()).map((report) => ({ ...report, hostId, updatedAt: Date.now(), offline: false }));
    },
    status: () => store?.status() ?? { kind: 'files', connected: true, unreachableSince: null, graceUntil: null, expired: false },
  };
}
