// The fake Marlin's behaviour: line numbers and checksums checked as Marlin does, its answers, and seeded faults.
import { SeededRandom } from '../../../src/printer/virtual/index.js';
import { checkLine } from './line-check.js';
import { Machine, commandCode, parameter } from './machine.js';
import type { HeaterName } from './machine.js';

/** Chances per line (0..1). Each is drawn from one seeded generator, so a seed repeats a run exactly. */
export interface FaultRates {
  /** A numbered line arrives with a character changed: Marlin asks for it again (checksum mismatch). */
  corrupt: number;
  /** `echo:busy: processing` before the ok, which comes `busyMs` later. */
  busy: number;
  /** A line of random bytes before the answer. */
  garbage: number;
  /** The ok is never sent. */
  dropOk: number;
  /** A numbered line never arrives (lost on the wire). */
  loseLine: number;
  /** The ok arrives in two writes (`o`, then `k\n`). */
  splitOk: number;
  /** An unsolicited `echo:` line before the answer. */
  echo: number;
}

export const NO_FAULTS: FaultRates = { corrupt: 0, busy: 0, garbage: 0, dropOk: 0, loseLine: 0, splitOk: 0, echo: 0 };

export interface MarlinOptions {
  seed?: number;
  faults?: Partial<FaultRates>;
  /** Whether M115 reports `Cap:AUTOREPORT_TEMP:1` (default true). */
  autoreportCapability?: boolean;
  /** Milliseconds between auto-reports once M155 S<n> (n > 0) arrived; default n seconds. Tests shorten it. */
  autoreportPeriodMs?: number;
  /** How long a busy line holds the ok back (default 30 ms). */
  busyMs?: number;
  /** Milliseconds between the two halves of a split ok (default 5). */
  splitMs?: number;
  /**
   * Commands that take time (ms), e.g. `{G28: 2000, M109: 5000}`. Meanwhile Marlin's keep-alive goes out every
   * `keepaliveMs`: `echo:busy: processing`, or for M109/M190 a temperature line as the heater climbs to its target.
   */
  slowMs?: Record<string, number>;
  /** Milliseconds between keep-alive lines of a slow command (default 1000; Marlin's default is 2000). */
  keepaliveMs?: number;
  /** Emulates the wire at this baud rate (10 bits a byte) in both directions; default none (as fast as the pty). */
  baudrate?: number;
  /**
   * Marlin's HOST_PROMPT_SUPPORT with EMERGENCY_PARSER: M115 reports both, M600 pauses with a filament-runout prompt
   * and holds its ok until `M876 S<n>` arrives (taken on arrival, ahead of the queue, as the emergency parser does).
   */
  hostPrompts?: boolean;
}

export interface MarlinIo {
  write(data: string): void;
  now(): number;
  setTimeout(callback: () => void, ms: number): { cancel(): void };
}



export class FakeMarlin {
  /** Every command accepted, in order, without line number and checksum. */
  readonly accepted: string[] = [];
  private faults: FaultRates;
  private random: SeededRandom;
  private lastLine = 0;
  private inbox = '';
  private readonly lines: string[] = [];
  private working = false;
  private autoreport: { cancel(): void } | null = null;
  private readonly machine: Machine;
  private wireFreeAt = 0;
  private stopped = false;
  /** The M600 waiting for the host's answer: the ok to send once it came. */
  private prompt: { ok: string; keepalive: { cancel(): void } | null } | null = null;
  /** Counts boots and unplugs: a timer set before one of them does nothing (see later). */
  private epoch = 0;

  constructor(
    private readonly io: MarlinIo,
    private readonly options: MarlinOptions = {},
  ) {
    this.machine = new Machine(options.autoreportCapability !== false, options.hostPrompts === true);
    this.faults = { ...NO_FAULTS, ...options.faults };
    this.random = new SeededRandom(options.seed ?? 1);
  }

  setFaults(faults: Partial<FaultRates>, seed?: number): void {
    this.faults = { ...NO_FAULTS, ...faults };
    if (seed !== undefined) this.random = new SeededRandom(seed);
  }

  /** A reset (power on, or the board restarted): the banner, line numbers from 0, auto-report off. */
  boot(): void {
    this.epoch += 1;
    this.working = false;
    this.wireFreeAt = 0;
    this.lastLine = 0;
    this.inbox = '';
    this.lines.length = 0;
    this.stopAutoreport();
    this.endPrompt();
    this.stopped = false;
    for (const line of ['start', 'echo:Marlin 2.1.2.4', 'echo: Last Updated: 2024-06-01 | Author: (fake-marlin)', 'echo:Compiled: Jun  1 2024']) {
      this.send(`${line}\n`);
    }
    this.send('echo: Free Memory: 4521  PlannerBufferBytes: 1232\n');
  }

