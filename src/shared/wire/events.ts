// Wire type of OctoPrint's event subscriptions (config.yaml `events.subscriptions`, GET/POST /api/settings `events`).

/** One of OctoPrint's event subscriptions: on `event`, run a command (`system`, without a shell) or send G-code (`gcode`). */
export interface EventSubscription {
  /** An event name, or several. */
  event: string | string[];
  /** A command line (system) or G-code (gcode); a list runs one after the other. Placeholders like {name} are filled in. */
  command: string | string[];
  type: 'system' | 'gcode';
  enabled?: boolean;
  /** Log the command line with its values, and its output. */
  debug?: boolean;
  /** A name for the Settings list. */
  name?: string;
}
