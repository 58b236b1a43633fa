// The printer driver: connection and handshake, the state machine, firmware answers, and the controls of the API.
import type { EventBus } from '../../events/index.js';
import { ArgonautError } from '../../shared/index.js';
import type { Disposable } from '../../shared/index.js';
import { ResponseClassifier, prepareCommand } from '../protocol/index.js';
import type { FirmwareError, FirmwareResponse, PositionReport } from '../protocol/index.js';
import type { Transport, TransportFactory } from '../transport/index.js';
import { CommandEffects } from './command-effects.js';
import { isAutoPort, openTransport } from './connection-opener.js';
import type { DriverSettings } from './driver-settings.js';
import { Emitter } from './emitter.js';
import { scriptCommands } from './gcode-scripts.js';
import type { ScriptName } from './gcode-scripts.js';
import { LinkMonitor } from './link-monitor.js';
import { PrintController } from './print-controller.js';
import type { PrintSource } from './print-source.js';
import { hasControlCharacters } from './printer-commands.js';
import { isOperationalState, isPrintingState, stateFlags, stateText } from './printer-state.js';
import type { PrinterStateId, StateFlags } from './printer-state.js';
import { systemScheduler } from './scheduler.js';
import type { Scheduler } from './scheduler.js';
import { SdCard } from './sd-card.js';
import type { SdFile } from './sd-card.js';
import { SendChannel } from './send-channel.js';
import type { ResendStats } from './send-channel.js';
import { TemperatureTracker } from './temperature-tracker.js';
import type { HeaterState } from './temperature-tracker.js';
import { TerminalLog } from './terminal-log.js';

export interface DriverLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface PrinterDriverOptions {
  transports: TransportFactory;
  events: EventBus;
  settings: () => DriverSettings;
  scheduler?: Scheduler;
  logger?: DriverLogger;
}

export interface ConnectRequest {
  port?: string | null;
  baudrate?: number | null;
  profileId?: string | null;
}

export interface ConnectionInfo {
  port: string | null;
  baudrate: number | null;
  profileId: string | null;
}

export interface DriverSnapshot {
  state: { id: PrinterStateId; text: string; flags: StateFlags; error: string | null };
  currentZ: number | null;
  offsets: Record<string, number>;
  temperatures: Record<string, HeaterState>;
  resends: ResendStats;
  sd: { ready: boolean };
  connection: ConnectionInfo;
  firmware: { name: string; data: Record<string, string> } | null;
  position: PositionReport | null;
}

export class PrinterDriver {
  readonly scheduler: Scheduler;
  readonly log = new TerminalLog(300);
  readonly temperatures: TemperatureTracker;
  readonly sd: SdCard;
  readonly print: PrintController;
  private readonly channel: SendChannel;
  private readonly effects: CommandEffects;
  private readonly monitor: LinkMonitor;
  private readonly classifier = new ResponseClassifier();
  private readonly stateEmitter = new Emitter<PrinterStateId>();
  private readonly sdFilesEmitter = new Emitter<readonly SdFile[]>();
  readonly onDidChangeState = this.stateEmitter.event;
  readonly onDidChangeSdFiles = this.sdFilesEmitter.event;
  private stateId: PrinterStateId = 'OFFLINE';
  private errorText: string | null = null;
  private transport: Transport | null = null;
  private transportSubscriptions: Disposable[] = [];
  private handshakeTimers: Disposable[] = [];
  private generation = 0;
  private firmwareInfo: { name: string; data: Record<string, string> } | null = null;
  private capabilities = new Map<string, boolean>();
  private lastPosition: PositionReport | null = null;
  private connectionInfo: ConnectionInfo = { port: null, baudrate: null, profileId: null };
  private pendingError: FirmwareError | null = null;

