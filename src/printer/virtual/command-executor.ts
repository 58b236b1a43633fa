// The firmware of the virtual printer: runs one command at a time, answering at once or after simulated moves and heating.
import { commandArgument, commandCode, hasParameter, numericParameter } from '../protocol/index.js';
import type { Clock } from '../protocol/index.js';
import { HeaterBank } from './heater-bank.js';
import { promptAnswer, promptAnsweredLines, runoutPromptLines } from './host-prompts.js';
import { MotionState, Planner } from './motion.js';
import type { Scheduler } from './scheduler.js';
import { SdCard } from './sd-card.js';
import { runSdCommand, sdStatusLine } from './sd-commands.js';
import type { SimulatedHeater } from './simulated-heater.js';
import type { VirtualPrinterOptions } from './virtual-options.js';

export interface ExecutorHost {
  emit(line: string): void;
  /** M112: the firmware halts. */
  kill(): void;
  /** False once the printer is closed or halted: blocked commands then give up silently. */
  active(): boolean;
  /** M24 started an SD print. */
  sdPrintStarted(): void;
}

/** What a command answers when it is done: `ok`, or `ok` followed by data (`ok T:...`). */
export type Completion = string;

type WaitKind = 'moving' | 'heating' | 'paused';

export class CommandExecutor {
  readonly heaters: HeaterBank;
  readonly motion = new MotionState();
  readonly planner: Planner;
  readonly card: SdCard | undefined;
  private stopTemperatureReport: (() => void) | undefined;
  private stopSdReport: (() => void) | undefined;
  private breakRequested = false;
  /** While a host prompt waits: the answer once it came (undefined: none yet). */
  private prompt: { answer: number | undefined } | null = null;

  constructor(
    private readonly options: VirtualPrinterOptions,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    private readonly host: ExecutorHost,
  ) {
    this.heaters = new HeaterBank(options, clock);
    this.planner = new Planner(options.plannerBufferSize);
    this.card = options.sdCard ? (options.sdCardInstance ?? new SdCard(options.sdFiles)) : undefined;
  }

  /** Runs a command; returns its completion, or a promise of it when the command must wait. */
  execute(command: string): Completion | Promise<Completion> {
    const code = commandCode(command);
    if (code === null) {
      this.host.emit(`echo:Unknown command: "${command}"`);
      return 'ok';
    }
    switch (code) {
      case 'G0': case 'G1': case 'G2': case 'G3':
        return this.move(this.motion.move(command));
      case 'G4': {
        const ms = (numericParameter(command, 'P') ?? 0) + (numericParameter(command, 'S') ?? 0) * 1000;
        return this.options.instant ? 'ok' : this.afterIdle(ms);
      }
      case 'G28':
        if (this.options.instant) {
          this.motion.home(command);
          return 'ok';
        }
        return this.afterIdle(0).then(() => this.waitFor(this.motion.home(command)));
      case 'G90': this.motion.setRelative(false); return 'ok';
      case 'G91': this.motion.setRelative(true); return 'ok';
      case 'G92': this.motion.setPosition(command); return 'ok';
      case 'M82': this.motion.setRelativeExtruder(false); return 'ok';
      case 'M83': this.motion.setRelativeExtruder(true); return 'ok';
      case 'M0': case 'M1':
        return this.options.instant ? 'ok' : this.waitUntil(() => false, () => Infinity, 'paused').then(() => 'ok');
      case 'M104': case 'M109':
        return this.setTemperature(this.heaters.tool(numericParameter(command, 'T')), command, code === 'M109');
      case 'M140': case 'M190':
        return this.setTemperature(this.heaters.bed, command, code === 'M190');
      case 'M141': case 'M191':
        return this.setTemperature(this.heaters.chamber, command, code === 'M191');
      case 'M105':
        return `ok ${this.heaters.report()}`;
      case 'M108':
        return 'ok';
      case 'M112':
        this.host.kill();
        return 'ok';
      case 'M114':
        this.host.emit(this.motion.report());
        return 'ok';
      case 'M115':
        for (const line of this.firmwareReport()) this.host.emit(line);
        return 'ok';
      case 'M117':
        return 'ok';
      case 'M118':
        this.host.emit(this.echoText(command));
        return 'ok';
      case 'M155':
        this.setTemperatureReportInterval(numericParameter(command, 'S') ?? 0);
        return 'ok';
      case 'M220': {
        const factor = numericParameter(command, 'S');
        if (factor !== undefined && factor > 0) this.motion.speedFactor = factor;
        return 'ok';
      }
      case 'M600':
        return this.options.hostPrompts ? this.filamentRunout() : 'ok';
      case 'M876':
        this.answerPrompt(promptAnswer(command));
        return 'ok';
      case 'M400':
        return this.options.instant ? 'ok' : this.afterIdle(0);
      case 'M410':
        this.quickStop();
        return 'ok';
      default:
        break;
    }
    if (code.startsWith('T')) return this.selectTool(Number(code.slice(1)));
    if (runSdCommand(code, command, this.card, this)) return 'ok';
    // Any other G or M code is taken without comment, as Marlin does for the many codes a slicer emits.
    return 'ok';
  }

