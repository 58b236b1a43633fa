// Power control (the role of OctoPrint's PSU Control plugin): switch, sense, on before connect or print, off once cool.
import type { Config } from '../../config/index.js';
import type { EventBus } from '../../events/index.js';
import { temperatureCommand } from '../../printer/index.js';
import { DisposableStore } from '../../shared/index.js';
import type { Disposable } from '../../shared/index.js';
import { makePowerSwitch, switchKey } from './make-switch.js';
import type { PowerSwitch } from './power-switch.js';

export type PowerSettings = Config['plugins']['psucontrol'];

/** What power control needs of the printer. */
export interface PowerPrinter {
  /** Not connected (closed, offline or in error). */
  isClosedOrError(): boolean;
  /** Printing or paused. */
  isBusy(): boolean;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Heater name (tool0, bed, chamber) → its last reading. */
  temperatures(): Record<string, { actual: number | null; target: number | null }>;
  send(lines: string[]): Promise<void>;
}

export interface PowerControlOptions {
  settings: () => PowerSettings;
  events: EventBus;
  printer: PowerPrinter;
  logger: { info(message: string): void; warn(message: string): void };
  /** Milliseconds between temperature checks while waiting to switch off. */
  coolingCheckMs?: number;
  /** The timer of the idle switch-off (tests pass a manual one); default Node's, unref'd. */
  idleClock?: PowerClock;
}

/** A one-shot timer (the driver's Scheduler fits). */
export interface PowerClock {
  setTimeout(callback: () => void, ms: number): Disposable;
}

function systemClock(): PowerClock {
  return {
    setTimeout(callback, ms) {
      const handle = setTimeout(callback, ms);
      handle.unref();
      return { dispose: () => clearTimeout(handle) };
    },
  };
}

const delay = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0) return resolve();
    setTimeout(resolve, ms).unref();
  });

export class PowerControl {
  private on = false;
  private current: { key: string; power: PowerSwitch } | null = null;
  /** Switching runs one at a time. */
  private queue: Promise<void> = Promise.resolve();
  /** Bumped when a print starts or power is switched by hand: a wait for cooling that sees it change gives up. */
  private coolingToken = 0;
  private pollTimer: NodeJS.Timeout | null = null;
  private idleTimer: Disposable | null = null;
  private readonly subscriptions = new DisposableStore();
  private disposed = false;
  private readonly listeners = new Set<(isOn: boolean) => void>();

  constructor(private readonly options: PowerControlOptions) {
    const { events } = options;
    this.subscriptions.add(events.on('ClientOpened', () => this.enabled && this.publish()));
    this.subscriptions.add(events.on('PrintStarted', () => this.printStarted()));
    this.subscriptions.add(events.on('PrintDone', () => this.printEnded()));
    this.subscriptions.add(events.on('PrintFailed', () => this.printEnded()));
    this.subscriptions.add(events.on('Error', () => this.enabled && this.settings.turnOffWhenError && void this.turnOff().catch(() => undefined)));
  }

  private get settings(): PowerSettings {
    return this.options.settings();
  }

  /** Hears every change of the state, and the state again when a client opens (the push message). */
  onDidPublish(listener: (isOn: boolean) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private publish(): void {
    for (const listener of [...this.listeners]) listener(this.on);
  }

  get enabled(): boolean {
    return this.settings.enabled;
  }

  get isOn(): boolean {
    return this.on;
  }

  /** Starts reading the state (and the idle timer); call once the app runs. */
  start(): void {
    this.schedulePoll(0);
  }

  private power(): PowerSwitch {
    const settings = this.settings;
    const key = switchKey(settings);
    if (this.current?.key !== key) {
      this.current?.power.dispose();
      this.current = { key, power: makePowerSwitch(settings, (lines) => this.options.printer.send(lines)) };
    }
    return this.current.power;
  }

  private setState(on: boolean): void {
    if (on === this.on) return;
    this.on = on;
    this.options.logger.info(`power control: the printer's power is ${on ? 'on' : 'off'}`);
    this.publish();
    this.resetIdleTimer();
  }

  /** Reads the state from the device when it can tell. */
  async refresh(): Promise<void> {
    if (!this.enabled || this.settings.sensingMethod === 'INTERNAL') return;
    try {
      const state = await this.power().read();
      if (state !== null) this.setState(state);
    } catch (error) {
      this.options.logger.warn(`power control: could not read the power state: ${(error as Error).message}`);
    }
  }

  private schedulePoll(ms: number): void {
    if (this.disposed) return;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => {
      void this.refresh().finally(() => this.schedulePoll(this.settings.sensePollingInterval * 1000));
    }, ms);
    this.pollTimer.unref();
  }

