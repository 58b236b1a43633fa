// DriverClient: the web side of the driver process: starts it at the first connect, keeps its last state, fans out its streams.
import type { EventBus, EventName, EventPayloads } from '../../events/index.js';
import { ArgonautError, notOperational } from '../../shared/index.js';
import type { Disposable } from '../../shared/index.js';
import { Emitter, NOTIFICATION_PLUGIN, PROMPT_PLUGIN, findSdFile, hasActiveJob, isOperationalState, isPrintingState, stateFlags, stateText } from '../driver/index.js';
import type {
  ConnectionInfo,
  DriverLogger,
  HostRequest,
  PluginMessage,
  HeaterState,
  LogDirection,
  LogListener,
  PrintEnd,
  PrintEvents,
  PrinterStateId,
  SdFile,
  SdTransferView,
  TemperatureHistoryPoint,
  TemperatureListener,
} from '../driver/index.js';
import { CallClient } from './call-client.js';
import type { CallArgs, CallReply, DriverCalls, DriverConfig, DriverEvent, FromDriver, HostedSnapshot } from './driver-contract.js';
import { startDriverProcess } from './driver-process.js';
import type { DriverProcess } from './driver-process.js';

export type StartDriverProcess = (onMessage: (message: FromDriver) => void, onCrash: (error: Error) => void) => DriverProcess;

export interface DriverClientOptions {
  /** The web side's bus: the driver's events are emitted on it. */
  events: EventBus;
  /** config.yaml as the driver needs it, given at each start and after each change. */
  config: () => DriverConfig;
  logger: DriverLogger & { error?(message: string, error: unknown): void };
  /** Starts the process (the app passes its launcher's, see driver-launcher.ts); default: forked from this thread. */
  start?: StartDriverProcess;
  /** Called each time a driver process has been started (e.g. to lower the web server's priority below it). */
  onStarted?: () => void;
  /** Milliseconds a call (other than connect, which has its own timeouts) may wait before it fails as unavailable. */
  callTimeoutMs?: number;
}

/** How long a call waits for the driver by default. */
export const CALL_TIMEOUT_MS = 10_000;

const DIRECTION: Record<string, LogDirection> = { s: 'send', r: 'recv', i: 'info' };

/** What a driver that never connected shows. */
export function offlineSnapshot(): HostedSnapshot {
  return {
    state: { id: 'OFFLINE', text: stateText('OFFLINE'), flags: stateFlags('OFFLINE', false), error: null },
    currentZ: null,
    offsets: {},
    temperatures: {},
    resends: { count: 0, transmitted: 0, ratio: 0 },
    sd: { ready: false },
    connection: { port: null, baudrate: null, profileId: null },
    firmware: null,
    position: null,
    prompt: null,
    notifications: [],
    sdFiles: [],
    sdProgress: { position: 0, total: 0 },
    printPosition: 0,
    sdTransfer: null,
  };
}

export class DriverClient {
  private child: DriverProcess | null = null;
  private current: HostedSnapshot = offlineSnapshot();
  private lineListeners = 0;
  private disposed = false;
  private readonly calls: CallClient<DriverCalls>;
  private readonly stateEmitter: Emitter<PrinterStateId>;
  private readonly sdFilesEmitter: Emitter<readonly SdFile[]>;
  private readonly lineEmitter: Emitter<[LogDirection, string]>;
  private readonly temperatureEmitter: Emitter<TemperatureHistoryPoint>;
  private readonly pluginEmitter: Emitter<PluginMessage>;
  private readonly requestEmitter: Emitter<HostRequest>;
  private readonly printEmitters: { start: Emitter<void>; pause: Emitter<void>; resume: Emitter<void>; end: Emitter<PrintEnd> };
  /** The clock of print times (monotonic milliseconds). */
  readonly scheduler = { now: () => performance.now() };
  readonly onDidChangeState: (listener: (state: PrinterStateId) => void) => Disposable;
  readonly onDidChangeSdFiles: (listener: (files: readonly SdFile[]) => void) => Disposable;
  readonly print: PrintEvents;
  /** A push message of the prompt or notification plugin (`{plugin, data}`). */
  readonly onDidSendPluginMessage: (listener: (message: PluginMessage) => void) => Disposable;
  /** The firmware asked for something the web side does: start the selected file, or shut the host down. */
  readonly onDidRequest: (listener: (request: HostRequest) => void) => Disposable;

