// A PrinterDriver on the real SerialTransport (serialport's native binding) at a device path, with short timeouts for tests.
import { ConfigStore } from '../../src/config/index.js';
import { EventBus } from '../../src/events/index.js';
import { PrinterDriver, settingsFromConfig } from '../../src/printer/driver/index.js';
import type { DriverSettings, PrinterStateId } from '../../src/printer/driver/index.js';
import { SerialTransport } from '../../src/printer/transport/index.js';

export interface SerialDriverOptions {
  /** Seconds of the communication (and ok) timeout. */
  communication?: number;
  /** Seconds between M155 auto-reports the driver asks for (0: poll with M105). */
  autoreport?: number;
  /** Seconds between M105 polls. */
  temperature?: number;
  maxTimeoutsPrinting?: number;
}

/** config.yaml for the driver; the timeouts below config.yaml's half-second minimum are set in serialDriver. */
export function serialConfig(options: SerialDriverOptions = {}): string {
  return `
serial:
  timeout:
    connection: 5
    temperature: ${options.temperature ?? 1}
    temperatureAutoreport: ${options.autoreport ?? 1}
  maxCommunicationTimeouts:
    printing: ${options.maxTimeoutsPrinting ?? 20}
    idle: 5
feature:
  sdSupport: false
`;
}

/** A driver whose ports are `path` (opened with the real serial binding); `states` records every state it went through. */
export function serialDriver(path: string, options: SerialDriverOptions = {}) {
  const store = ConfigStore.fromText(serialConfig(options));
  const events = new EventBus();
  // Time runs faster here than on a real printer: timeouts of a tenth of a second, so that a hundred lost oks take seconds.
  const settings = (): DriverSettings => {
    const base = settingsFromConfig(store);
    const communication = options.communication ?? 0.05;
    // Marlin's 10 s residency in a heat-up, scaled down as well.
    return { ...base, timings: { ...base.timings, communication, communicationBusy: 2 * communication, heatupResidency: 0.2 } };
  };
  const driver = new PrinterDriver({
    transports: { listPorts: async () => [path], create: (port, baudrate) => new SerialTransport(port, baudrate) },
    events,
    settings,
  });
  const states: PrinterStateId[] = [];
  driver.onDidChangeState((state) => states.push(state));
  return { driver, events, states };
}

/** Connects; on failure throws with what happened (states, error, the end of the terminal log). */
export async function connectOrExplain(context: { driver: PrinterDriver; states: readonly PrinterStateId[] }, port: string, baudrate = 250000): Promise<void> {
  if (await context.driver.connect({ port, baudrate })) return;
  const log = context.driver.log.lines().slice(-15).join('\n');
  throw new Error(`could not connect to ${port}: ${JSON.stringify(context.driver.error)}; states ${context.states.join(' > ')}\n${log}`);
}


/** The commands of a G-code file as a host sends them: comments and blank lines dropped. */
export function fileCommands(text: string): string[] {
  const commands: string[] = [];
  for (const line of text.split('\n')) {
    const command = line.replace(/;.*$/, '').trim();
    if (command !== '') commands.push(command);
  }
  return commands;
}

/**
 * Compares what the firmware accepted with the file's commands: every file command once, in order. Accepted commands
 * that are not the next file command must be the driver's own (handshake, polls, recovery pokes); anything else is a
 * duplicate or a line out of order. Returns the problems found (empty when none).
 */
export function exactlyOnceProblems(accepted: readonly string[], expected: readonly string[], own: RegExp): string[] {
  const problems: string[] = [];
  let next = 0;
  accepted.forEach((command, index) => {
    if (next < expected.length && command === expected[next]) next++;
    else if (!own.test(command)) problems.push(`accepted #${index} ${JSON.stringify(command)} while expecting file command #${next} ${JSON.stringify(expected[next])}`);
  });
  if (next < expected.length) problems.push(`file command #${next} ${JSON.stringify(expected[next])} and ${expected.length - next - 1} after it never accepted`);
  return problems.slice(0, 10);
}
