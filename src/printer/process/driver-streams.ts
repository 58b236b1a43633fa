// The driver process's messages back: its state when it changes, events, terminal lines in batches, temperatures.
import type { EventBus } from '../../events/index.js';
import type { Disposable } from '../../shared/index.js';
import type { LogDirection, PrintEnd, Scheduler } from '../driver/index.js';
import type { FromDriver } from './driver-contract.js';
import type { HostedDriver } from './hosted-driver.js';

export interface DriverStreamsOptions {
  driver: HostedDriver;
  /** The bus the driver emits on; every event goes to the web side. */
  events: EventBus;
  scheduler: Scheduler;
  post(message: FromDriver): void;
}

/** A batch of terminal lines goes out when it is this big, or this many milliseconds after its first line. */
const LINE_BATCH = 1000;
const LINE_BATCH_MS = 20;
/** Progress, resends and the like go out at most this often (state changes go at once). */
const STATE_MS = 100;

const LETTER: Record<LogDirection, string> = { send: 's', recv: 'r', info: 'i' };

export class DriverStreams {
  private lastState = '';
  private directions = '';
  private texts: string[] = [];
  private lineTimer: Disposable | null = null;
  private readonly subscriptions: Disposable[];

  constructor(private readonly options: DriverStreamsOptions) {
    const { driver } = options;
    const print = driver.print;
    this.subscriptions = [
      options.events.onAny((name, payload) => this.event({ type: 'event', event: { kind: 'bus', name, payload } })),
      driver.onDidChangeState(() => this.sendState()),
      driver.onDidChangeSdFiles(() => this.sendState()),
      print.onDidStart(() => this.printStep('start')),
      print.onDidPause(() => this.printStep('pause')),
      print.onDidResume(() => this.printStep('resume')),
      print.onDidEnd((end) => this.printStep('end', end)),
      driver.onDidSendPluginMessage((message) => this.event({ type: 'event', event: { kind: 'plugin', message } })),
      driver.onDidRequest((request) => this.event({ type: 'event', event: { kind: 'request', request } })),
      driver.temperatures.onUpdate((point) => this.event({ type: 'temperature', point })),
      driver.log.onLine((direction, text) => this.line(direction, text)),
      options.scheduler.setInterval(() => this.sendState(), STATE_MS),
    ];
    this.sendState();
  }

  /** A line for the server's log. */
  log(level: 'info' | 'warn', text: string): void {
    this.post({ type: 'event', event: { kind: 'log', level, text } });
  }

  /** Sends the state when it changed, after the terminal lines logged before it. */
  sendState(): void {
    this.flushLines();
    const snapshot = this.options.driver.hostedSnapshot();
    const text = JSON.stringify(snapshot);
    if (text === this.lastState) return;
    this.lastState = text;
    this.options.post({ type: 'state', snapshot });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.lineTimer?.dispose();
    this.lineTimer = null;
  }

  /** An event goes out after the state it led to. */
  private event(message: FromDriver): void {
    this.sendState();
    this.post(message);
  }

  private printStep(step: 'start' | 'pause' | 'resume' | 'end', end?: PrintEnd): void {
    this.sendState();
    this.post({ type: 'event', event: step === 'end' ? { kind: 'print', step, end: end ?? { kind: 'failed', reason: 'error' } } : { kind: 'print', step } });
  }

  private post(message: FromDriver): void {
    this.flushLines();
    this.options.post(message);
  }

  private line(direction: LogDirection, text: string): void {
    if (!this.options.driver.linesFollowed) return;
    this.directions += LETTER[direction];
    this.texts.push(text);
    if (this.texts.length >= LINE_BATCH) this.flushLines();
    else this.lineTimer ??= this.options.scheduler.setTimeout(() => this.flushLines(), LINE_BATCH_MS);
  }

  private flushLines(): void {
    this.lineTimer?.dispose();
    this.lineTimer = null;
    if (this.texts.length === 0) return;
    const message: FromDriver = { type: 'lines', directions: this.directions, texts: this.texts };
    this.directions = '';
    this.texts = [];
    this.options.post(message);
  }
}