  constructor(private readonly options: DriverClientOptions) {
    // A listener that throws is logged; the others, the driver and the print go on.
    const isolate = (error: unknown): void => this.listenerFailed(error);
    this.stateEmitter = new Emitter(isolate);
    this.sdFilesEmitter = new Emitter(isolate);
    this.lineEmitter = new Emitter(isolate);
    this.temperatureEmitter = new Emitter(isolate);
    this.pluginEmitter = new Emitter(isolate);
    this.requestEmitter = new Emitter(isolate);
    this.onDidSendPluginMessage = this.pluginEmitter.event;
    this.onDidRequest = this.requestEmitter.event;
    this.printEmitters = { start: new Emitter(isolate), pause: new Emitter(isolate), resume: new Emitter(isolate), end: new Emitter(isolate) };
    this.onDidChangeState = this.stateEmitter.event;
    this.onDidChangeSdFiles = this.sdFilesEmitter.event;
    const print = this.printEmitters;
    this.print = { onDidStart: print.start.event, onDidPause: print.pause.event, onDidResume: print.resume.event, onDidEnd: print.end.event };
    this.calls = new CallClient<DriverCalls>({
      send: (call) => {
        if (!this.child) throw notOperational();
        this.child.send(call);
      },
      onWaiting: (waiting) => (waiting ? this.child?.busy() : this.child?.idle()),
      timeoutMs: (method) => (method === 'connect' ? null : (options.callTimeoutMs ?? CALL_TIMEOUT_MS)),
    });
  }

  /**
   * Runs a call of the contract in the driver process; resolves with its reply once the state it led to is here, and
   * rejects with the driver's error. `connect` starts the process when none runs; other calls then fail (not operational).
   */
  call<M extends keyof DriverCalls>(method: M, ...args: CallArgs<DriverCalls, M>): Promise<CallReply<DriverCalls, M>> {
    if (method === 'connect') this.ensureProcess();
    return this.calls.call(method, ...args);
  }

  /** Whether a driver process runs (its id may show a moment later). */
  get running(): boolean {
    return this.child !== null;
  }

  /** The driver process's id, while one runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get state(): PrinterStateId {
    return this.current.state.id;
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
    return this.current.state.error;
  }

  get connection(): ConnectionInfo {
    return { ...this.current.connection };
  }

  /** Bytes of the host-streamed file handed to the printer so far. */
  get printPosition(): number {
    return this.current.printPosition;
  }

  /** The driver's last state, as it sent it. */
  snapshot(): HostedSnapshot {
    return this.current;
  }

  readonly temperatures = {
    current: (): Record<string, HeaterState> => {
      const result: Record<string, HeaterState> = {};
      for (const [name, heater] of Object.entries(this.current.temperatures)) result[name] = { ...heater };
      return result;
    },
    onUpdate: (listener: TemperatureListener): Disposable => this.temperatureEmitter.event(listener),
    /** The history, fetched from the driver (empty while none runs). */
    history: async (): Promise<TemperatureHistoryPoint[]> => (this.child ? this.call('temperatureHistory') : []),
  };

  readonly log = {
    /** Each terminal line from now on; the driver streams lines only while someone listens. */
    onLine: (listener: LogListener): Disposable => {
      const subscription = this.lineEmitter.event(([direction, text]) => listener(direction, text));
      if (this.lineListeners++ === 0) this.followLines(true);
      let disposed = false;
      return {
        dispose: () => {
          if (disposed) return;
          disposed = true;
          subscription.dispose();
          if (--this.lineListeners === 0) this.followLines(false);
        },
      };
    },
    /** The last terminal lines, fetched from the driver (empty while none runs). */
    recent: async (): Promise<string[]> => (this.child ? this.call('terminalLines') : []),
  };

  readonly sd = {
    ready: (): boolean => this.current.sd.ready,
    files: (): readonly SdFile[] => this.current.sdFiles,
    /** Bytes printed and total of the current SD print. */
    progress: (): { position: number; total: number } => this.current.sdProgress,
    find: (name: string): SdFile | undefined => findSdFile(this.current.sdFiles, name),
    /** The copy of a host file onto the card under way, or null. */
    transfer: (): SdTransferView | null => this.current.sdTransfer,
  };

