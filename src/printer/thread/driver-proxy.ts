// DriverProxy: the printer driver as the app uses it while the driver runs in a worker thread (mirrored state, calls by message).
import type { EventBus, EventName, EventPayloads } from '../../events/index.js';
import { ArgonautError } from '../../shared/index.js';
import type { ErrorCode } from '../../shared/index.js';
import { hasControlCharacters, isOperationalState, isPrintingState } from '../driver/index.js';
import type { ConnectionInfo, ConnectRequest, DriverControl, DriverLogger, DriverSettings, DriverSnapshot, PrintFileRequest, PrinterStateId } from '../driver/index.js';
import { DriverMirrorState } from './driver-mirror.js';
import { startDriverThread } from './driver-thread.js';
import { virtualRecordOf } from './printer-transports.js';
import type { DriverThread } from './driver-thread.js';
import type { DriverConfig, DriverMethod, FromDriver, ToDriver, VirtualRecord } from './thread-protocol.js';

export type StartThread = (config: DriverConfig, onMessage: (message: FromDriver) => void, onCrash: (error: Error) => void) => DriverThread;

export interface DriverProxyOptions {
  events: EventBus;
  settings: () => DriverSettings;
  /** What the worker is given of config.yaml, at its start. */
  config: () => DriverConfig;
  logger?: DriverLogger;
  /** Starts the worker (tests may run the host on this thread); default: a worker thread. */
  startThread?: StartThread;
  /** Called each time a worker has been started (e.g. to lower this thread's priority below it). */
  onThreadStarted?: () => void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** The worker starts with the first connect: a server that has not connected to a printer holds no driver thread. */
export class DriverProxy implements DriverControl {
  private thread: DriverThread | null = null;
  private readonly state$: DriverMirrorState;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private everyLine = false;
  private disposed = false;
  readonly scheduler = { now: () => performance.now() };
  readonly log: DriverControl['log'];
  readonly temperatures: DriverControl['temperatures'];
  readonly sd: DriverControl['sd'];
  readonly print: DriverControl['print'];
  readonly onDidChangeState: DriverControl['onDidChangeState'];
  readonly onDidChangeSdFiles: DriverControl['onDidChangeSdFiles'];

  constructor(private readonly options: DriverProxyOptions) {
    this.state$ = new DriverMirrorState(
      () => options.settings().temperatureCutoffMinutes,
      (active) => {
        this.everyLine = active;
        this.thread?.post({ type: 'log-listeners', active });
      },
    );
    this.log = this.state$.log;
    this.temperatures = this.state$.temperatures;
    this.sd = this.state$.sd;
    this.print = this.state$.print;
    this.onDidChangeState = this.state$.onDidChangeState;
    this.onDidChangeSdFiles = this.state$.onDidChangeSdFiles;
  }

  get state(): PrinterStateId {
    return this.state$.snapshot.state.id;
  }

  get isOperational(): boolean {
    return isOperationalState(this.state);
  }

  get isPrinting(): boolean {
    return isPrintingState(this.state);
  }

  get isPaused(): boolean {
    return this.state === 'PAUSED';
  }

  get error(): string | null {
    return this.state$.snapshot.state.error;
  }

  get connection(): ConnectionInfo {
    return { ...this.state$.snapshot.connection };
  }

  get printPosition(): number {
    return this.state$.mirror.printPosition;
  }

  snapshot(): DriverSnapshot {
    return this.state$.snapshot;
  }

  /** Passes config.yaml changes on to the worker. */
  configChanged(): void {
    this.thread?.post({ type: 'config', config: this.options.config() });
  }

  async connect(request: ConnectRequest = {}): Promise<boolean> {
    this.ensureThread();
    return (await this.call('connect', [request])) as boolean;
  }

  async disconnect(): Promise<void> {
    if (this.thread) await this.call('disconnect', []);
  }

  commands(lines: readonly string[]): void {
    this.requireOperational();
    for (const line of lines) {
      if (hasControlCharacters(line)) throw new ArgonautError('invalid', 'A command must not contain line breaks or other control characters');
    }
    this.send('commands', [lines]);
  }

  emergencyStop(): void {
    this.send('emergencyStop', []);
  }

  script(name: string, parameters: Record<string, unknown> = {}): void {
    this.requireOperational();
    if (this.options.settings().script(name) === undefined) throw new ArgonautError('not-found', 'Unknown script');
    this.send('script', [name, parameters]);
  }