  /** The device went away: nothing more is answered. */
  halt(): void {
    this.epoch += 1;
    this.stopped = true;
    this.stopAutoreport();
    this.endPrompt();
    this.lines.length = 0;
  }

  /** Bytes from the host. */
  receive(data: string): void {
    if (this.stopped) return;
    this.inbox += data;
    let end = this.inbox.indexOf('\n');
    while (end >= 0) {
      const line = this.inbox.slice(0, end).replace(/\r$/, '');
      this.inbox = this.inbox.slice(end + 1);
      this.lines.push(line);
      if (this.prompt && /M876/.test(line)) this.emergencyAnswer(line);
      end = this.inbox.indexOf('\n');
    }
    this.work();
  }

  /** Processes lines one at a time, as the firmware's command loop does; a delayed answer holds the next line back. */
  private work(): void {
    if (this.working) return;
    this.working = true;
    while (this.lines.length > 0 && !this.stopped) {
      const line = this.lines.shift() as string;
      const arrival = this.wireDelay(line.length + 1);
      if (arrival > 1) {
        this.later(() => this.resume(line), arrival);
        return;
      }
      if (!this.handle(line)) return;
    }
    this.working = false;
  }

  private resume(line: string): void {
    if (this.stopped) return;
    if (this.handle(line)) {
      this.working = false;
      this.work();
    }
  }

  /** Milliseconds until `bytes` have crossed the emulated wire (0 without emulation). */
  private wireDelay(bytes: number): number {
    const baudrate = this.options.baudrate;
    if (!baudrate) return 0;
    const now = this.io.now();
    this.wireFreeAt = Math.max(this.wireFreeAt, now) + (bytes * 10 * 1000) / baudrate;
    return this.wireFreeAt - now;
  }

  /** Handles one received line; false when its answer is delayed (work resumes when it is sent). */
  private handle(raw: string): boolean {
    let line = raw.trim();
    if (line === '') return true;
    const numbered = line.startsWith('N');
    if (numbered && this.random.chance(this.faults.loseLine)) return true;
    if (numbered && this.random.chance(this.faults.corrupt)) line = this.corrupt(line);
    const check = checkLine(line, this.lastLine);
    if (!check.ok) return this.resend(check.error);
    if (check.lineNumber !== null) this.lastLine = check.lineNumber;
    const command = check.command;
    this.accepted.push(command);
    if (this.machine.capture(command)) return this.sendOk('ok');
    const code = commandCode(command);
    const heater = this.machine.heaterOf(code);
    const start = heater ? this.machine.heaters[heater].actual : 0;
    const before = this.answerFor(command);
    if (this.random.chance(this.faults.echo)) before.push('echo:Active Extruder: 0');
    if (this.random.chance(this.faults.garbage)) before.push(this.garbage());
    for (const text of before) this.send(`${text}\n`);
    const ok = this.machine.okFor(command);
    if (code === 'M600' && this.options.hostPrompts) {
      this.askHost(ok);
      return false;
    }
    const slow = this.options.slowMs?.[code];
    if (slow) {
      this.slowly(slow, ok, heater && (code === 'M109' || code === 'M190') ? { heater, start } : null);
      return false;
    }
    if (this.random.chance(this.faults.busy)) {
      this.send('echo:busy: processing\n');
      this.later(() => this.finish(ok), this.options.busyMs ?? 30);
      return false;
    }
    return this.sendOk(ok);
  }

  /** M600 with host prompts: the print pauses, the host is asked, and the ok waits for its answer (keep-alives meanwhile). */
  private askHost(ok: string): void {
    for (const line of ['//action:paused', '//action:prompt_end', '//action:prompt_begin Filament runout: load new filament', '//action:prompt_choice Continue', '//action:prompt_choice Purge more', '//action:prompt_show']) {
      this.send(`${line}\n`);
    }
    const prompt: { ok: string; keepalive: { cancel(): void } | null } = { ok, keepalive: null };
    const tick = () => {
      if (this.prompt !== prompt) return;
      this.send('echo:busy: paused for user\n');
      prompt.keepalive = this.later(tick, this.options.keepaliveMs ?? 1000);
    };
    this.prompt = prompt;
    prompt.keepalive = this.later(tick, this.options.keepaliveMs ?? 1000);
  }

  /** The emergency parser saw M876 on arrival: `S<n>` answers the waiting prompt, and the held M600 completes. */
  private emergencyAnswer(line: string): void {
    const match = /M876\b.*?\bS(\d+)/.exec(line.replace(/\*\d+$/, ''));
    const prompt = this.prompt;
    if (!match || !prompt) return;
    this.endPrompt();
    this.send('//action:prompt_end\n');
    this.send(`echo:Host prompt answered: ${match[1]}\n`);
    this.send('//action:resumed\n');
    this.finish(prompt.ok);
  }

