// The send path: a command queue, a job line feed, numbering + checksums, the resend window and flow control.
import { FlowControl, LineNumbering, ResendWindow, frameLine, needsChecksum, toPrintableAscii } from '../protocol/index.js';
import type { ChecksumContext, ChecksumPolicyOptions, Clock, FlowControlMode, SentLine } from '../protocol/index.js';

export interface SendChannelOptions {
  /** Writes one line to the transport (no line ending). */
  write(text: string): void;
  clock: Clock;
  checksumPolicy: ChecksumPolicyOptions;
  resendWindowSize: number;
  flowMode: FlowControlMode;
  /** Whether a job is streaming and whether M115 answered, for the checksum rule. */
  context(): ChecksumContext;
  /** Just before each line is written for the first time (not resends): the prepared command and the framed text. */
  onSent(command: string, text: string): void;
  /** After a pump that left nothing in flight, nothing queued and no resend pending. */
  onIdle(): void;
}

export type ResendOutcome = 'resending' | 'duplicate' | 'ahead' | 'unavailable';

export interface ResendStats {
  count: number;
  transmitted: number;
  ratio: number;
}

export class SendChannel {
  private readonly numbering = new LineNumbering(1);
  private readonly window: ResendWindow;
  readonly flow: FlowControl;
  private queue: string[] = [];
  private queueHead = 0;
  private resendLines: readonly SentLine[] = [];
  private resendIndex = 0;
  private jobFeed: (() => string | null) | null = null;
  /** While set, queued commands wait and only the job feed is sent (a file transfer must not get other lines). */
  private queueHeld = false;
  private pumping = false;
  private pumpAgain = false;
  private resendCount = 0;
  private transmittedCount = 0;

  constructor(private readonly options: SendChannelOptions) {
    this.window = new ResendWindow(options.resendWindowSize);
    this.flow = new FlowControl({ mode: options.flowMode, clock: options.clock });
  }

  /** Queues a prepared command; queued commands go before job lines. */
  enqueue(command: string): void {
    this.queue.push(command);
  }

  /** Commands waiting in the queue. */
  get queued(): number {
    return this.queue.length - this.queueHead;
  }

  /** True when a command equal to `command` is waiting (used to avoid stacking polls). */
  isQueued(command: string): boolean {
    for (let i = this.queueHead; i < this.queue.length; i++) if (this.queue[i] === command) return true;
    return false;
  }

  clearQueue(): void {
    this.queue = [];
    this.queueHead = 0;
  }

  /** Holds queued commands back (true) or lets them go again (false). */
  holdQueue(hold: boolean): void {
    this.queueHeld = hold;
  }

  /** Sets (or clears) the function that yields the next job command, or null when none is ready. */
  setJobFeed(feed: (() => string | null) | null): void {
    this.jobFeed = feed;
  }

  get resendPending(): boolean {
    return this.resendIndex < this.resendLines.length;
  }

  /** Nothing in flight, nothing queued, no resend pending. */
  get idle(): boolean {
    return this.flow.inFlight === 0 && (this.queueHeld || this.queueHead >= this.queue.length) && !this.resendPending;
  }

  get stats(): ResendStats {
    const transmitted = this.transmittedCount;
    return { count: this.resendCount, transmitted, ratio: transmitted === 0 ? 0 : Math.round((this.resendCount * 100) / transmitted) };
  }

  /** Writes as many lines as flow control allows. Safe to call from inside a transport callback. */
  pump(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        while (this.flow.canSend() && this.sendNext());
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
    if (this.idle) this.options.onIdle();
  }

  /** An `ok` arrived. */
  acknowledged(bufferRoom: number | null): void {
    this.flow.acknowledged(bufferRoom === null ? undefined : { bufferRoom });
    this.pump();
  }

  /** The firmware asked for `lineNumber` again. */
  resendRequested(lineNumber: number): ResendOutcome {
    const first = this.resendLines[0];
    if (this.resendPending && this.resendIndex === 0 && first?.lineNumber === lineNumber) return 'duplicate';
    const lookup = this.window.linesFrom(lineNumber);
    if (lookup.ok) {
      this.resendLines = lookup.lines;
      this.resendIndex = 0;
      this.resendCount++;
      return 'resending';
    }
    if (lookup.reason === 'not-sent' && lineNumber === this.numbering.next) return 'ahead';
    return 'unavailable';
  }

  /** Nothing was heard for too long: forget what is in flight and poke the firmware (the next line, or M105). */
  recoverFromTimeout(): void {
    this.flow.reset();
    if (!this.resendPending && this.queued === 0 && !this.queueHeld) this.enqueue('M105');
    this.pump();
  }

  /** Writes a line at once, ahead of everything, without waiting for room (M112). */
  writeImmediately(command: string): void {
    this.options.write(command);
  }

  /**
   * Sends a command now, numbered as usual, without waiting for room: for a firmware whose emergency parser takes it
   * while it waits for the host (M876 answering a prompt). Its ok is counted like any other.
   */
  forceSend(command: string): void {
    this.send(command);
  }

  /** Forgets everything (new connection): line numbers restart at 1 after the M110 N0 hello. */
  reset(): void {
    this.clearQueue();
    this.resendLines = [];
    this.resendIndex = 0;
    this.jobFeed = null;
    this.queueHeld = false;
    this.window.clear();
    this.numbering.reset(1);
    this.flow.reset();
    this.resendCount = 0;
    this.transmittedCount = 0;
  }

  private sendNext(): boolean {
    if (this.resendIndex < this.resendLines.length) {
      const line = this.resendLines[this.resendIndex++] as SentLine;
      if (this.resendIndex >= this.resendLines.length) {
        this.resendLines = [];
        this.resendIndex = 0;
      }
      // Count the line before writing: an instant firmware may answer inside write().
      this.flow.sent();
      this.transmittedCount++;
      this.options.write(frameLine(line.command, line.lineNumber));
      return true;
    }
    let command: string | null;
    if (!this.queueHeld && this.queueHead < this.queue.length) {
      command = this.queue[this.queueHead++] as string;
      if (this.queueHead >= this.queue.length) {
        this.queue.length = 0;
        this.queueHead = 0;
      }
    } else if (this.jobFeed !== null) {
      command = this.jobFeed();
      if (command === null) return false;
    } else return false;
    this.send(command);
    return true;
  }

  private send(command: string): void {
    let text: string;
    if (needsChecksum(command, this.options.context(), this.options.checksumPolicy)) {
      const numbered = this.numbering.number(command);
      this.window.record(numbered.lineNumber, command);
      text = numbered.text;
    } else text = toPrintableAscii(command);
    this.flow.sent();
    this.transmittedCount++;
    this.options.onSent(command, text);
    this.options.write(text);
  }
}