  constructor(private readonly options: PrinterDriverOptions) {
    this.scheduler = options.scheduler ?? systemScheduler();
    const settings = options.settings();
    this.temperatures = new TemperatureTracker(() => this.options.settings().temperatureCutoffMinutes, () => this.scheduler.wallClock());
    this.effects = new CommandEffects({
      onZChange: (next, old) => this.options.events.emit('ZChange', { new: next, old }),
      onTargetSet: (heater, target) => this.temperatures.setTarget(heater, target),
    });
    this.channel = new SendChannel({
      write: (text) => this.transport?.write(text),
      clock: { now: () => this.scheduler.now() },
      checksumPolicy: settings.checksumPolicy,
      resendWindowSize: settings.resendWindow,
      flowMode: settings.advancedOk ? 'advanced-ok' : 'single',
      context: () => ({ printing: this.print.active, firmwareInfoReceived: this.firmwareInfo !== null }),
      onSent: (command, text) => {
        this.log.append('send', text);
        this.effects.sent(command);
      },
      onIdle: () => this.print.onIdle(),
    });
    this.sd = new SdCard({
      onFilesChanged: (files) => this.sdFilesEmitter.fire(files),
      onReadyChanged: (ready) => {
        if (ready && this.stateId === 'OPERATIONAL') this.refreshSd();
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
        hasOffsets: () => Object.keys(this.temperatures.nonZeroOffsets()).length > 0,
        currentTool: () => this.effects.currentTool,
      }),
      onReadError: (error) => this.failPrint(`Could not read the print file: ${error.message}`),
    });
    this.monitor = new LinkMonitor(this.scheduler, () => this.options.settings().timings, {
      quietFor: () => (this.channel.flow.inFlight > 0 ? this.channel.flow.quietFor() : -1),
      isPrinting: () => this.print.active,
      recover: (count) => {
        this.log.append('info', `No answer from the printer for a while (timeout ${count}), poking it with the next line`);
        this.channel.recoverFromTimeout();
      },
      giveUp: () => this.fail('Too many consecutive timeouts, printer still connected and alive?'),
      pollTemperature: () => this.queueOnce('M105'),
    });
  }

  get state(): PrinterStateId {
    return this.stateId;
  }

  get isOperational(): boolean {
    return isOperationalState(this.stateId);
  }

  get isPrinting(): boolean {
    return isPrintingState(this.stateId);
  }

  get isPaused(): boolean {
    return this.stateId === 'PAUSED';
  }

  get error(): string | null {
    return this.errorText;
  }

  get connection(): ConnectionInfo {
    return { ...this.connectionInfo };
  }

  /** Everything the API and push socket show about the printer, as one plain object. */
  snapshot(): DriverSnapshot {
    return {
      state: { id: this.stateId, text: stateText(this.stateId, this.print.fromSd), flags: stateFlags(this.stateId, this.sd.ready), error: this.errorText },
      currentZ: this.effects.currentZ,
      offsets: this.temperatures.nonZeroOffsets(),
      temperatures: this.temperatures.current(),
      resends: this.channel.stats,
      sd: { ready: this.sd.ready },
      connection: this.connection,
      firmware: this.firmwareInfo,
      position: this.lastPosition,
    };
  }

  /** Connects (disconnecting first if needed). Resolves true once operational, false when the attempt failed. */
  async connect(request: ConnectRequest = {}): Promise<boolean> {
    if (this.transport || !['OFFLINE', 'CLOSED_WITH_ERROR'].includes(this.stateId)) await this.disconnect();
    const generation = ++this.generation;
    const settings = this.options.settings();
    this.errorText = null;
    this.connectionInfo = { port: request.port ?? null, baudrate: request.baudrate ?? null, profileId: request.profileId ?? null };
    this.setState('OPEN_SERIAL');
    this.options.events.emit('Connecting', {});
    let transport: Transport;
    try {
      transport = await openTransport(
        this.options.transports,
        { port: isAutoPort(request.port) ? null : (request.port as string), baudrate: request.baudrate ?? 0, detectionTimeout: settings.detectionTimeout },
        this.scheduler,
        () => this.setState('DETECT_SERIAL'),
      );
    } catch (error) {
      if (generation === this.generation) this.fail(error instanceof Error ? error.message : String(error));
      return false;
    }
    if (generation !== this.generation) {
      await transport.close();
      return false;
    }
    this.attach(transport);
    this.connectionInfo = { ...this.connectionInfo, port: transport.port, baudrate: transport.baudrate };
    this.setState('CONNECTING');
    return new Promise<boolean>((resolve) => {
      const subscription = this.onDidChangeState((state) => {
        if (state === 'CONNECTING' || state === 'OPEN_SERIAL' || state === 'DETECT_SERIAL') return;
        subscription.dispose();
        resolve(state === 'OPERATIONAL');
      });
      this.startHandshake(settings);
    });
  }

  /** Closes the connection; a running print fails. */
  async disconnect(): Promise<void> {
    this.generation++;
    this.clearHandshake();
    if (!this.transport) {
      if (this.stateId !== 'OFFLINE') this.setState('OFFLINE');
      return;
    }
    this.options.events.emit('Disconnecting', {});
    if (this.isOperational && !this.print.active) {
      this.runScript('beforePrinterDisconnected');
      this.channel.pump();
    }
    this.print.abort('error');
    await this.detach();
    this.errorText = null;
    this.setState('OFFLINE');
    this.options.events.emit('Disconnected', {});
  }

  /** Queues commands from a user (API, terminal). Control characters are refused; M112 jumps the queue. */
  commands(lines: readonly string[]): void {
    this.requireOperational();
    for (const line of lines) {
      if (hasControlCharacters(line)) throw new ArgonautError('invalid', 'A command must not contain line breaks or other control characters');
    }
    for (const line of lines) {
      const command = prepareCommand(line);
      if (command === null) continue;
      if (/^M112(?!\d)/.test(command)) {
        this.emergencyStop();
        return;
      }
      this.channel.enqueue(command);
    }
    this.channel.pump();
  }

  /** Sends M112 at once, ahead of everything queued, and ends any print. */
  emergencyStop(): void {
    if (!this.transport) return;
    this.channel.clearQueue();
    this.channel.setJobFeed(null);
    this.log.append('send', 'M112');
    this.channel.writeImmediately('M112');
    this.print.abort('error');
    const generation = this.generation;
    this.scheduler.setTimeout(() => {
      if (generation === this.generation && this.transport) this.fail('Emergency stop (M112) sent: the printer must be reset');
    }, 250);
  }

  /** Runs a named GCODE script from config.yaml; throws not-found for an unknown name. */
  script(name: string, parameters: Record<string, unknown> = {}): void {
    this.requireOperational();
    const text = (this.options.settings().script as (n: string) => string | undefined)(name);
    if (text === undefined) throw new ArgonautError('not-found', 'Unknown script');
    for (const command of scriptCommands(text, parameters)) this.channel.enqueue(command);
    this.channel.pump();
  }

  startPrint(source: PrintSource): void {
    this.requireOperational();
    this.print.startHost(source);
  }

  startSdPrint(name: string): void {
    this.requireOperational();
    if (!this.sd.ready) throw new ArgonautError('conflict', 'The SD card is not ready');
    this.print.startSd(name);
  }

  pause(): void {
    this.print.pause();
  }

  resume(): void {
    this.print.resume();
  }

  cancel(): void {
    this.print.cancel();
  }

  setTemperatureOffsets(offsets: Record<string, number>): void {
    this.temperatures.setOffsets(offsets);
  }

  initSd(): void {
    this.commands(['M21']);
  }

  refreshSd(): void {
    this.queueOnce('M20');
  }

  releaseSd(): void {
    this.commands(['M22']);
  }

  private requireOperational(): void {
    if (!this.isOperational || !this.transport) throw new ArgonautError('not-operational', 'Printer is not operational');
  }

  private queueOnce(command: string): void {
    if (!this.transport || !this.isOperational || this.channel.isQueued(command)) return;
    this.channel.enqueue(command);
    this.channel.pump();
  }

  private runScript(name: ScriptName): void {
    for (const command of scriptCommands(this.options.settings().script(name))) this.channel.enqueue(command);
  }

  private setState(state: PrinterStateId): void {
    if (state === this.stateId) return;
    this.stateId = state;
    this.options.events.emit('PrinterStateChanged', { state_id: state, state_string: stateText(state, this.print.fromSd) });
    this.stateEmitter.fire(state);
  }

  private attach(transport: Transport): void {
    this.transport = transport;
    this.channel.reset();
    this.classifier.reset();
    this.effects.reset();
    this.sd.reset();
    this.firmwareInfo = null;
    this.capabilities.clear();
    this.transportSubscriptions = [
      transport.onLine((line) => this.handleLine(line)),
      transport.onClose((error) => {
        if (this.transport !== transport) return;
        this.fail(error ? error.message : 'The printer closed the connection');
      }),
    ];
  }

  private async detach(): Promise<void> {
    const transport = this.transport;
    this.monitor.stop();
    this.clearHandshake();
    for (const subscription of this.transportSubscriptions) subscription.dispose();
    this.transportSubscriptions = [];
    this.transport = null;
    this.channel.reset();
    this.temperatures.resetReadings();
    this.sd.reset();
    if (transport) await transport.close().catch(() => undefined);
  }

  private startHandshake(settings: DriverSettings): void {
    const hello = () => {
      this.channel.reset();
      this.channel.enqueue('M110 N0');
      this.channel.pump();
    };
    this.handshakeTimers = [
      this.scheduler.setInterval(hello, Math.max(500, Math.min(2000, (settings.connectionTimeout * 1000) / 4))),
      this.scheduler.setTimeout(
        () => this.fail(`The printer did not answer within ${settings.connectionTimeout} seconds; check the port, the baud rate and that the printer is switched on`),
        settings.connectionTimeout * 1000,
      ),
    ];
    hello();
  }

  private clearHandshake(): void {
    for (const timer of this.handshakeTimers) timer.dispose();
    this.handshakeTimers = [];
  }

  private connected(): void {
    this.clearHandshake();
    const settings = this.options.settings();
    this.setState('OPERATIONAL');
    this.options.events.emit('Connected', { port: this.connectionInfo.port ?? '', baudrate: this.connectionInfo.baudrate ?? 0 });
    this.channel.enqueue('M115');
    if (settings.sdSupport) this.channel.enqueue('M21');
    this.runScript('afterPrinterConnected');
    this.monitor.start();
    this.channel.pump();
  }

  private fail(message: string): void {
    if (!this.transport && this.stateId === 'CLOSED_WITH_ERROR') return;
    this.generation++;
    this.options.logger?.warn(`Printer error: ${message}`);
    this.log.append('info', message);
    this.errorText = message;
    this.print.abort('error');
    this.setState('ERROR');
    this.options.events.emit('Error', { error: message });
    void this.detach().then(() => {
      if (this.transport) return;
      this.setState('CLOSED_WITH_ERROR');
      this.options.events.emit('Disconnected', {});
    });
  }

  private failPrint(message: string): void {
    this.log.append('info', message);
    this.print.abort('error');
    if (this.transport) this.setState('OPERATIONAL');
  }

  private handleLine(line: string): void {
    this.log.append('recv', line);
    const response = this.classifier.classify(line);
    if (response.type === 'ok') {
      this.monitor.acknowledged();
      if (response.temperatures) this.temperatureReport(response.temperatures);
      this.pendingError = null;
      if (this.stateId === 'CONNECTING') {
        this.channel.flow.reset();
        this.connected();
        return;
      }
      this.channel.acknowledged(response.bufferRoom);
      return;
    }
    this.handleOther(response);
  }

  private handleOther(response: FirmwareResponse): void {
    switch (response.type) {
      case 'resend':
        this.resend(response.lineNumber);
        break;
      case 'error':
        this.firmwareError(response.error);
        break;
      case 'busy':
        this.monitor.busy();
        this.channel.flow.activity();
        break;
      case 'start':
        if (this.stateId === 'CONNECTING') return;
        this.log.append('info', 'The printer restarted (it sent "start"); line numbers start again');
        if (this.print.active) this.failPrint('The printer restarted during the print');
        this.channel.reset();
        this.channel.enqueue('M110 N0');
        this.channel.pump();
        break;
      case 'temperature':
        this.channel.flow.activity();
        this.temperatureReport(response.temperatures);
        break;
      case 'position':
        this.lastPosition = response.position;
        break;
      case 'firmware':
        this.firmwareInfo = { name: response.info.name, data: { ...response.info.fields } };
        this.options.events.emit('FirmwareData', this.firmwareInfo);
        break;
      case 'capability':
        this.capability(response.capability.name, response.capability.enabled);
        break;
      case 'sd':
        this.sd.handle(response.reply);
        break;
      case 'action':
        this.action(response.action);
        break;
      default:
        break;
    }
  }

  private temperatureReport(report: Parameters<TemperatureTracker['update']>[0]): void {
    this.temperatures.update(report);
    this.monitor.temperatureReported();
  }

  private capability(name: string, enabled: boolean): void {
    this.capabilities.set(name, enabled);
    const interval = this.options.settings().timings.temperatureAutoreport;
    if (name === 'AUTOREPORT_TEMP' && enabled && interval > 0 && !this.monitor.autoreporting) {
      this.monitor.enableAutoreport();
      this.channel.enqueue(`M155 S${interval}`);
      this.channel.pump();
    }
  }

  private resend(lineNumber: number): void {
    const outcome = this.channel.resendRequested(lineNumber);
    if (outcome === 'unavailable') {
      this.fail(`Printer requested line ${lineNumber} but no sufficient history is available, can't resend`);
    }
  }

  private firmwareError(error: FirmwareError): void {
    if (error.continues) {
      this.pendingError = error;
      return;
    }
    switch (error.kind) {
      case 'communication':
      case 'recoverable':
      case 'unknown-command':
        return;
      case 'sd':
        this.log.append('info', `SD card error: ${error.message}`);
        return;
      default: {
        const first = this.pendingError;
        this.pendingError = null;
        this.fail(first ? `${first.message} ${error.message}` : error.message);
      }
    }
  }

  private action(action: string): void {
    if (action === 'pause') this.pause();
    else if (action === 'resume') this.resume();
    else if (action === 'cancel') this.cancel();
    else if (action === 'disconnect') void this.disconnect();
  }
}