  emit(line: string): void {
    this.host.emit(line);
  }

  sdPrintStarted(): void {
    this.host.sdPrintStarted();
  }

  setSdReportInterval(seconds: number): void {
    this.stopSdReport?.();
    this.stopSdReport = undefined;
    const card = this.card;
    if (seconds > 0 && card) this.stopSdReport = this.scheduler.every(seconds * 1000, () => this.host.emit(sdStatusLine(card)));
  }

  /** M108 (emergency parser): ends a heating wait or a pause for the user. */
  requestBreak(): void {
    this.breakRequested = true;
    this.scheduler.interruptSleeps();
  }

  /**
   * The filament ran out (M600 with host prompts, or the `filamentRunoutAfterLines` knob): the print pauses and the
   * host is asked, Prusa style; the command completes once `M876 S<n>` answers (or M108 ends the wait).
   */
  filamentRunout(): Promise<Completion> {
    for (const line of runoutPromptLines()) this.host.emit(line);
    const prompt: { answer: number | undefined } = { answer: undefined };
    this.prompt = prompt;
    return this.waitUntil(() => prompt.answer !== undefined, () => Infinity, 'paused').then(() => {
      if (this.prompt === prompt) this.prompt = null;
      for (const line of promptAnsweredLines(prompt.answer ?? null)) this.host.emit(line);
      return 'ok';
    });
  }

  /** `M876 S<n>` (also from the emergency parser): answers the prompt that waits, if any. */
  answerPrompt(choice: number | null): void {
    if (choice === null || !this.prompt || this.prompt.answer !== undefined) return;
    this.prompt.answer = choice;
    this.scheduler.interruptSleeps();
  }

  /** M410 (emergency parser): drops the planned moves. */
  quickStop(): void {
    this.planner.clear();
    this.scheduler.interruptSleeps();
  }

  /** Stops the auto-reports (close, kill). */
  stop(): void {
    this.setTemperatureReportInterval(0);
    this.setSdReportInterval(0);
  }

  /** The M115 answer (without its ok). */
  firmwareReport(): string[] {
    const flag = (value: boolean) => (value ? 1 : 0);
    const caps: [string, number][] = [
      ['SERIAL_XON_XOFF', 0], ['BINARY_FILE_TRANSFER', 0], ['EEPROM', 0], ['VOLUMETRIC', 1], ['AUTOREPORT_POS', 0],
      ['AUTOREPORT_TEMP', 1], ['PROGRESS', 0], ['PRINT_JOB', 1], ['AUTOLEVEL', 0], ['RUNOUT', 0], ['Z_PROBE', 0],
      ['LEVELING_DATA', 0], ['BUILD_PERCENT', 0], ['SOFTWARE_POWER', 0], ['TOGGLE_LIGHTS', 0], ['CASE_LIGHT_BRIGHTNESS', 0],
      ['EMERGENCY_PARSER', flag(this.options.emergencyParser)], ['HOST_ACTION_COMMANDS', flag(this.options.hostPrompts)], ['PROMPT_SUPPORT', flag(this.options.hostPrompts)],
      ['SDCARD', flag(this.card !== undefined)], ['AUTOREPORT_SD_STATUS', flag(this.card !== undefined)], ['LONG_FILENAME', 1],
      ['EXTENDED_M20', 0], ['THERMAL_PROTECTION', 1], ['MOTION_MODES', 0], ['ARCS', 1], ['BABYSTEPPING', 0],
      ['CHAMBER_TEMPERATURE', flag(this.heaters.chamber !== undefined)],
    ];
    return [
      `FIRMWARE_NAME:${this.options.firmwareName} 2.1.2 (Argonaut) SOURCE_CODE_URL:github.com/MarlinFirmware/Marlin PROTOCOL_VERSION:1.0 MACHINE_TYPE:Argonaut Virtual Printer EXTRUDER_COUNT:${this.options.extruders} UUID:00000000-0000-4000-8000-000000000000`,
      ...caps.map(([name, value]) => `Cap:${name}:${value}`),
    ];
  }