  async startFilePrint(file: PrintFileRequest): Promise<void> {
    this.requireOperational();
    await this.call('startFilePrint', [file]);
  }

  async restartPrint(): Promise<void> {
    await this.call('restartPrint', []);
  }

  startSdPrint(name: string): void {
    this.requireOperational();
    if (!this.sd.ready) throw new ArgonautError('conflict', 'The SD card is not ready');
    if (this.state !== 'OPERATIONAL') throw new ArgonautError('conflict', 'The printer is not ready to start a print');
    this.send('startSdPrint', [name]);
  }

  pause(): void {
    this.send('pause', []);
  }

  resume(): void {
    this.send('resume', []);
  }

  cancel(): void {
    this.send('cancel', []);
  }

  fakeAck(): void {
    this.send('fakeAck', []);
  }

  setTemperatureOffsets(offsets: Record<string, number>): void {
    this.send('setTemperatureOffsets', [offsets]);
  }

  initSd(): void {
    this.commands(['M21']);
  }

  refreshSd(): void {
    this.requireOperational();
    this.send('refreshSd', []);
  }

  releaseSd(): void {
    this.commands(['M22']);
  }

  /** Resolves once the worker handled everything sent before and the state it led to is mirrored here. */
  async sync(): Promise<void> {
    if (this.thread) await this.call('sync', []);
  }

  /** The virtual printer's record, from the worker. */
  async virtualRecord(): Promise<VirtualRecord> {
    if (!this.thread) return virtualRecordOf(null);
    return (await this.call('virtualRecord', [])) as VirtualRecord;
  }

  /** Ends the worker; calls still waiting fail. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const thread = this.thread;
    this.thread = null;
    this.rejectPending('The printer driver was stopped');
    await thread?.terminate();
  }

  private ensureThread(): void {
    if (this.thread || this.disposed) return;
    const start = this.options.startThread ?? startDriverThread;
    this.thread = start(this.options.config(), (message) => this.received(message), (error) => this.crashed(error));
    if (this.everyLine) this.thread.post({ type: 'log-listeners', active: true });
    this.options.onThreadStarted?.();
  }

  private requireOperational(): void {
    if (!this.isOperational) throw new ArgonautError('not-operational', 'Printer is not operational');
  }

  private send(method: DriverMethod, args: unknown[]): void {
    this.thread?.post({ type: 'call', method, args });
  }

  private call(method: DriverMethod, args: unknown[]): Promise<unknown> {
    const thread = this.thread;
    if (!thread) return Promise.reject(new ArgonautError('not-operational', 'The printer driver is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) thread.busy();
      this.pending.set(id, { resolve, reject });
      const message: ToDriver = { type: 'call', id, method, args };
      thread.post(message);
    });
  }

  private received(message: FromDriver): void {
    if (this.state$.apply(message)) return;
    if (message.type === 'event') {
      this.options.events.emit(message.name as EventName, message.payload as EventPayloads[EventName]);
    } else if (message.type === 'message') {
      if (message.level === 'warn') this.options.logger?.warn(message.text);
      else this.options.logger?.info(message.text);
    } else if (message.type === 'result' || message.type === 'error') {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (this.pending.size === 0) this.thread?.idle();
      if (message.type === 'result') pending?.resolve(message.value);
      else pending?.reject(message.code ? new ArgonautError(message.code as ErrorCode, message.message) : new Error(message.message));
    }
  }

  /** The worker died: calls fail, the printer is offline after an error, the next connect starts a new worker. */
  private crashed(error: Error): void {
    this.thread = null;
    const text = `The printer driver stopped unexpectedly (${error.message}); connect again to restart it`;
    this.options.logger?.warn(text);
    this.rejectPending(text);
    const before = this.state;
    this.state$.lost(text);
    this.options.events.emit('Error', { error: text });
    if (before !== 'CLOSED_WITH_ERROR') this.options.events.emit('PrinterStateChanged', { state_id: 'CLOSED_WITH_ERROR', state_string: this.state$.snapshot.state.text });
    if (before !== 'OFFLINE' && before !== 'CLOSED_WITH_ERROR') this.options.events.emit('Disconnected', {});
  }

  private rejectPending(text: string): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const call of pending) call.reject(new ArgonautError('not-operational', text));
  }
}