  private serial(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async switchTo(on: boolean): Promise<boolean> {
    try {
      await this.power().set(on);
    } catch (error) {
      this.options.logger.warn(`power control: could not switch the power ${on ? 'on' : 'off'}: ${(error as Error).message}`);
      return false;
    }
    this.setState(on);
    return true;
  }

  /** Switches on, waits postOnDelay, and connects when connectOnPowerOn says so (unless `connect` is false). */
  async turnOn(connect = true): Promise<void> {
    if (!this.enabled) return;
    this.coolingToken++;
    let switched = false;
    await this.serial(async () => {
      switched = await this.switchTo(true);
      if (!switched) return;
      await delay(this.settings.postOnDelay * 1000);
      await this.refresh();
    });
    if (switched && connect && this.settings.connectOnPowerOn && this.options.printer.isClosedOrError()) {
      await this.options.printer.connect().catch((error: unknown) => this.options.logger.warn(`power control: could not connect after switching on: ${(error as Error).message}`));
    }
  }

  /** Disconnects first when disconnectOnPowerOff says so, then switches off. */
  async turnOff(): Promise<void> {
    if (!this.enabled) return;
    this.coolingToken++;
    await this.serial(async () => {
      if (this.settings.disconnectOnPowerOff && !this.options.printer.isClosedOrError()) {
        await this.options.printer.disconnect().catch(() => undefined);
      }
      if (await this.switchTo(false)) await this.refresh();
    });
  }

  async toggle(): Promise<void> {
    await (this.on ? this.turnOff() : this.turnOn());
  }

  /** Before a connect or a print: on first when autoOn says so. */
  async ensureOn(): Promise<void> {
    if (!this.enabled || !this.settings.autoOn || this.on) return;
    this.options.logger.info('power control: switching on first');
    await this.turnOn(false);
  }

  private printStarted(): void {
    this.coolingToken++;
    this.resetIdleTimer();
  }

  private printEnded(): void {
    this.resetIdleTimer();
    if (this.enabled && this.settings.powerOffAfterPrint && this.on) void this.offWhenCool('the print ended');
  }

  private resetIdleTimer(): void {
    this.idleTimer?.dispose();
    this.idleTimer = null;
    const settings = this.settings;
    if (this.disposed || !settings.enabled || !settings.powerOffWhenIdle || !this.on) return;
    this.idleTimer = (this.options.idleClock ?? systemClock()).setTimeout(() => {
      this.idleTimer = null;
      if (!this.options.printer.isBusy()) void this.offWhenCool(`${settings.idleTimeout} idle minutes passed`);
    }, settings.idleTimeout * 60_000);
  }

  /** Heaters off, then waits until every hotend is below idleTimeoutWaitTemp, then switches off (unless a print began). */
  async offWhenCool(reason: string): Promise<void> {
    const token = ++this.coolingToken;
    const printer = this.options.printer;
    const heatersOff = Object.entries(printer.temperatures())
      .filter(([, reading]) => (reading.target ?? 0) > 0)
      .map(([name]) => temperatureCommand(name, 0))
      .filter((line): line is string => line !== null);
    if (heatersOff.length > 0 && !printer.isClosedOrError()) await printer.send(heatersOff).catch(() => undefined);
    this.options.logger.info(`power control: ${reason}; switching off once the hotends are below ${this.settings.idleTimeoutWaitTemp} °C`);
    for (;;) {
      // A print that starts meanwhile bumps the token (the one just ended may still be finishing: not a reason to stay on).
      if (token !== this.coolingToken || this.disposed || !this.on) return;
      const hottest = Math.max(0, ...Object.entries(printer.temperatures()).filter(([name]) => name.startsWith('tool')).map(([, reading]) => reading.actual ?? 0));
      if (printer.isClosedOrError() || hottest <= this.settings.idleTimeoutWaitTemp) break;
      await delay(this.options.coolingCheckMs ?? 2000);
    }
    await this.turnOff();
  }

  dispose(): void {
    this.disposed = true;
    this.subscriptions.dispose();
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.idleTimer?.dispose();
    this.current?.power.dispose();
    this.current = null;
  }
}
