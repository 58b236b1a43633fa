// The shared state of a driver: its parts (send channel, print control, trackers, timers) and the current state.
import type { EventBus } from '../../events/index.js';
import { notOperational } from '../../shared/index.js';
import type { PositionReport } from '../protocol/index.js';
import type { Transport } from '../transport/index.js';
import { ActionCommands } from './action-commands.js';
import { CommandEffects } from './command-effects.js';
import type { DriverSettings } from './driver-settings.js';
import { Emitter } from './emitter.js';
import { scriptCommands } from './gcode-scripts.js';
import type { ScriptName } from './gcode-scripts.js';
import { LinkMonitor } from './link-monitor.js';
import { PrintController } from './print-controller.js';
import { isOperationalState, stateFlags, stateText } from './printer-state.js';
import type { PrinterStateId, StateFlags } from './printer-state.js';
import type { Scheduler } from './scheduler.js';
import { SdCard } from './sd-card.js';
import type { SdFile } from './sd-card.js';
import { SdTransferController } from './sd-transfer-controller.js';
import { SendChannel } from './send-channel.js';
import type { ResendStats } from './send-channel.js';
import { TemperatureTracker } from './temperature-tracker.js';
import type { HeaterState } from './temperature-tracker.js';
import type { PromptView } from './host-prompt.js';
import type { PrinterNotification } from './printer-notifications.js';
import { TERMINAL_LINES, TerminalLog } from './terminal-log.js';

/** Commands whose ok comes only once a heater reached its target. */
const BLOCKING_HEATUP = /^M(109|190|191|116)(?!\d)/;

export interface DriverLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface ConnectionInfo {
  port: string | null;
  baudrate: number | null;
  profileId: string | null;
}

export interface FirmwareData {
  name: string;
  data: Record<string, string>;
}

export interface DriverSnapshot {
  state: { id: PrinterStateId; text: string; flags: StateFlags; error: string | null };
  currentZ: number | null;
  offsets: Record<string, number>;
  temperatures: Record<string, HeaterState>;
  resends: ResendStats;
  sd: { ready: boolean };
  connection: ConnectionInfo;
  firmware: FirmwareData | null;
  position: PositionReport | null;
  /** The host prompt being built or shown (`//action:prompt_*`), null when none. */
  prompt: PromptView | null;
  /** The printer's notifications (`//action:notification`) since it connected, oldest first. */
  notifications: PrinterNotification[];
}

export interface DriverCoreOptions {
  events: EventBus;
  settings: () => DriverSettings;
  scheduler: Scheduler;
  logger?: DriverLogger;
  /** A fatal problem (too many timeouts): the connection must be given up. */
  onFatal(message: string): void;
}

export class DriverCore {
  readonly log = new TerminalLog(TERMINAL_LINES);
  readonly temperatures: TemperatureTracker;
  readonly effects: CommandEffects;
  readonly channel: SendChannel;
  readonly sd: SdCard;
  readonly print: PrintController;
  /** Copies of host files onto the SD card (M28/M29). */
  readonly transfer: SdTransferController;
  readonly monitor: LinkMonitor;
  /** `//action:` lines: print control, SD card, host prompts, notifications. */
  readonly actions: ActionCommands;
  readonly events: EventBus;
  readonly scheduler: Scheduler;
  readonly settings: () => DriverSettings;
  readonly logger: DriverLogger | undefined;
  private readonly stateEmitter = new Emitter<PrinterStateId>();
  private readonly sdFilesEmitter = new Emitter<readonly SdFile[]>();
  readonly onDidChangeState = this.stateEmitter.event;
  readonly onDidChangeSdFiles = this.sdFilesEmitter.event;
  stateId: PrinterStateId = 'OFFLINE';
  errorText: string | null = null;
  transport: Transport | null = null;
  firmware: FirmwareData | null = null;
  position: PositionReport | null = null;
  /** Firmware capabilities from M115 (`Cap:NAME:1`). */
  readonly capabilities = new Map<string, boolean>();
  connection: ConnectionInfo = { port: null, baudrate: null, profileId: null };