  private echoText(command: string): string {
    let text = commandArgument(command);
    let prefix = '';
    for (let flag = /^([AE])1\s*/i.exec(text); flag; flag = /^([AE])1\s*/i.exec(text)) {
      prefix += flag[1]?.toUpperCase() === 'A' ? '//' : 'echo:';
      text = text.slice(flag[0].length);
    }
    return prefix + text;
  }

  private selectTool(tool: number): Completion {
    if (!(tool >= 0 && tool < this.heaters.tools.length)) {
      this.host.emit(`echo:T${tool} Invalid extruder`);
      return 'ok';
    }
    this.heaters.activeTool = tool;
    this.host.emit(`echo:Active Extruder: ${tool}`);
    return 'ok';
  }

  private setTemperatureReportInterval(seconds: number): void {
    this.stopTemperatureReport?.();
    this.stopTemperatureReport = undefined;
    if (seconds > 0) this.stopTemperatureReport = this.scheduler.every(seconds * 1000, () => this.host.emit(` ${this.heaters.report()}`));
  }

  private setTemperature(heater: SimulatedHeater | undefined, command: string, wait: boolean): Completion | Promise<Completion> {
    if (!heater) return 'ok';
    const s = numericParameter(command, 'S');
    const r = numericParameter(command, 'R');
    const target = s ?? r;
    if (target === undefined) return 'ok';
    heater.setTarget(target);
    if (!wait) return 'ok';
    if (this.options.instant) {
      heater.settle();
      return 'ok';
    }
    const heatingOnly = s !== undefined && !hasParameter(command, 'R');
    return this.waitUntil(() => heater.reached(this.options.temperatureWindow, heatingOnly), () => this.options.temperatureReportInterval, 'heating').then(() => 'ok');
  }

  private move(duration: number): Completion | Promise<Completion> {
    if (this.options.instant) return 'ok';
    const now = this.clock.now();
    if (this.planner.room(now) > 0) {
      this.planner.add(now, duration);
      return 'ok';
    }
    const ready = () => this.planner.room(this.clock.now()) > 0;
    const next = () => this.planner.nextFreeAt(this.clock.now()) - this.clock.now();
    return this.waitUntil(ready, next, 'moving').then(() => {
      this.planner.add(this.clock.now(), duration);
      return 'ok';
    });
  }

  /** Waits until every planned move has ended, then `extraMs` more. */
  private afterIdle(extraMs: number): Promise<Completion> {
    const idle = () => this.planner.idleAt(this.clock.now()) <= this.clock.now();
    const next = () => this.planner.idleAt(this.clock.now()) - this.clock.now();
    return this.waitUntil(idle, next, 'moving').then(() => this.waitFor(extraMs));
  }

  private waitFor(ms: number): Promise<Completion> {
    const end = this.clock.now() + ms;
    return this.waitUntil(() => this.clock.now() >= end, () => end - this.clock.now(), 'moving').then(() => 'ok');
  }

  /**
   * Sleeps until `ready()` (re-checked after `untilNext()` simulated ms), saying it is alive the way Marlin does:
   * temperature lines every second while heating, and `echo:busy:` at the host keepalive interval (while heating
   * only with `busyWhileHeating`, Marlin's BUSY_WHILE_HEATING). M108 ends heating waits and pauses.
   * Never resolves once the printer closed or halted.
   */
  private async waitUntil(ready: () => boolean, untilNext: () => number, kind: WaitKind): Promise<void> {
    const reportEvery = kind === 'heating' ? this.options.temperatureReportInterval : Infinity;
    const busyEvery = kind === 'heating' && !this.options.busyWhileHeating ? Infinity : this.options.busyInterval;
    const busyText = kind === 'paused' ? 'echo:busy: paused for user' : 'echo:busy: processing';
    let lastReport = this.clock.now();
    let lastBusy = lastReport;
    this.breakRequested = false;
    while (!ready()) {
      if (this.breakRequested && kind !== 'moving') break;
      const now = this.clock.now();
      const wait = Math.min(untilNext(), lastReport + reportEvery - now, lastBusy + busyEvery - now);
      await this.scheduler.sleep(Math.max(1, wait));
      if (!this.host.active()) await new Promise<never>(() => {});
      if (ready()) break;
      const after = this.clock.now();
      if (after - lastReport >= reportEvery - 1) {
        lastReport = after;
        this.host.emit(` ${this.heaters.report()} W:?`);
      }
      if (after - lastBusy >= busyEvery - 1) {
        lastBusy = after;
        this.host.emit(busyText);
      }
    }
    this.breakRequested = false;
  }
}
