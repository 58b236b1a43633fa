// DriverControl: the surface of the printer driver (its views and controls), as the driver process's host uses it.
import type { Disposable } from '../../shared/index.js';
import type { ConnectRequest } from './connection-manager.js';
import type { ConnectionInfo, DriverSnapshot } from './driver-core.js';
import type { PrintEnd } from './print-controller.js';
import type { PrinterStateId } from './printer-state.js';
import type { SdFile } from './sd-card.js';
import type { HeaterState, TemperatureHistoryPoint, TemperatureListener } from './temperature-tracker.js';
import type { LogListener } from './terminal-log.js';

/** A host print: the file to stream (an absolute path) and the byte to start at. */
export interface PrintFileRequest {
  path: string;
  position?: number;
}

/** A host file to copy onto the SD card: its absolute path, its name (the card name is made from it), who asked. */
export interface SdTransferRequest {
  path: string;
  name: string;
  user?: string | null;
}

export interface LogView {
  /** The buffered lines, oldest first, formatted as in the terminal. */
  lines(): string[];
  onLine(listener: LogListener): Disposable;
}

export interface TemperatureView {
  current(): Record<string, HeaterState>;
  historyPoints(): TemperatureHistoryPoint[];
  onUpdate(listener: TemperatureListener): Disposable;
}

export interface SdView {
  readonly ready: boolean;
  readonly files: readonly SdFile[];
  /** Bytes printed and total of the current SD print. */
  readonly position: number;
  readonly total: number;
  find(name: string): SdFile | undefined;
}

export interface PrintEvents {
  readonly onDidStart: (listener: () => void) => Disposable;
  readonly onDidPause: (listener: () => void) => Disposable;
  readonly onDidResume: (listener: () => void) => Disposable;
  readonly onDidEnd: (listener: (end: PrintEnd) => void) => Disposable;
}

export interface DriverControl {
  /** The clock of print times (monotonic milliseconds). */
  readonly scheduler: { now(): number };
  readonly log: LogView;
  readonly temperatures: TemperatureView;
  readonly sd: SdView;
  readonly print: PrintEvents;
  readonly onDidChangeState: (listener: (state: PrinterStateId) => void) => Disposable;
  readonly onDidChangeSdFiles: (listener: (files: readonly SdFile[]) => void) => Disposable;
  readonly state: PrinterStateId;
  readonly isOperational: boolean;
  readonly isPrinting: boolean;
  readonly isPaused: boolean;
  readonly error: string | null;
  readonly connection: ConnectionInfo;
  /** Bytes of the host-streamed file handed to the printer so far (0 without a host print). */
  readonly printPosition: number;
  snapshot(): DriverSnapshot;
  connect(request?: ConnectRequest): Promise<boolean>;
  disconnect(): Promise<void>;
  commands(lines: readonly string[]): void;
  emergencyStop(): void;
  script(name: string, parameters?: Record<string, unknown>): void;
  /** Opens the file and starts streaming it; rejects (not-operational, conflict, a read error) when it cannot start. */
  startFilePrint(file: PrintFileRequest): Promise<void>;
  /** Starts the paused host print again from its first byte. */
  restartPrint(): Promise<void>;
  startSdPrint(name: string): void;
  /** Copies a host file onto the SD card; resolves with its card name once started (throws not-operational, conflict). */
  startSdTransfer(request: SdTransferRequest): Promise<string>;
  pause(): void;
  resume(): void;
  cancel(): void;
  fakeAck(): void;
  /** Answers the host prompt (M876 S<index>); throws conflict without a prompt, invalid for an index it does not offer. */
  answerPrompt(choice: unknown): void;
  clearNotifications(): void;
  setTemperatureOffsets(offsets: Record<string, number>): void;
  initSd(): void;
  refreshSd(): void;
  releaseSd(): void;
}
