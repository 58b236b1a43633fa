// Flow control: how many lines may await their `ok`. One by default; with ADVANCED_OK, as many as the firmware has room for.
import type { Clock } from './clock.js';

export type FlowControlMode = 'single' | 'advanced-ok';

export interface FlowControlOptions {
  /** `single` (OctoPrint's behaviour) or `advanced-ok` (uses the `B` buffer room of `ok N.. P.. B..`). */
  readonly mode: FlowControlMode;
  /** Upper bound of lines in flight in `advanced-ok` mode. */
  readonly maxInFlight: number;
  /** Command buffer slots left free for urgent commands in `advanced-ok` mode. */
  readonly reserve: number;
  readonly clock: Clock;
}

export interface Acknowledgement {
  /** Free command-buffer slots reported by the firmware (`B`), or null for a plain `ok`. */
  readonly bufferRoom: number | null;
}

export const DEFAULT_MAX_IN_FLIGHT = 8;

export class FlowControl {
  private readonly mode: FlowControlMode;
  private readonly maxInFlight: number;
  private readonly reserve: number;
  private readonly clock: Clock;
  private pending = 0;
  private credits = 0;
  private lastActivityAt: number;
  /** When the wait for the next ok began: the last ok, the first line sent with nothing in flight, or a busy report. */
  private okWaitSince: number;

  constructor(options: Partial<FlowControlOptions> & { clock: Clock }) {
    this.mode = options.mode ?? 'single';
    this.maxInFlight = Math.max(1, Math.floor(options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT));
    this.reserve = Math.max(0, Math.floor(options.reserve ?? 1));
    this.clock = options.clock;
    this.lastActivityAt = this.clock.now();
    this.okWaitSince = this.lastActivityAt;
  }

  /** Lines sent that still await their ok. */
  get inFlight(): number {
    return this.pending;
  }

  /** True when another line may be written now. */
  canSend(): boolean {
    if (this.pending === 0) return true;
    return this.mode === 'advanced-ok' && this.pending < this.maxInFlight && this.credits > 0;
  }

  /** Records a line written that will be answered by an ok. */
  sent(): void {
    const now = this.clock.now();
    if (this.pending === 0) this.okWaitSince = now;
    this.pending++;
    if (this.credits > 0) this.credits--;
    this.lastActivityAt = now;
  }

  /**
   * Records an ok. With a buffer room, the lines still in flight are assumed not yet counted by the firmware
   * (the safe assumption), so the room left for new lines is `B - inFlight - reserve`.
   */
  acknowledged(ack: Acknowledgement = { bufferRoom: null }): void {
    if (this.pending > 0) this.pending--;
    this.credits = this.mode === 'advanced-ok' && ack.bufferRoom !== null ? Math.max(0, ack.bufferRoom - this.pending - this.reserve) : 0;
    this.lastActivityAt = this.clock.now();
    this.okWaitSince = this.lastActivityAt;
  }

  /**
   * Notes a line from the firmware that is not an ok (a temperature report, an echo): the link is alive, but the
   * wait for the ok goes on. Auto-reported temperatures arrive this way every second or two.
   */
  activity(): void {
    this.lastActivityAt = this.clock.now();
  }

  /** The firmware says it is still working on the line (`busy:`, or a heat-up still under way): both waits start again. */
  stillWorking(): void {
    this.lastActivityAt = this.clock.now();
    this.okWaitSince = this.lastActivityAt;
  }

  /** Milliseconds since the last send, ok or sign of life. */
  quietFor(): number {
    return this.clock.now() - this.lastActivityAt;
  }

  /**
   * Milliseconds the oldest line in flight has waited for an ok (since the last ok, or since it was sent when nothing
   * else was in flight, or since the firmware last said it is still working); -1 when nothing is in flight.
   * Only an ok ends this wait, so a lost ok shows here even while the firmware keeps talking.
   */
  okWaitFor(): number {
    return this.pending > 0 ? this.clock.now() - this.okWaitSince : -1;
  }

  /** True when lines are in flight and nothing was heard for `timeoutMs`: the driver should recover. */
  overdue(timeoutMs: number): boolean {
    return this.pending > 0 && this.quietFor() >= timeoutMs;
  }

  /** Forgets every line in flight (after a timeout recovery, a resend, or a reconnect). */
  reset(): void {
    this.pending = 0;
    this.credits = 0;
    this.lastActivityAt = this.clock.now();
    this.okWaitSince = this.lastActivityAt;
  }
}
