// OctoPrint's event subscriptions (config.yaml `events`): on a named event, run a command without a shell or send G-code.
import type { Logger } from 'pino';
import type { Config, EventSubscription } from '../../config/index.js';
import type { EventBus } from '../../events/index.js';
import type { CurrentData } from '../../jobs/index.js';
import { runArgv } from '../../server/http/index.js';
import type { Disposable } from '../../shared/index.js';
import { fillCommandTemplate, fillGcodeTemplate, parseCommandTemplate } from './command-template.js';
import { placeholderValues } from './placeholder-values.js';

export interface EventCommandsOptions {
  events: EventBus;
  settings: () => Config['events'];
  logger: Pick<Logger, 'info' | 'warn'>;
  /** The printer's current data (for {__currentZ}, {__filename}, {__progress} …), or null without a printer. */
  current: () => CurrentData | null;
  /** Sends G-code through the driver's command path. */
  sendGcode: (lines: string[]) => Promise<void>;
  now?: () => number;
  /** Working folder of the commands (the basedir). */
  cwd?: string;
}

const asList = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

/** A subscription's short name for the log (never the filled-in values unless `debug`). */
const labelOf = (subscription: EventSubscription, index: number): string => subscription.name?.trim() || `subscription ${index + 1}`;

export class EventCommands {
  private readonly subscription: Disposable;
  /** Commands still running (stop waits for none; a command ends at its timeout). */
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: EventCommandsOptions) {
    this.subscription = options.events.onAny((name, payload) => this.handle(name, payload));
  }

  /** Settles when every command started so far has ended (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private handle(event: string, payload: unknown): void {
    const settings = this.options.settings();
    if (!settings.enabled) return;
    settings.subscriptions.forEach((subscription, index) => {
      if (subscription.enabled === false || !asList(subscription.event).includes(event)) return;
      const values = placeholderValues(event, payload, this.options.current(), (this.options.now ?? Date.now)());
      const task = this.execute(subscription, labelOf(subscription, index), event, values, settings.timeout * 1000);
      this.running.add(task);
      void task.finally(() => this.running.delete(task));
    });
  }

  private async execute(subscription: EventSubscription, label: string, event: string, values: Record<string, string>, timeoutMs: number): Promise<void> {
    const { logger } = this.options;
    try {
      if (subscription.type === 'gcode') {
        const lines = asList(subscription.command).flatMap((text) => fillGcodeTemplate(text, values));
        if (subscription.debug) logger.info({ event, lines }, `event ${event}: ${label} sends G-code`);
        if (lines.length > 0) await this.options.sendGcode(lines);
        return;
      }
      // Every command line of the subscription is checked and filled in before the first one runs.
      const commands = asList(subscription.command).map((text) => fillCommandTemplate(parseCommandTemplate(text), values));
      for (const argv of commands) {
        if (subscription.debug) logger.info({ event, argv }, `event ${event}: ${label} runs a command`);
        else logger.info({ event, program: argv[0] }, `event ${event}: ${label} runs a command`);
        const result = await runArgv(argv, { timeoutMs, cwd: this.options.cwd });
        const output = { stdout: result.stdout.trimEnd(), stderr: result.stderr.trimEnd() };
        if (result.timedOut) logger.warn({ event, ...output }, `event ${event}: ${label} was ended after ${timeoutMs / 1000} s`);
        else if (result.code !== 0) logger.warn({ event, code: result.code, signal: result.signal, ...output }, `event ${event}: ${label} failed`);
        else logger.info({ event, ...output }, `event ${event}: ${label} finished`);
        if (result.code !== 0) return;
      }
    } catch (error) {
      logger.warn({ event, error: error instanceof Error ? error.message : String(error) }, `event ${event}: ${label} did not run`);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
