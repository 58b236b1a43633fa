// Timers of a live connection: the communication watchdog (silence and ok timeouts, busy, recovery) and temperature polling.
import type { Disposable } from '../../shared/index.js';
import type { Scheduler } from './scheduler.js';

export interface LinkTimings {
  /** Seconds without an answer, with lines in flight, before recovering. */
  communication: number;
  /** The same while the firmware reports `busy`. */
  communicationBusy: number;
  /** Seconds between M105 polls (without auto-report). */
  temperature: number;
  /** Seconds between auto-reports once M155 was sent (0 = auto-report off). */
  temperatureAutoreport: number;
  /**
   * Seconds the firmware keeps waiting in M109/M190 once a heater is within its window (Marlin's residency): until
   * then, and a communication timeout more, temperature reports count as the heat-up working.
   */
  heatupResidency: number;
  /** Consecutive timeouts tolerated while idle / while printing (0 = unlimited). */
  maxTimeoutsIdle: number;
  maxTimeoutsPrinting: number;
}

export interface LinkMonitorHooks {
  /** Milliseconds since the last sign of life, or -1 when nothing is in flight. */
  quietFor(): number;
  /**
   * Milliseconds the oldest line in flight has waited for its ok, or -1 when nothing is in flight. Unlike quietFor,
   * only an ok (or busy) ends it: auto-reported temperatures keep the link talking while an ok is lost.
   */
  okWaitFor(): number;
  isPrinting(): boolean;
  /** Recover from a timeout (poke the firmware). */
  recover(consecutive: number): void;
  /** Too many timeouts in a row: give up the connection. */
  giveUp(): void;
  /** Time to ask for temperatures. */
  pollTemperature(): void;
}

export class LinkMonitor {
  private watchdog: Disposable | null = null;
  private poller: Disposable | null = null;
  private consecutive = 0;
  private busyUntil = 0;
  private lastReportAt = 0;
  private autoreport = false;
  /** Oks still to come before the blocking heat-up's own (0: none is awaited). */
  private heatingOks = 0;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly timings: () => LinkTimings,
    private readonly hooks: LinkMonitorHooks,
  ) {}

  start(): void {
    this.stop();
    const t = this.timings();
    const tick = Math.max(20, Math.min(1000, (Math.min(t.communication, t.communicationBusy) * 1000) / 4));
    this.watchdog = this.scheduler.setInterval(() => this.check(), tick);
    this.poller = this.scheduler.setInterval(() => this.poll(), Math.max(100, t.temperature * 1000));
    this.lastReportAt = this.scheduler.now();
  }

  stop(): void {
    this.watchdog?.dispose();
    this.poller?.dispose();
    this.watchdog = null;
    this.poller = null;
    this.consecutive = 0;
    this.autoreport = false;
    this.heatingOks = 0;
  }

  /** An ok arrived: the link works. */
  acknowledged(): void {
    this.consecutive = 0;
    this.busyUntil = 0;
    if (this.heatingOks > 0) this.heatingOks--;
  }

  /**
   * A command that waits for a heater (M109, M190, M191, M116) was sent; its ok comes once the heater is there.
   * `linesInFlight` counts it and the lines sent before it that await their oks (several with advanced ok): the
   * heat-up is awaited until that many oks have come, so the ok of an earlier M104 does not end it.
   */
  heatingSent(linesInFlight = 1): void {
    this.heatingOks = Math.max(1, linesInFlight);
  }

  /** A blocking heat-up is awaiting its ok. */
  get awaitingHeatup(): boolean {
    return this.heatingOks > 0;
  }

  /** Any line arrived: the printer is alive, so timeouts so far do not count towards giving up (as in OctoPrint). */
  lineReceived(): void {
    this.consecutive = 0;
  }

  /** The firmware said busy: the communication timeout becomes the (shorter or longer) busy timeout. */
  busy(): void {
    this.busyUntil = this.scheduler.now() + this.timings().communicationBusy * 1000 * 2;
  }

  temperatureReported(): void {
    this.lastReportAt = this.scheduler.now();
  }

  /** The firmware reports temperatures by itself (M155 sent). */
  enableAutoreport(): void {
    this.autoreport = true;
  }

  get autoreporting(): boolean {
    return this.autoreport;
  }

  /**
   * Two timeouts, as in OctoPrint: nothing at all heard for the communication timeout (the printer is silent), or no
   * ok for as long while lines are in flight (an ok or a line was lost, but temperature reports keep arriving).
   */
  private check(): void {
    const quiet = this.hooks.quietFor();
    if (quiet < 0) return;
    const t = this.timings();
    const limit = (this.scheduler.now() < this.busyUntil ? t.communicationBusy : t.communication) * 1000;
    if (quiet < limit && this.hooks.okWaitFor() < limit) return;
    this.consecutive++;
    const max = this.hooks.isPrinting() ? t.maxTimeoutsPrinting : t.maxTimeoutsIdle;
    if (max > 0 && this.consecutive > max) {
      this.hooks.giveUp();
      return;
    }
    this.hooks.recover(this.consecutive);
  }

  private poll(): void {
    const t = this.timings();
    if (this.autoreport && t.temperatureAutoreport > 0) {
      const silentFor = this.scheduler.now() - this.lastReportAt;
      if (silentFor < t.temperatureAutoreport * 1000 * 3) return;
    }
    this.hooks.pollTemperature();
  }
}
