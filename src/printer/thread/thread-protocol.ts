// Messages between the driver proxy (main thread) and the driver host in the printer's worker thread.
import type { Config } from '../../config/index.js';
import type { DriverSnapshot, PrintEnd, SdFile, TemperatureHistoryPoint } from '../driver/index.js';

/** What the worker needs of config.yaml: the resolved settings and the virtual printer section as written. */
export interface DriverConfig {
  config: Config;
  /** `plugins.virtual_printer` as written (OctoPrint's keys included), merged over the schema defaults. */
  virtualPrinter: Record<string, unknown>;
}

/** Methods of the driver the proxy calls in the worker; a call with an id is answered by `result` or `error`. */
export type DriverMethod =
  | 'connect'
  | 'disconnect'
  | 'commands'
  | 'emergencyStop'
  | 'script'
  | 'startFilePrint'
  | 'restartPrint'
  | 'startSdPrint'
  | 'pause'
  | 'resume'
  | 'cancel'
  | 'fakeAck'
  | 'setTemperatureOffsets'
  | 'initSd'
  | 'refreshSd'
  | 'releaseSd'
  /** Does nothing: its answer tells that every earlier message was handled and its state mirrored. */
  | 'sync'
  /** The virtual printer's record of accepted commands and injected faults (tests and demos). */
  | 'virtualRecord';

export type ToDriver =
  | { type: 'config'; config: DriverConfig }
  | { type: 'call'; id?: number; method: DriverMethod; args: unknown[] }
  /** Whether the main thread listens to every terminal line (else only the last ones are kept up to date). */
  | { type: 'log-listeners'; active: boolean };

/** The state the main thread mirrors: sent at once on state changes, else when it changed, at most every 100 ms. */
export interface DriverMirror {
  snapshot: DriverSnapshot;
  sd: { position: number; total: number };
  printPosition: number;
}

export type PrintEventName = 'start' | 'pause' | 'resume' | 'end';

export type FromDriver =
  | { type: 'state'; mirror: DriverMirror }
  | { type: 'event'; name: string; payload: unknown }
  | { type: 'print'; event: PrintEventName; end?: PrintEnd }
  | { type: 'sd-files'; files: SdFile[] }
  | { type: 'temperature'; point: TemperatureHistoryPoint }
  /** Terminal lines in order: `directions` has one letter per line (s: send, r: recv, i: info). */
  | { type: 'log'; directions: string; texts: string[] }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; code: string | null; message: string }
  | { type: 'message'; level: 'info' | 'warn'; text: string };

/** The virtual printer's record as `virtualRecord` answers it. */
export interface VirtualRecord {
  /** Commands the firmware accepted, in order (null: no virtual printer connected yet). */
  received: string[] | null;
  faults: string[];
  baudrate: number | null;
}
