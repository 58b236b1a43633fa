// The printer driver: one printer connection with OctoPrint's state machine, and the controls the API offers.
import type { EventBus } from '../../events/index.js';
import { ArgonautError } from '../../shared/index.js';
import type { Disposable } from '../../shared/index.js';
import { prepareCommand, withoutClientFraming } from '../protocol/index.js';
import type { TransportFactory } from '../transport/index.js';
import type { HostRequest, PluginMessage } from './action-commands.js';
import { ConnectionManager } from './connection-manager.js';
import type { ConnectRequest } from './connection-manager.js';
import { DriverCore } from './driver-core.js';
import type { ConnectionInfo, DriverLogger, DriverSnapshot } from './driver-core.js';
import type { DriverSettings } from './driver-settings.js';
import type { DriverControl, PrintFileRequest, SdTransferRequest } from './driver-control.js';
import { FileLineReader } from './file-line-reader.js';
import { scriptCommands } from './gcode-scripts.js';
import type { PrintController } from './print-controller.js';
import type { PrintSource } from './print-source.js';
import { hasControlCharacters } from './printer-commands.js';
import { isPrintingState } from './printer-state.js';
import type { PrinterStateId } from './printer-state.js';
import { systemScheduler } from './scheduler.js';
import type { Scheduler } from './scheduler.js';
import type { SdCard, SdFile } from './sd-card.js';
import { sdFileName } from './sd-file-name.js';
import type { SdTransferView } from './sd-transfer.js';
import type { TemperatureTracker } from './temperature-tracker.js';
import type { TerminalLog } from './terminal-log.js';

export interface PrinterDriverOptions {
  transports: TransportFactory;
  events: EventBus;
  settings: () => DriverSettings;
  scheduler?: Scheduler;
  logger?: DriverLogger;
}

export class PrinterDriver implements DriverControl {
  private readonly core: DriverCore;
  private readonly link: ConnectionManager;
  readonly scheduler: Scheduler;
  /** The serial traffic (`Send:`/`Recv:`), for the terminal and the push socket's `logs`. */
  readonly log: TerminalLog;
  /** Current temperatures, offsets and history; `onUpdate` streams each report. */
  readonly temperatures: TemperatureTracker;
  readonly sd: SdCard;
  /** Print lifecycle events: onDidStart, onDidPause, onDidResume, onDidEnd. */
  readonly print: PrintController;
  readonly onDidChangeState: (listener: (state: PrinterStateId) => void) => Disposable;
  readonly onDidChangeSdFiles: (listener: (files: readonly SdFile[]) => void) => Disposable;
  /** A push message of the prompt or notification plugin. */
  readonly onDidSendPluginMessage: (listener: (message: PluginMessage) => void) => Disposable;
  /** The firmware asked for something only the web side does (`//action:start`, `//action:shutdown`). */
  readonly onDidRequest: (listener: (request: HostRequest) => void) => Disposable;
  /** The file of the current host print when the driver opened it itself (startFilePrint). */
  private fileReader: FileLineReader | null = null;
  /** Where the last file print stopped (kept after it ended, e.g. when the port went away, for inspection). */
  private endedPosition = 0;

  constructor(options: PrinterDriverOptions) {
    this.scheduler = options.scheduler ?? systemScheduler();
    this.core = new DriverCore({
      events: options.events,
      settings: options.settings,
      scheduler: this.scheduler,
      logger: options.logger,
      onFatal: (message) => this.link.fail(message),
    });
    this.link = new ConnectionManager(this.core, options.transports);
    this.log = this.core.log;
    this.temperatures = this.core.temperatures;
    this.sd = this.core.sd;
    this.print = this.core.print;
    this.onDidChangeState = this.core.onDidChangeState;
    this.onDidChangeSdFiles = this.core.onDidChangeSdFiles;
    this.onDidSendPluginMessage = this.core.actions.onDidSendPluginMessage;
    this.onDidRequest = this.core.actions.onDidRequest;
  }

