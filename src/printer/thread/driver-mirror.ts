// The main thread's copy of the worker driver's state: snapshot, terminal lines, temperatures, SD card, print events.
import type { Disposable } from '../../shared/index.js';
import { Emitter, TERMINAL_LINES, TerminalLog, addHistoryPoint, findSdFile, hasActiveJob, stateFlags, stateText } from '../driver/index.js';
import type {
  DriverSnapshot,
  HeaterState,
  LogDirection,
  LogListener,
  LogView,
  PrintEnd,
  PrintEvents,
  PrinterStateId,
  SdFile,
  SdView,
  TemperatureHistoryPoint,
  TemperatureListener,
  TemperatureView,
} from '../driver/index.js';
import type { DriverMirror, FromDriver } from './thread-protocol.js';

const DIRECTION: Record<string, LogDirection> = { s: 'send', r: 'recv', i: 'info' };

/** What a driver that never connected shows. */
export function offlineMirror(): DriverMirror {
  return {
    snapshot: {
      state: { id: 'OFFLINE', text: stateText('OFFLINE'), flags: stateFlags('OFFLINE', false), error: null },
      currentZ: null,
      offsets: {},
      temperatures: {},
      resends: { count: 0, transmitted: 0, ratio: 0 },
      sd: { ready: false },
      connection: { port: null, baudrate: null, profileId: null },
      firmware: null,
      position: null,
    },
    sd: { position: 0, total: 0 },
    printPosition: 0,
  };
}

export class DriverMirrorState {
  mirror: DriverMirror = offlineMirror();
  private sdFiles: readonly SdFile[] = [];
  private readonly terminal = new TerminalLog(TERMINAL_LINES);
  private logListeners = 0;
  private readonly history: TemperatureHistoryPoint[] = [];
  private readonly temperatureEmitter = new Emitter<TemperatureHistoryPoint>();
  private readonly stateEmitter = new Emitter<PrinterStateId>();
  private readonly sdFilesEmitter = new Emitter<readonly SdFile[]>();
  private readonly started = new Emitter<void>();
  private readonly paused = new Emitter<void>();
  private readonly resumed = new Emitter<void>();
  private readonly ended = new Emitter<PrintEnd>();
  readonly onDidChangeState = this.stateEmitter.event;
  readonly onDidChangeSdFiles = this.sdFilesEmitter.event;
  readonly print: PrintEvents = { onDidStart: this.started.event, onDidPause: this.paused.event, onDidResume: this.resumed.event, onDidEnd: this.ended.event };
  readonly log: LogView;
  readonly temperatures: TemperatureView;
  readonly sd: SdView;

  constructor(
    private readonly cutoffMinutes: () => number,
    /** Called when the main thread starts or stops listening to every terminal line. */
    onLogListeners: (active: boolean) => void,
  ) {
    const terminal = this.terminal;
    this.log = {
      lines: () => terminal.lines(),
      onLine: (listener: LogListener): Disposable => {
        const subscription = terminal.onLine(listener);
        if (this.logListeners++ === 0) onLogListeners(true);
        let disposed = false;
        return {
          dispose: () => {
            if (disposed) return;
            disposed = true;
            subscription.dispose();
            if (--this.logListeners === 0) onLogListeners(false);
          },
        };
      },
    };
    this.temperatures = {
      current: () => {
        const result: Record<string, HeaterState> = {};
        for (const [name, heater] of Object.entries(this.mirror.snapshot.temperatures)) result[name] = { ...heater };
        return result;
      },
      historyPoints: () => this.history.slice(),
      onUpdate: (listener: TemperatureListener) => this.temperatureEmitter.event(listener),
    };
    const mirrored = () => this.mirror;
    const files = () => this.sdFiles;
    this.sd = {
      get ready() {
        return mirrored().snapshot.sd.ready;
      },
      get files() {
        return files();
      },
      get position() {
        return mirrored().sd.position;
      },
      get total() {
        return mirrored().sd.total;
      },
      find: (name: string) => findSdFile(this.sdFiles, name),
    };
  }

  get snapshot(): DriverSnapshot {
    return this.mirror.snapshot;
  }

  /** Applies a data message; false for messages that are not about state (calls, events, log messages). */
  apply(message: FromDriver): boolean {
    switch (message.type) {
      case 'state':
        this.setMirror(message.mirror);
        return true;
      case 'log':
        for (let index = 0; index < message.texts.length; index++) {
          this.terminal.append(DIRECTION[message.directions[index] ?? 'i'] ?? 'info', message.texts[index] ?? '');
        }
        return true;
      case 'temperature':
        this.addTemperature(message.point);
        return true;
      case 'sd-files':
        this.sdFiles = message.files;
        this.sdFilesEmitter.fire(message.files);
        return true;
      case 'print':
        if (message.event === 'start') this.started.fire();
        else if (message.event === 'pause') this.paused.fire();
        else if (message.event === 'resume') this.resumed.fire();
        else this.ended.fire(message.end ?? { kind: 'failed', reason: 'error' });
        return true;
      default:
        return false;
    }
  }

  /** The worker is gone: the printer is offline after an error (a print in progress failed). */
  lost(message: string): void {
    const printing = hasActiveJob(this.snapshot.state.id);
    this.terminal.append('info', message);
    const next = offlineMirror();
    next.snapshot.state = { id: 'CLOSED_WITH_ERROR', text: stateText('CLOSED_WITH_ERROR'), flags: stateFlags('CLOSED_WITH_ERROR', false), error: message };
    next.snapshot.offsets = this.snapshot.offsets;
    this.setMirror(next);
    if (printing) this.ended.fire({ kind: 'failed', reason: 'error' });
  }

  private setMirror(mirror: DriverMirror): void {
    const previous = this.mirror.snapshot.state.id;
    this.mirror = mirror;
    if (mirror.snapshot.state.id !== previous) this.stateEmitter.fire(mirror.snapshot.state.id);
  }

  private addTemperature(point: TemperatureHistoryPoint): void {
    addHistoryPoint(this.history, point, this.cutoffMinutes());
    this.temperatureEmitter.fire(point);
  }
}
