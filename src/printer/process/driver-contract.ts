// The one typed contract between the web server and the printer driver in its own process: calls, replies, and the few messages back.
import type { Config } from '../../config/index.js';
import type { ErrorCode } from '../../shared/index.js';
import type { DriverControl, DriverSnapshot, HostRequest, PluginMessage, PrintEnd, SdFile, SdTransferView, TemperatureHistoryPoint } from '../driver/index.js';

/** The virtual printer's record (tests and demos): commands it accepted and faults it injected. */
export interface VirtualRecord {
  /** Commands the firmware accepted, in order (null: no virtual printer connected yet). */
  received: string[] | null;
  faults: string[];
  baudrate: number | null;
}

/** The driver's own commands, called across the process boundary with the signatures DriverControl gives them (its docs say what each throws). */
type DriverCommands = Pick<
  DriverControl,
  | 'connect'
  | 'disconnect'
  | 'commands'
  | 'emergencyStop'
  | 'script'
  | 'startFilePrint'
  | 'restartPrint'
  | 'startSdPrint'
  | 'startSdTransfer'
  | 'pause'
  | 'resume'
  | 'cancel'
  | 'fakeAck'
  | 'answerPrompt'
  | 'clearNotifications'
  | 'setTemperatureOffsets'
  | 'initSd'
  | 'refreshSd'
  | 'releaseSd'
>;

/**
 * Everything the web side may ask of the driver. The driver process implements it (HostedDriver); a call is this
 * interface's method name and arguments, its reply what the method returns (or the error it throws). Adding a command
 * means adding it here and in the driver, nothing else.
 */
export interface DriverCalls extends DriverCommands {
  /** The last terminal lines, formatted (fetched when a socket connects; not mirrored). */
  terminalLines(): string[];
  /** The temperature history (fetched for `?history` and new sockets; not mirrored). */
  temperatureHistory(): TemperatureHistoryPoint[];
  /** Whether the web side wants every terminal line streamed (else none are sent). */
  followLines(active: boolean): void;
  /** config.yaml changed: the driver reads the new settings (the virtual printer's at its next connect). */
  configure(config: DriverConfig): void;
  virtualRecord(): VirtualRecord;
}

/** What the driver process needs of config.yaml: the resolved settings and the virtual printer section as written. */
export interface DriverConfig {
  config: Config;
  /** `plugins.virtual_printer` as written (OctoPrint's keys included), merged over the schema defaults. */
  virtualPrinter: Record<string, unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the widest function type, only as a constraint.
type AnyFunction = (...args: any[]) => unknown;

/** An object whose every member is a method: what a contract interface is. */
export type CallTarget<C> = { [K in keyof C]: AnyFunction };

export type CallArgs<C, M extends keyof C> = C[M] extends AnyFunction ? Parameters<C[M]> : never;
export type CallReply<C, M extends keyof C> = C[M] extends AnyFunction ? Awaited<ReturnType<C[M]>> : never;

/** One call: `{id, method, args}`, typed by the contract `C`. */
export type Call<C, M extends keyof C = keyof C> = { [K in M]: { id: number; method: K; args: CallArgs<C, K> } }[M];

/** The driver's state as the web side keeps it: the snapshot, with the SD card and print position folded in. */
export interface HostedSnapshot extends DriverSnapshot {
  sdFiles: SdFile[];
  /** Bytes printed and total of the current SD print. */
  sdProgress: { position: number; total: number };
  /** Bytes of the host-streamed file handed to the printer so far (0 without a host print). */
  printPosition: number;
  /** The copy of a host file onto the SD card under way (M28/M29), or null. */
  sdTransfer: SdTransferView | null;
}

/** Something that happened: an event of the bus, a step of the print's lifecycle, or a line for the server log. */
export type DriverEvent =
  | { kind: 'bus'; name: string; payload: unknown }
  | { kind: 'print'; step: 'start' | 'pause' | 'resume' }
  | { kind: 'print'; step: 'end'; end: PrintEnd }
  | { kind: 'log'; level: 'info' | 'warn'; text: string }
  /** A push message of the prompt or notification plugin. */
  | { kind: 'plugin'; message: PluginMessage }
  /** The firmware asked for something the web side does (`//action:start`, `//action:shutdown`). */
  | { kind: 'request'; request: HostRequest };

/** The error of a failed call, as it travels. */
export interface CallError {
  code: ErrorCode | null;
  message: string;
}

/** Messages back from the driver: state, event, terminal lines, temperatures, reply. Nothing else. */
export type FromDriver =
  | { type: 'state'; snapshot: HostedSnapshot }
  | { type: 'event'; event: DriverEvent }
  /** Terminal lines in order: `directions` has one letter per line (s: send, r: recv, i: info). */
  | { type: 'lines'; directions: string; texts: string[] }
  | { type: 'temperature'; point: TemperatureHistoryPoint }
  | { type: 'reply'; id: number; value?: unknown; error?: CallError };
