// Printer notifications (`//action:notification <text>`), as OctoPrint's action_command_notification plugin keeps them.

/** `plugins.action_command_notification.*` of config.yaml (as the driver needs them). */
export interface NotificationSettings {
  enable: boolean;
  /** A regular expression; matching messages are dropped. Empty: none. */
  filter: string;
}

/** One notification: seconds since the epoch and the firmware's text. */
export interface PrinterNotification {
  timestamp: number;
  message: string;
}

export interface PrinterNotificationsHooks {
  settings(): NotificationSettings;
  /** Seconds since the epoch. */
  now(): number;
  /** A push message of the plugin: `{message}` for a new one, `{}` once cleared. */
  message(data: Record<string, unknown>): void;
  log(text: string): void;
}

export const NOTIFICATION_PLUGIN = 'action_command_notification';
/** Notifications kept at most (the oldest go first): a chatty firmware must not grow the state without bound. */
export const NOTIFICATION_LIMIT = 100;

export class PrinterNotifications {
  private list: PrinterNotification[] = [];
  private compiled: { pattern: string; regex: RegExp | null } | null = null;

  constructor(private readonly hooks: PrinterNotificationsHooks) {}

  get all(): PrinterNotification[] {
    return this.list.map((notification) => ({ ...notification }));
  }

  /** `//action:notification <text>`. */
  add(text: string): void {
    const settings = this.hooks.settings();
    if (!settings.enable) return;
    const message = text.trim();
    const filter = this.filter(settings.filter);
    if (filter?.test(message)) return;
    this.list.push({ timestamp: this.hooks.now(), message });
    if (this.list.length > NOTIFICATION_LIMIT) this.list.splice(0, this.list.length - NOTIFICATION_LIMIT);
    this.hooks.message({ message });
    this.hooks.log(`Printer notification: ${message}`);
  }

  /** Forgets them all (POST `clear`, or the printer disconnected). */
  clear(): void {
    this.list = [];
    this.hooks.message({});
  }

  private filter(pattern: string): RegExp | null {
    if (this.compiled?.pattern !== pattern) {
      let regex: RegExp | null = null;
      if (pattern !== '') {
        try {
          regex = new RegExp(pattern);
        } catch {
          this.hooks.log(`The notification filter ${JSON.stringify(pattern)} is not a valid regular expression; ignored`);
        }
      }
      this.compiled = { pattern, regex };
    }
    return this.compiled.regex;
  }
}