  get state(): PrinterStateId {
    return this.core.stateId;
  }

  get isOperational(): boolean {
    return this.core.isOperational;
  }

  /** Printing in OctoPrint's sense (starting, printing, pausing, resuming, cancelling, finishing). */
  get isPrinting(): boolean {
    return isPrintingState(this.core.stateId);
  }

  get isPaused(): boolean {
    return this.core.stateId === 'PAUSED';
  }

  get error(): string | null {
    return this.core.errorText;
  }

  get connection(): ConnectionInfo {
    return { ...this.core.connection };
  }

  /** Everything the API and push socket show about the printer, as one plain object. */
  snapshot(): DriverSnapshot {
    return this.core.snapshot();
  }

  /** Connects (disconnecting first if needed). Resolves true once operational, false when the attempt failed. */
  connect(request: ConnectRequest = {}): Promise<boolean> {
    return this.link.connect(request);
  }

  disconnect(): Promise<void> {
    return this.link.disconnect();
  }

  /**
   * The host is going away without a disconnect (the web server died): heaters and part fan off, unless the printer
   * prints from its SD card, then the port closes. Resolves once done (the commands' oks waited for at most `timeoutMs`).
   */
  releaseForExit(timeoutMs = 700): Promise<void> {
    const tools = Object.keys(this.core.temperatures.current())
      .map((name) => /^tool(\d+)$/.exec(name)?.[1])
      .filter((tool): tool is string => tool !== undefined);
    const heaters = tools.length > 0 ? tools.map((tool) => `M104 T${tool} S0`) : ['M104 S0'];
    return this.link.release([...heaters, 'M140 S0', 'M107'], timeoutMs);
  }

  /**
   * Queues commands from a user (API, terminal). Control characters are refused; the client's own line numbers and
   * checksums are removed (the host numbers lines); M112 jumps the queue.
   */
  commands(lines: readonly string[]): void {
    this.core.requireOperational();
    for (const line of lines) {
      if (hasControlCharacters(line)) throw new ArgonautError('invalid', 'A command must not contain line breaks or other control characters');
    }
    for (const line of lines) {
      const prepared = prepareCommand(line);
      const command = prepared === null ? null : withoutClientFraming(prepared);
      if (command === null) continue;
      if (/^M112(?!\d)/.test(command)) {
        this.emergencyStop();
        return;
      }
      this.core.channel.enqueue(command);
    }
    this.core.channel.pump();
  }

  /** Sends M112 at once, ahead of everything queued, ends any print, and then gives up the connection. */
  emergencyStop(): void {
    const core = this.core;
    if (!core.transport) return;
    core.channel.clearQueue();
    core.channel.setJobFeed(null);
    core.log.append('send', 'M112');
    core.channel.writeImmediately('M112');
    core.transfer.abort('Emergency stop (M112) sent');
    core.print.abort('error');
    const generation = this.link.currentGeneration;
    this.scheduler.setTimeout(() => {
      if (generation === this.link.currentGeneration && core.transport) this.link.fail('Emergency stop (M112) sent: the printer must be reset');
    }, 250);
  }

  /** Runs a GCODE script from config.yaml by name; throws not-found for an unknown name. */
  script(name: string, parameters: Record<string, unknown> = {}): void {
    this.core.requireOperational();
    const text = this.core.settings().script(name);
    if (text === undefined) throw new ArgonautError('not-found', 'Unknown script');
    for (const command of scriptCommands(text, parameters)) this.core.channel.enqueue(command);
    this.core.channel.pump();
  }

  /** Streams a file from the host (the job service reads it). */
  startPrint(source: PrintSource): void {
    this.core.requireOperational();
    this.core.print.startHost(source);
  }