  constructor(options: DriverCoreOptions) {
    this.events = options.events;
    this.scheduler = options.scheduler;
    this.settings = options.settings;
    this.logger = options.logger;
    const settings = options.settings();
    this.temperatures = new TemperatureTracker(() => this.settings().temperatureCutoffMinutes, () => this.scheduler.wallClock());
    this.effects = new CommandEffects({
      onZChange: (next, old) => this.events.emit('ZChange', { new: next, old }),
      onTargetSet: (heater, target) => this.temperatures.setTarget(heater, target),
    });
    this.channel = new SendChannel({
      write: (text) => this.transport?.write(text),
      clock: { now: () => this.scheduler.now() },
      checksumPolicy: settings.checksumPolicy,
      resendWindowSize: settings.resendWindow,
      flowMode: settings.advancedOk ? 'advanced-ok' : 'single',
      context: () => ({ printing: this.print.active || this.transfer.active, firmwareInfoReceived: this.firmware !== null }),
      onSent: (command, text) => {
        this.log.append('send', text);
        this.effects.sent(command);
        if (command.charCodeAt(0) === 77 /* M */ && BLOCKING_HEATUP.test(command)) this.monitor.heatingSent(this.channel.flow.inFlight);
      },
      onIdle: () => (this.transfer.active ? this.transfer.onIdle() : this.print.onIdle()),
    });
    this.sd = new SdCard({
      onFilesChanged: (files) => this.sdFilesEmitter.fire(files),
      onReadyChanged: () => undefined,
      onCardOk: () => {
        if (this.stateId === 'OPERATIONAL') this.refreshSdFiles();
      },
      onPrintProgress: () => undefined,
      onPrintDone: () => this.print.sdDone(),
      onFileOpened: () => undefined,
    });
    this.print = new PrintController({
      state: () => this.stateId,
      setState: (state) => this.setState(state),
      channel: this.channel,
      scheduler: this.scheduler,
      runScript: (name) => this.runScript(name),
      streamHooks: () => ({
        offset: (heater) => this.temperatures.offset(heater),
        hasOffsets: () => this.temperatures.hasOffsets(),
        currentTool: () => this.effects.currentTool,
      }),
      onReadError: (error) => this.failPrint(`Could not read the print file: ${error.message}`),
    });
    this.transfer = new SdTransferController({
      channel: this.channel,
      events: this.events,
      setState: (state) => this.setState(state),
      now: () => this.scheduler.now(),
      refreshSdFiles: () => this.refreshSdFiles(),
      info: (text) => this.log.append('info', text),
      connected: () => this.transport !== null,
    });
    this.monitor = new LinkMonitor(this.scheduler, () => this.settings().timings, {
      quietFor: () => (this.channel.flow.inFlight > 0 ? this.channel.flow.quietFor() : -1),
      okWaitFor: () => this.channel.flow.okWaitFor(),
      isPrinting: () => this.print.active || this.transfer.active,
      recover: (count) => {
        this.log.append('info', `No answer from the printer for a while (timeout ${count}), poking it with the next line`);
        this.channel.recoverFromTimeout();
      },
      giveUp: () => options.onFatal('Too many consecutive timeouts, printer still connected and alive?'),
      // Nothing may go between the lines of a file being written to the card.
      pollTemperature: () => {
        if (!this.transfer.active) this.queueOnce('M105');
      },
    });
    this.actions = new ActionCommands(this);
  }

  get isOperational(): boolean {
    return isOperationalState(this.stateId);
  }

  setState(state: PrinterStateId): void {
    if (state === this.stateId) return;
    this.stateId = state;
    this.events.emit('PrinterStateChanged', { state_id: state, state_string: this.stateString(state) });
    this.stateEmitter.fire(state);
  }

  snapshot(): DriverSnapshot {
    return {
      state: { id: this.stateId, text: this.stateString(this.stateId), flags: stateFlags(this.stateId, this.sd.ready), error: this.errorText },
      currentZ: this.effects.currentZ,
      offsets: this.temperatures.nonZeroOffsets(),
      temperatures: this.temperatures.current(),
      resends: this.channel.stats,
      sd: { ready: this.sd.ready },
      connection: { ...this.connection },
      firmware: this.firmware,
      position: this.position,
      ...this.actions.view(),
    };
  }

  private stateString(state: PrinterStateId): string {
    return stateText(state, this.print.fromSd, this.transfer.active);
  }

  requireOperational(): void {
    if (!this.isOperational || !this.transport) throw notOperational();
  }

  /** Queues a command unless the same one is already waiting. */
  queueOnce(command: string): void {
    if (!this.transport || !this.isOperational || this.channel.isQueued(command)) return;
    this.channel.enqueue(command);
    this.channel.pump();
  }

  /** Lists the SD card (with long names when the firmware can). */
  refreshSdFiles(): void {
    this.queueOnce(this.capabilities.get('LONG_FILENAME') ? 'M20 L' : 'M20');
  }

  runScript(name: ScriptName): void {
    for (const command of scriptCommands(this.settings().script(name) ?? '')) this.channel.enqueue(command);
  }

  /** The print cannot go on (a read error, a firmware restart): it fails, the connection stays. */
  failPrint(message: string): void {
    this.log.append('info', message);
    this.transfer.abort(message);
    this.print.abort('error');
    if (this.transport) this.setState('OPERATIONAL');
  }
}
