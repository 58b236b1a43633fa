// `//action:<name> <parameters>` lines from the firmware, with OctoPrint's meaning for each; prompts and notifications as its bundled plugins.
import type { Disposable } from '../../shared/index.js';
import { prepareCommand } from '../protocol/index.js';
import type { DriverCore } from './driver-core.js';
import { Emitter } from './emitter.js';
import { HostPrompt, PROMPT_PLUGIN } from './host-prompt.js';
import type { PromptView } from './host-prompt.js';
import { NOTIFICATION_PLUGIN, PrinterNotifications } from './printer-notifications.js';
import type { PrinterNotification } from './printer-notifications.js';

/** A push message of a plugin (`{plugin, data}` on the socket). */
export interface PluginMessage {
  plugin: string;
  data: Record<string, unknown>;
}

/** What only the web side can do: start the selected file, or shut the host down. */
export type HostRequest = 'start' | 'shutdown';

/** The actions the driver itself acts on (the rest go to prompts, notifications, or are logged). */
const SD_ACTIONS = new Set(['sd_inserted', 'sd_ejected', 'sd_updated']);

export class ActionCommands {
  readonly prompt: HostPrompt;
  readonly notifications: PrinterNotifications;
  private readonly pluginMessages = new Emitter<PluginMessage>();
  private readonly requests = new Emitter<HostRequest>();
  private readonly subscriptions: Disposable[];
  /** A plugin's message for the push socket. */
  readonly onDidSendPluginMessage = this.pluginMessages.event;
  /** The firmware asked for something the web side does (`start`, `shutdown`). */
  readonly onDidRequest = this.requests.event;

  constructor(private readonly core: DriverCore) {
    const log = (text: string) => this.log(text);
    this.prompt = new HostPrompt({
      settings: () => core.settings().actions.prompt,
      send: (command, force) => this.send(command, force),
      message: (data) => this.pluginMessages.fire({ plugin: PROMPT_PLUGIN, data }),
      log,
    });
    this.notifications = new PrinterNotifications({
      settings: () => core.settings().actions.notification,
      now: () => core.scheduler.wallClock() / 1000,
      message: (data) => this.pluginMessages.fire({ plugin: NOTIFICATION_PLUGIN, data }),
      log,
    });
    this.subscriptions = [
      core.events.on('Connected', () => this.prompt.connected()),
      core.events.on('Disconnected', () => {
        this.prompt.disconnected();
        this.notifications.clear();
      }),
    ];
  }

  /** The prompt and notifications, for the snapshot. */
  view(): { prompt: PromptView | null; notifications: PrinterNotification[] } {
    return { prompt: this.prompt.current, notifications: this.notifications.all };
  }

  /** One action line; `disconnect` ends the connection (`//action:disconnect`). */
  handle(name: string, parameters: string, disconnect: () => void): void {
    const core = this.core;
    const print = core.print;
    switch (name) {
      case 'start':
        this.log('The printer asked to start the selected file');
        this.requests.fire('start');
        return;
      case 'cancel':
        this.log('Cancelling on request of the printer');
        print.cancel();
        return;
      case 'pause':
        this.log('Pausing on request of the printer');
        print.pause();
        return;
      case 'paused':
        this.log('The printer paused by itself, switching state');
        print.pause(false);
        return;
      case 'resume':
        this.log('Resuming on request of the printer');
        print.resume();
        return;
      case 'resumed':
        this.log('The printer resumed by itself, switching state');
        print.resume(false);
        return;
      case 'disconnect':
        this.log('Disconnecting on request of the printer');
        disconnect();
        return;
      case 'shutdown':
        this.requests.fire('shutdown');
        return;
      case 'notification':
        this.notifications.add(parameters);
        return;
      default:
        break;
    }
    if (SD_ACTIONS.has(name)) {
      if (core.settings().sdSupport) this.sdAction(name);
      return;
    }
    if (name.startsWith('prompt_')) {
      this.prompt.action(name, parameters);
      return;
    }
    this.log(`Unknown action command from the printer ignored: ${name}`);
  }

  /** A `Cap:` line of M115. */
  capability(name: string, enabled: boolean): void {
    this.prompt.capability(name, enabled);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private sdAction(name: string): void {
    const core = this.core;
    if (name === 'sd_inserted') {
      this.log('The printer reported its SD card as inserted');
      core.sd.handle({ kind: 'card-ok' });
    } else if (name === 'sd_ejected') {
      this.log('The printer reported its SD card as ejected');
      core.sd.handle({ kind: 'card-released' });
    } else {
      this.log('The printer reported a change on its SD card');
      if (core.stateId === 'OPERATIONAL') core.refreshSdFiles();
    }
  }

  /** Sends a command of a plugin; forced ones go ahead of the queue when the firmware has an emergency parser. */
  private send(text: string, force: boolean): void {
    const core = this.core;
    const command = prepareCommand(text);
    if (!core.transport || !core.isOperational || command === null) return;
    const settings = core.settings().actions.prompt;
    if (force && settings.emergencySending && core.capabilities.get('EMERGENCY_PARSER') === true) {
      this.log(`Force-sending ${command} to the printer`);
      core.channel.forceSend(command);
      return;
    }
    core.channel.enqueue(command);
    core.channel.pump();
  }

  private log(text: string): void {
    this.core.log.append('info', text);
    this.core.logger?.info(text);
  }
}