  /** Opens a file and streams it (the reader is released when the print ends). */
  async startFilePrint(file: PrintFileRequest): Promise<void> {
    this.core.requireOperational();
    const reader = await FileLineReader.open(file.path);
    const ended = this.print.onDidEnd(() => release());
    const release = (): void => {
      ended.dispose();
      if (this.fileReader !== reader) return;
      this.endedPosition = reader.position;
      this.fileReader = null;
    };
    try {
      if (file.position) await reader.seek(file.position);
      this.fileReader = reader;
      this.endedPosition = 0;
      this.startPrint(reader);
    } catch (error) {
      release();
      reader.close();
      throw error;
    }
  }

  /** Bytes of the file opened by startFilePrint handed out so far; after the print ended, where it stopped. */
  get printPosition(): number {
    return this.fileReader?.position ?? this.endedPosition;
  }

  /** Starts the paused host print again from its first byte. */
  async restartPrint(): Promise<void> {
    const reader = this.fileReader;
    if (!reader || !this.isPaused) throw new ArgonautError('conflict', 'Printer does not have an active print job or is not paused');
    await reader.seek(0);
    this.resume();
  }

  /** Prints a file from the printer's SD card. */
  startSdPrint(name: string): void {
    this.core.requireOperational();
    if (!this.core.sd.ready) throw new ArgonautError('conflict', 'The SD card is not ready');
    this.core.print.startSd(name);
  }

  /**
   * Copies a host file onto the SD card (M28 <name>, its commands, M29) and resolves with its name on the card once the
   * transfer started. Throws not-operational, or conflict when the printer is busy or the card is not ready.
   */
  async startSdTransfer(request: SdTransferRequest): Promise<string> {
    const core = this.core;
    core.requireOperational();
    const busy = (): boolean => core.stateId !== 'OPERATIONAL' || core.print.active || core.transfer.active;
    if (busy()) throw new ArgonautError('conflict', 'Can not upload to SD card, printer is either not operational or already busy');
    if (!core.settings().sdSupport || !core.sd.ready) throw new ArgonautError('conflict', 'Can not upload to SD card, not yet initialized');
    const remote = sdFileName(request.name, core.sd.files.map((file) => file.name));
    const reader = await FileLineReader.open(request.path);
    if (!core.transport || busy() || !core.sd.ready) {
      reader.close();
      throw new ArgonautError('conflict', 'Can not upload to SD card, printer is either not operational or already busy');
    }
    core.transfer.start(reader, request.name, remote, request.user ?? null);
    return remote;
  }

  /** The transfer to the SD card under way, or null. */
  get sdTransfer(): SdTransferView | null {
    return this.core.transfer.view();
  }

  pause(): void {
    this.core.print.pause();
  }

  resume(): void {
    this.core.print.resume();
  }

  /** Cancels the print, or the transfer to the SD card (its partial copy is deleted). */
  cancel(): void {
    if (this.core.transfer.active) this.core.transfer.fail('Cancelled');
    else this.core.print.cancel();
  }

  /** Answers the host prompt with the index of a choice (M876 S<index>); throws conflict without a prompt, invalid for a bad index. */
  answerPrompt(choice: unknown): void {
    this.core.actions.prompt.answer(choice);
  }

  /** Forgets the printer's notifications. */
  clearNotifications(): void {
    this.core.actions.notifications.clear();
  }

  /** Acts as if the firmware had sent an ok (OctoPrint's fake_ack, to unstick a lost acknowledgement). */
  fakeAck(): void {
    if (this.core.transport && this.core.isOperational) this.core.channel.acknowledged(null);
  }

  setTemperatureOffsets(offsets: Record<string, number>): void {
    this.core.temperatures.setOffsets(offsets);
  }

  initSd(): void {
    this.commands(['M21']);
  }

  refreshSd(): void {
    this.core.requireOperational();
    this.core.refreshSdFiles();
  }

  releaseSd(): void {
    this.commands(['M22']);
  }
}
