// config.yaml `events` (OctoPrint's event subscriptions), `plugins.psucontrol` (power control) and `plugins.display_progress`.
import type { EventSubscription } from '../../shared/index.js';
import { field } from './fields.js';

export type { EventSubscription };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const textOrTexts = (value: unknown): boolean =>
  (typeof value === 'string' && value.trim() !== '') || (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v.trim() !== ''));

function checkSubscriptions(value: unknown): string | null {
  const expected = 'a list of {event, command, type: system|gcode} entries (optional enabled, debug, name)';
  if (!Array.isArray(value)) return expected;
  for (const entry of value) {
    if (!isRecord(entry) || !textOrTexts(entry.event) || !textOrTexts(entry.command)) return expected;
    if (entry.type !== 'system' && entry.type !== 'gcode') return expected;
    for (const flag of ['enabled', 'debug'] as const) if (entry[flag] !== undefined && typeof entry[flag] !== 'boolean') return expected;
    if (entry.name !== undefined && typeof entry.name !== 'string') return expected;
  }
  return null;
}

export const eventsSchema = {
  enabled: field.boolean(true, 'Run the event subscriptions below.'),
  subscriptions: field.any<EventSubscription[]>(
    [],
    'Commands run (type system, without a shell) or G-code sent (type gcode) on events, with placeholders such as {name} and {__progress}.',
    checkSubscriptions,
  ),
  timeout: field.integer(60, 'Seconds a system command may run before it is ended.', 1, 3600),
} as const;

export const psuControlSchema = {
  enabled: field.boolean(false, 'Offer power control (the PSU Control API, the dashboard switch, automatic on and off).'),
  switchingMethod: field.string('GCODE', 'How the power is switched.', ['GCODE', 'SYSTEM', 'HTTP', 'GPIO']),
  onGCodeCommand: field.string('M80', 'G-code that switches the power on (GCODE).'),
  offGCodeCommand: field.string('M81', 'G-code that switches the power off (GCODE).'),
  onSysCommand: field.string('', 'Command line that switches the power on (SYSTEM, run without a shell).'),
  offSysCommand: field.string('', 'Command line that switches the power off (SYSTEM, run without a shell).'),
  httpDevice: field.string('tasmota', 'The smart plug (HTTP): Tasmota, Shelly Gen1 or Shelly Gen2+ (RPC).', ['tasmota', 'shelly', 'shelly2']),
  httpAddress: field.string('', 'Address of the smart plug (HTTP), e.g. http://192.168.1.40.'),
  httpRelay: field.integer(0, 'Relay of the smart plug (HTTP): 0 for the first.', 0, 16),
  GPIODevice: field.string('', 'GPIO chip (GPIO), e.g. /dev/gpiochip0; needs the gpioset and gpioget tools of libgpiod.'),
  onoffGPIOPin: field.integer(0, 'GPIO line that switches the power (GPIO).', 0, 1023),
  invertonoffGPIOPin: field.boolean(false, 'The switching line is active low.'),
  sensingMethod: field.string('INTERNAL', 'How the power state is read: INTERNAL remembers the last switch.', ['INTERNAL', 'SYSTEM', 'HTTP', 'GPIO']),
  senseSystemCommand: field.string('', 'Command line reading the state (SYSTEM): exit code 0 means on, 1 off.'),
  senseGPIOPin: field.integer(0, 'GPIO line that reads the state (GPIO).', 0, 1023),
  invertsenseGPIOPin: field.boolean(false, 'The sensing line is active low.'),
  sensePollingInterval: field.integer(5, 'Seconds between state readings.', 1, 3600),
  postOnDelay: field.number(0, 'Seconds to wait after switching on (before connecting or printing).', 0, 300),
  autoOn: field.boolean(false, 'Switch on before connecting to the printer and before a print.'),
  connectOnPowerOn: field.boolean(false, 'Connect to the printer after switching on.'),
  disconnectOnPowerOff: field.boolean(false, 'Disconnect from the printer before switching off.'),
  powerOffAfterPrint: field.boolean(false, 'Switch off after a print ends, once the hotends have cooled below idleTimeoutWaitTemp.'),
  powerOffWhenIdle: field.boolean(false, 'Switch off after idleTimeout minutes without printing, once cooled.'),
  idleTimeout: field.integer(30, 'Minutes without printing before switching off (powerOffWhenIdle).', 1, 1440),
  idleTimeoutWaitTemp: field.integer(50, 'Hotend temperature (°C) to cool below before switching off.', 0, 300),
  turnOffWhenError: field.boolean(false, 'Switch off when the printer reports an error.'),
} as const;

export const displayProgressSchema = {
  enabled: field.boolean(false, "Show the print's progress on the printer's display while printing."),
  m73: field.boolean(true, 'Send M73 P<percent> R<minutes left>.'),
  m117: field.boolean(false, 'Send M117 with the message below.'),
  message: field.string('{progress}% {timeLeft} left', 'M117 text: {progress}, {timeLeft}, {name} are filled in.'),
  interval: field.integer(30, 'Seconds between updates (at least 10).', 10, 3600),
} as const;
