// The print part of the state machine: start, pause, resume, cancel and finish, for host-streamed and SD prints.
import { ArgonautError } from '../../shared/index.js';
import type { Disposable } from '../../shared/index.js';
import { Emitter } from './emitter.js';
import type { ScriptName } from './gcode-scripts.js';
import { JobStream } from './job-stream.js';
import type { JobStreamHooks } from './job-stream.js';
import type { PrintSource } from './print-source.js';
import type { PrinterStateId } from './printer-state.js';
import type { Scheduler } from './scheduler.js';
import type { SendChannel } from './send-channel.js';

export type PrintEnd = { kind: 'done' } | { kind: 'cancelled' } | { kind: 'failed'; reason: string };

export interface PrintControllerHost {
  state(): PrinterStateId;
  setState(state: PrinterStateId): void;
  readonly channel: SendChannel;
  readonly scheduler: Scheduler;
  /** Queues the lines of a GCODE script. */
  runScript(name: ScriptName): void;
  /** Hooks for the job stream that concern the driver (offsets, current tool). */
  streamHooks(): Pick<JobStreamHooks, 'offset' | 'hasOffsets' | 'currentTool'>;
  /** Reading the print file failed: the print fails. */
  onReadError(error: Error): void;
}

/** Seconds between M27 polls of an SD print. */
const SD_POLL_MS = 1000;

export class PrintController {
  private stream: JobStream | null = null;
  private sdPrinting = false;
  private sdPoll: Disposable | null = null;
  private readonly started = new Emitter<void>();
  private readonly paused = new Emitter<void>();
  private readonly resumed = new Emitter<void>();
  private readonly ended = new Emitter<PrintEnd>();
  /** The job lines actually started streaming (after beforePrintStarted). */
  readonly onDidStart = this.started.event;
  readonly onDidPause = this.paused.event;
  readonly onDidResume = this.resumed.event;
  readonly onDidEnd = this.ended.event;

  constructor(private readonly host: PrintControllerHost) {}

  get active(): boolean {
    return this.stream !== null || this.sdPrinting;
  }

  get fromSd(): boolean {
    return this.sdPrinting;
  }

  /** Starts streaming a file from the host. */
  startHost(source: PrintSource): void {
    this.requireState(['OPERATIONAL'], 'The printer is not ready to start a print');
    const hooks: JobStreamHooks = {
      ...this.host.streamHooks(),
      onReadable: () => this.host.channel.pump(),
      onReadError: (error) => this.host.onReadError(error),
      onHostCommand: (name) => this.hostCommand(name),
    };
    this.stream = new JobStream(source, hooks);
    this.begin();
  }

  /** Starts printing a file from the printer's SD card. */
  startSd(name: string): void {
    this.requireState(['OPERATIONAL'], 'The printer is not ready to start a print');
    this.sdPrinting = true;
    this.host.setState('STARTING');
    this.host.runScript('beforePrintStarted');
    this.host.channel.enqueue(`M23 ${name}`);
    this.host.channel.enqueue('M24');
    this.host.channel.pump();
  }

  /**
   * Pauses the print. `local` false: the printer paused by itself (`//action:paused`): the state changes at once, and
   * neither M25 nor the pause script is sent.
   */
  pause(local = true): void {
    // Only a print pauses: an upload to the SD card shares the printing states but is no print.
    if (!this.active || !['PRINTING', 'STARTING', 'RESUMING'].includes(this.host.state())) return;
    this.host.setState('PAUSING');
    this.host.channel.setJobFeed(null);
    if (!local) {
      this.host.setState('PAUSED');
      this.paused.fire();
      return;
    }
    if (this.sdPrinting) this.host.channel.enqueue('M25');
    this.host.runScript('beforePrintPaused');
    this.host.channel.pump();
  }

  /** Resumes the print. `local` false: the printer resumed by itself (`//action:resumed`): no M24, no resume script. */
  resume(local = true): void {
    if (!this.active || this.host.state() !== 'PAUSED') return;
    this.host.setState('RESUMING');
    if (local) this.host.runScript('beforePrintResumed');
    if (this.sdPrinting) this.host.channel.enqueue(local ? 'M24' : 'M27');
    this.host.channel.pump();
  }

  cancel(): void {
    if (!this.active || this.host.state() === 'CANCELLING') return;
    this.host.setState('CANCELLING');
    this.host.channel.setJobFeed(null);
    if (this.sdPrinting) {
      this.host.channel.enqueue('M25');
      this.host.channel.enqueue('M26 S0');
    }
    this.host.channel.pump();
  }

  /** The SD card reported the end of its print. */
  sdDone(): void {
    if (!this.sdPrinting || this.host.state() !== 'PRINTING') return;
    this.host.setState('FINISHING');
    this.host.channel.pump();
  }

  /** The send channel has nothing in flight and nothing queued: advance the state machine. */
  onIdle(): void {
    switch (this.host.state()) {
      case 'STARTING':
        this.host.setState('PRINTING');
        this.streamOn();
        this.started.fire();
        break;
      case 'PRINTING':
        if (this.stream?.finished) {
          this.host.setState('FINISHING');
          this.end({ kind: 'done' });
        }
        break;
      case 'FINISHING':
        this.end({ kind: 'done' });
        break;
      case 'PAUSING':
        this.host.setState('PAUSED');
        this.paused.fire();
        break;
      case 'RESUMING':
        this.host.setState('PRINTING');
        this.streamOn();
        this.resumed.fire();
        break;
      case 'CANCELLING':
        this.end({ kind: 'cancelled' });
        break;
      default:
        break;
    }
  }

  /** The connection broke or an error ended the print: no scripts, no state change (the driver handles that). */
  abort(reason: string): void {
    if (!this.active) return;
    this.release();
    this.ended.fire({ kind: 'failed', reason });
  }

  private begin(): void {
    this.host.setState('STARTING');
    this.host.runScript('beforePrintStarted');
    this.host.channel.pump();
  }

  private streamOn(): void {
    const stream = this.stream;
    if (stream) {
      this.host.channel.setJobFeed(() => stream.next());
    } else if (this.sdPrinting && !this.sdPoll) {
      this.sdPoll = this.host.scheduler.setInterval(() => {
        if (this.host.state() === 'PRINTING' && !this.host.channel.isQueued('M27')) {
          this.host.channel.enqueue('M27');
          this.host.channel.pump();
        }
      }, SD_POLL_MS);
    }
    this.host.channel.pump();
  }

  private end(result: PrintEnd): void {
    this.release();
    this.host.setState('OPERATIONAL');
    this.ended.fire(result);
    this.host.runScript(result.kind === 'done' ? 'afterPrintDone' : 'afterPrintCancelled');
    this.host.channel.pump();
  }

  private release(): void {
    this.host.channel.setJobFeed(null);
    this.stream?.close();
    this.stream = null;
    this.sdPrinting = false;
    this.sdPoll?.dispose();
    this.sdPoll = null;
  }

  /** Acts on an @-command of the file; false when streaming must stop here. */
  private hostCommand(name: string): boolean {
    if (name === 'pause') this.pause();
    else if (name === 'cancel' || name === 'abort') this.cancel();
    else return true;
    return false;
  }

  private requireState(states: PrinterStateId[], message: string): void {
    if (!states.includes(this.host.state())) throw new ArgonautError('conflict', message);
  }
}
