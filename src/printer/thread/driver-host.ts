// The worker side of the driver thread: runs calls on the PrinterDriver, mirrors its state, forwards events and lines.
import type { EventBus } from '../../events/index.js';
import { isArgonautError } from '../../shared/index.js';
import type { Disposable } from '../../shared/index.js';
import { TERMINAL_LINES } from '../driver/index.js';
import type { ConnectRequest, LogDirection, PrintEnd, PrinterDriver, PrintFileRequest, Scheduler } from '../driver/index.js';
import type { DriverMethod, DriverMirror, FromDriver, PrintEventName, ToDriver, VirtualRecord } from './thread-protocol.js';

export interface DriverHostOptions {
  driver: PrinterDriver;
  /** The bus the driver emits on; every event goes to the main thread. */
  events: EventBus;
  scheduler: Scheduler;
  post(message: FromDriver): void;
  virtualRecord(): VirtualRecord;
}

/** Lines kept while nobody on the main thread listens to each one: what its terminal buffer holds. */
const LOG_TAIL = TERMINAL_LINES;
/** A batch of terminal lines goes out when it is this big, or this many milliseconds after its first line. */
const LOG_BATCH_LINES = 1000;
const LOG_BATCH_MS = 20;
/** Progress, resends and the like are mirrored at most this often (state changes go at once). */
const MIRROR_MS = 100;

const LETTER: Record<LogDirection, string> = { send: 's', recv: 'r', info: 'i' };

export class DriverHost {
  private lastMirror = '';
  private directions = '';
  private texts: string[] = [];
  private logTimer: Disposable | null = null;
  private everyLine = false;
  private readonly subscriptions: Disposable[];
  private readonly calls: Record<DriverMethod, (args: unknown[]) => unknown>;

  constructor(private readonly options: DriverHostOptions) {
    const { driver } = options;
    const print = driver.print;
    this.subscriptions = [
      options.events.onAny((name, payload) => {
        this.sendState();
        this.post({ type: 'event', name, payload });
      }),
      driver.onDidChangeState(() => this.sendState()),
      print.onDidStart(() => this.printEvent('start')),
      print.onDidPause(() => this.printEvent('pause')),
      print.onDidResume(() => this.printEvent('resume')),
      print.onDidEnd((end) => this.printEvent('end', end)),
      driver.onDidChangeSdFiles((files) => this.post({ type: 'sd-files', files: [...files] })),
      driver.temperatures.onUpdate((point) => {
        this.sendState();
        this.post({ type: 'temperature', point });
      }),
      driver.log.onLine((direction, text) => this.line(direction, text)),
      options.scheduler.setInterval(() => this.sendState(), MIRROR_MS),
    ];
    this.calls = {
      connect: ([request]) => driver.connect(request as ConnectRequest),
      disconnect: () => driver.disconnect(),
      commands: ([lines]) => driver.commands(lines as string[]),
      emergencyStop: () => driver.emergencyStop(),
      script: ([name, parameters]) => driver.script(name as string, parameters as Record<string, unknown>),
      startFilePrint: ([file]) => driver.startFilePrint(file as PrintFileRequest),
      restartPrint: () => driver.restartPrint(),
      startSdPrint: ([name]) => driver.startSdPrint(name as string),
      pause: () => driver.pause(),
      resume: () => driver.resume(),
      cancel: () => driver.cancel(),
      fakeAck: () => driver.fakeAck(),
      setTemperatureOffsets: ([offsets]) => driver.setTemperatureOffsets(offsets as Record<string, number>),
      initSd: () => driver.initSd(),
      refreshSd: () => driver.refreshSd(),
      releaseSd: () => driver.releaseSd(),
      sync: () => undefined,
      virtualRecord: () => options.virtualRecord(),
    };
    this.sendState();
  }

  /** Handles one message of the proxy (config changes are the worker's own business). */
  handle(message: ToDriver): void {
    if (message.type === 'log-listeners') {
      this.everyLine = message.active;
    } else if (message.type === 'call') {
      void this.call(message.id, message.method, message.args);
    }
  }

  /** Sends what is pending (lines, state); the host stays usable. */
  flush(): void {
    this.sendState();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.logTimer?.dispose();
    this.logTimer = null;
  }

  private async call(id: number | undefined, method: DriverMethod, args: unknown[]): Promise<void> {
    try {
      const value = await this.calls[method](args);
      this.sendState();
      if (id !== undefined) this.post({ type: 'result', id, value: value ?? null });
    } catch (error) {
      this.sendState();
      const message = error instanceof Error ? error.message : String(error);
      if (id !== undefined) this.post({ type: 'error', id, code: isArgonautError(error) ? error.code : null, message });
      else this.post({ type: 'message', level: 'warn', text: `The printer could not ${method}: ${message}` });
    }
  }

  private printEvent(event: PrintEventName, end?: PrintEnd): void {
    this.sendState();
    this.post(end ? { type: 'print', event, end } : { type: 'print', event });
  }

  /** Posts the mirror when it changed; terminal lines logged before go first. */
  private sendState(): void {
    this.flushLines();
    const driver = this.options.driver;
    const mirror: DriverMirror = {
      snapshot: driver.snapshot(),
      sd: { position: driver.sd.position, total: driver.sd.total },
      printPosition: driver.printPosition,
    };
    const text = JSON.stringify(mirror);
    if (text === this.lastMirror) return;
    this.lastMirror = text;
    this.options.post({ type: 'state', mirror });
  }

  private post(message: FromDriver): void {
    this.flushLines();
    this.options.post(message);
  }

  private line(direction: LogDirection, text: string): void {
    this.directions += LETTER[direction];
    this.texts.push(text);
    if (!this.everyLine && this.texts.length >= 2 * LOG_TAIL) {
      this.texts = this.texts.slice(-LOG_TAIL);
      this.directions = this.directions.slice(-LOG_TAIL);
    }
    if (this.texts.length >= LOG_BATCH_LINES) this.flushLines();
    else this.logTimer ??= this.options.scheduler.setTimeout(() => this.flushLines(), LOG_BATCH_MS);
  }

  private flushLines(): void {
    this.logTimer?.dispose();
    this.logTimer = null;
    if (this.texts.length === 0) return;
    const message: FromDriver = { type: 'log', directions: this.directions, texts: this.texts };
    this.directions = '';
    this.texts = [];
    this.options.post(message);
  }
}