  private endPrompt(): void {
    this.prompt?.keepalive?.cancel();
    this.prompt = null;
  }

  private finish(ok: string): void {
    if (this.stopped) return;
    if (this.sendOk(ok)) {
      this.working = false;
      this.work();
    }
  }

  /** A command that takes `ms`: keep-alive lines until then (a heat-up reports its climbing temperature), then the ok. */
  private slowly(ms: number, ok: string, heating: { heater: HeaterName; start: number } | null): void {
    const every = this.options.keepaliveMs ?? 1000;
    const target = heating ? this.machine.heaters[heating.heater].target : 0;
    let elapsed = 0;
    const tick = () => {
      if (this.stopped) return;
      elapsed += every;
      if (elapsed >= ms) {
        if (heating) this.machine.heaters[heating.heater].actual = target;
        this.finish(ok);
        return;
      }
      if (heating) {
        this.machine.heaters[heating.heater].actual = heating.start + ((target - heating.start) * elapsed) / ms;
        this.send(`${this.machine.temperatureText()} W:?\n`);
      } else this.send('echo:busy: processing\n');
      this.later(tick, every);
    };
    if (heating) this.machine.heaters[heating.heater].actual = heating.start;
    this.later(tick, every);
  }

  /** Sends the ok (unless it is lost); false when it is sent in two parts and work resumes after the second. */
  private sendOk(ok: string): boolean {
    if (this.random.chance(this.faults.dropOk)) return true;
    if (this.random.chance(this.faults.splitOk)) {
      this.send(ok.slice(0, 1));
      this.later(() => {
        if (this.stopped) return;
        this.send(`${ok.slice(1)}\n`);
        this.working = false;
        this.work();
      }, this.options.splitMs ?? 5);
      return false;
    }
    this.send(`${ok}\n`);
    return true;
  }

  /** Marlin's answer to a bad line: the error, then `Resend:` and `ok`. */
  private resend(error: string): boolean {
    this.send(`Error:${error}\n`);
    this.send(`Resend: ${this.lastLine + 1}\n`);
    return this.sendOk('ok');
  }

  private corrupt(line: string): string {
    const start = line.indexOf(' ') + 1;
    const end = line.lastIndexOf('*');
    if (start <= 0 || end <= start) return line;
    const at = start + Math.floor(this.random.next() * (end - start));
    const original = line.charCodeAt(at);
    const replacement = original === 0x5a ? 0x59 : original + 1 > 0x7e ? 0x21 : original + 1;
    return line.slice(0, at) + String.fromCharCode(replacement) + line.slice(at + 1);
  }

  private garbage(): string {
    const length = 3 + Math.floor(this.random.next() * 20);
    let text = '';
    for (let i = 0; i < length; i++) {
      let code = Math.floor(this.random.next() * 256);
      if (code === 0x0a || code === 0x0d) code = 0x7f;
      text += String.fromCharCode(code);
    }
    return text;
  }

  /** M110 and M155 concern the link; everything else the machine. */
  private answerFor(command: string): string[] {
    const code = commandCode(command);
    if (code === 'M110') {
      this.lastLine = parameter(command, 'N') ?? this.lastLine;
      return [];
    }
    if (code === 'M155') {
      this.stopAutoreport();
      const seconds = parameter(command, 'S') ?? 0;
      if (seconds > 0) this.startAutoreport(this.options.autoreportPeriodMs ?? seconds * 1000);
      return [];
    }
    return this.machine.execute(command);
  }

  private startAutoreport(periodMs: number): void {
    const tick = () => {
      if (this.stopped) return;
      this.send(`${this.machine.temperatureText()}\n`);
      this.autoreport = this.later(tick, periodMs);
    };
    this.autoreport = this.later(tick, periodMs);
  }

  /**
   * A timer of this boot: it does nothing once the device went away or booted again, so a line or answer held on the
   * emulated wire at an unplug neither lands after the replug nor leaves the command loop marked busy.
   */
  private later(callback: () => void, ms: number): { cancel(): void } {
    const epoch = this.epoch;
    return this.io.setTimeout(() => {
      if (!this.stopped && epoch === this.epoch) callback();
    }, ms);
  }

  private stopAutoreport(): void {
    this.autoreport?.cancel();
    this.autoreport = null;
  }

  private send(data: string): void {
    if (this.stopped) return;
    const delay = this.wireDelay(data.length);
    if (delay > 1) this.later(() => !this.stopped && this.io.write(data), delay);
    else this.io.write(data);
  }
}