  /** config.yaml changed: the running driver reads it again. */
  configChanged(): void {
    if (this.child) this.call('configure', this.options.config()).catch((error: unknown) => this.options.logger.warn(`The printer driver did not take the new settings: ${String(error)}`));
  }

  /** Ends the driver process (disconnect first); calls still waiting fail. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const child = this.child;
    this.child = null;
    this.calls.failAll(new ArgonautError('not-operational', 'The printer driver was stopped'));
    await child?.stop();
  }

  private followLines(active: boolean): void {
    if (this.child) this.call('followLines', active).catch(() => undefined);
  }

  private ensureProcess(): void {
    if (this.child || this.disposed) return;
    const start = this.options.start ?? startDriverProcess;
    const started = start(
      (message) => this.received(message),
      (error) => this.crashed(started, error),
    );
    this.child = started;
    // The driver is built from the first call's config; nothing else may come before it.
    this.calls.call('configure', this.options.config()).catch(() => undefined);
    if (this.lineListeners > 0) this.followLines(true);
    this.options.onStarted?.();
  }

  private received(message: FromDriver): void {
    switch (message.type) {
      case 'state':
        this.setSnapshot(message.snapshot);
        return;
      case 'event':
        this.event(message.event);
        return;
      case 'lines':
        for (let index = 0; index < message.texts.length; index++) {
          this.lineEmitter.fire([DIRECTION[message.directions[index] ?? 'i'] ?? 'info', message.texts[index] ?? '']);
        }
        return;
      case 'temperature':
        this.temperatureEmitter.fire(message.point);
        return;
      case 'reply':
        this.calls.settle(message.id, message.value, message.error);
        return;
    }
  }

  private event(event: DriverEvent): void {
    if (event.kind === 'bus') this.options.events.emit(event.name as EventName, event.payload as EventPayloads[EventName]);
    else if (event.kind === 'log') this.options.logger[event.level](event.text);
    else if (event.kind === 'plugin') this.pluginEmitter.fire(event.message);
    else if (event.kind === 'request') this.requestEmitter.fire(event.request);
    else if (event.step === 'end') this.printEmitters.end.fire(event.end);
    else this.printEmitters[event.step].fire();
  }

  private setSnapshot(snapshot: HostedSnapshot): void {
    const previous = this.current;
    this.current = snapshot;
    if (snapshot.state.id !== previous.state.id) this.stateEmitter.fire(snapshot.state.id);
    if (JSON.stringify(snapshot.sdFiles) !== JSON.stringify(previous.sdFiles)) this.sdFilesEmitter.fire(snapshot.sdFiles);
  }

  /** The process died: calls fail, the printer is offline after an error, and the next connect starts a new process. */
  private crashed(child: DriverProcess, error: Error): void {
    if (this.child !== child) return;
    this.child = null;
    const text = `The printer driver stopped unexpectedly (${error.message}); connect again to restart it`;
    this.options.logger.warn(text);
    this.calls.failAll(new ArgonautError('not-operational', text));
    const before = this.current;
    const printing = hasActiveJob(before.state.id);
    this.lineEmitter.fire(['info', text]);
    this.setSnapshot({
      ...offlineSnapshot(),
      state: { id: 'CLOSED_WITH_ERROR', text: stateText('CLOSED_WITH_ERROR'), flags: stateFlags('CLOSED_WITH_ERROR', false), error: text },
      offsets: before.offsets,
    });
    if (printing) this.printEmitters.end.fire({ kind: 'failed', reason: 'error' });
    // The driver's prompt and notifications went with it: the dialogs close as after a disconnect.
    if (before.prompt) this.pluginEmitter.fire({ plugin: PROMPT_PLUGIN, data: { action: 'close' } });
    if (before.notifications.length > 0) this.pluginEmitter.fire({ plugin: NOTIFICATION_PLUGIN, data: {} });
    const events = this.options.events;
    events.emit('Error', { error: text });
    if (before.state.id !== 'CLOSED_WITH_ERROR') events.emit('PrinterStateChanged', { state_id: 'CLOSED_WITH_ERROR', state_string: this.current.state.text });
    if (before.state.id !== 'OFFLINE' && before.state.id !== 'CLOSED_WITH_ERROR') events.emit('Disconnected', {});
  }

  private listenerFailed(error: unknown): void {
    const text = `A listener of the printer driver failed (the printer goes on): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    if (this.options.logger.error) this.options.logger.error(text, error);
    else this.options.logger.warn(text);
  }
}
