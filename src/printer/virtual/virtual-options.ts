// Options of the virtual printer (config.yaml `plugins.virtual_printer.*`), their defaults and validation.
import type { SdCard, SdSeedFile } from './sd-card.js';

export interface VirtualPrinterOptions {
  /** Answer at once: no motion or heating time (M109/M190 settle immediately). Answers still come on a later event-loop turn. */
  readonly instant: boolean;
  /** Simulated time runs this many times faster than real time (heating, moves, dwell, reports). */
  readonly timeScale: number;
  /** The baud rate reported by the transport. */
  readonly baudrate: number;
  /** Delay every line by its transmission time at `baudrate` (10 bits a byte), both ways. */
  readonly emulateBaudrate: boolean;
  readonly firmwareName: string;
  readonly extruders: number;
  readonly heatedBed: boolean;
  readonly heatedChamber: boolean;
  readonly ambientTemperature: number;
  /** °C per second. */
  readonly hotendHeatingRate: number;
  readonly bedHeatingRate: number;
  readonly chamberHeatingRate: number;
  readonly coolingRate: number;
  /** M109/M190/M191 end within this many °C of the target (Marlin's TEMP_WINDOW). */
  readonly temperatureWindow: number;
  /** Planner slots (Marlin BLOCK_BUFFER_SIZE); a move waits when they are full. */
  readonly plannerBufferSize: number;
  /** Command buffer slots (Marlin BUFSIZE), reported as `B` with ADVANCED_OK. */
  readonly commandBufferSize: number;
  /** Answer `ok N<line> P<planner room> B<buffer room>` and report Cap:ADVANCED_OK. */
  readonly advancedOk: boolean;
  /** Act on M112, M108 and M410 as soon as they arrive (Marlin EMERGENCY_PARSER). */
  readonly emergencyParser: boolean;
  /** Simulated ms between `echo:busy: processing` lines while a command blocks (Marlin host keepalive). */
  readonly busyInterval: number;
  /** Also send busy lines while M109/M190 wait (Marlin BUSY_WHILE_HEATING, on by default). */
  readonly busyWhileHeating: boolean;
  /** Simulated ms between temperature lines while M109/M190 wait. */
  readonly temperatureReportInterval: number;
  readonly sdCard: boolean;
  /** Files on a fresh card (ignored when `sdCardInstance` is given). */
  readonly sdFiles: readonly SdSeedFile[] | undefined;
  /** A card shared between connections, so files survive a reconnect. */
  readonly sdCardInstance: SdCard | undefined;
  /** Seed of the fault generator. */
  readonly seed: number;
  /** Probability a numbered line arrives corrupted (answered with checksum mismatch and a resend request). */
  readonly checksumErrorRate: number;
  /** Probability the ok of a line is lost (the host must recover by timeout). */
  readonly dropOkRate: number;
  /** Probability a command reports `echo:busy: processing` and answers one busy interval later. */
  readonly busyRate: number;
  /** Disconnect after this many accepted lines (0: never). */
  readonly disconnectAfterLines: number;
  /** Probability of a disconnect after each accepted line. */
  readonly disconnectRate: number;
  /** Probability of an `Error:` line before a command's ok. */
  readonly errorRate: number;
  readonly errorMessage: string;
  /** How many received lines to keep in `received` (0: all). */
  readonly recordLimit: number;
  /** Marlin's HOST_PROMPT_SUPPORT: M115 reports Cap:PROMPT_SUPPORT:1, M600 asks the host (answered by M876 S<n>). */
  readonly hostPrompts: boolean;
  /** The filament runs out before this accepted line (0: never): the print pauses with a Prusa-style host prompt. */
  readonly filamentRunoutAfterLines: number;
}

export const DEFAULT_VIRTUAL_PRINTER_OPTIONS: VirtualPrinterOptions = {
  instant: false,
  timeScale: 1,
  baudrate: 250000,
  emulateBaudrate: false,
  firmwareName: 'Marlin Argonaut Virtual',
  extruders: 1,
  heatedBed: true,
  heatedChamber: false,
  ambientTemperature: 21.3,
  hotendHeatingRate: 5,
  bedHeatingRate: 2,
  chamberHeatingRate: 0.5,
  coolingRate: 1.5,
  temperatureWindow: 1,
  plannerBufferSize: 16,
  commandBufferSize: 4,
  advancedOk: false,
  emergencyParser: true,
  busyInterval: 2000,
  busyWhileHeating: true,
  temperatureReportInterval: 1000,
  sdCard: true,
  sdFiles: undefined,
  sdCardInstance: undefined,
  seed: 1,
  checksumErrorRate: 0,
  dropOkRate: 0,
  busyRate: 0,
  disconnectAfterLines: 0,
  disconnectRate: 0,
  errorRate: 0,
  errorMessage: 'Injected fault',
  recordLimit: 0,
  hostPrompts: false,
  filamentRunoutAfterLines: 0,
};

const RATES = ['checksumErrorRate', 'dropOkRate', 'busyRate', 'disconnectRate', 'errorRate'] as const;
const POSITIVE = ['timeScale', 'baudrate', 'hotendHeatingRate', 'bedHeatingRate', 'chamberHeatingRate', 'coolingRate', 'busyInterval', 'temperatureReportInterval'] as const;
const COUNTS = ['extruders', 'plannerBufferSize', 'commandBufferSize'] as const;

/** Fills in defaults and rejects values that make no sense, naming the option. */
export function resolveVirtualPrinterOptions(options: Partial<VirtualPrinterOptions> = {}): VirtualPrinterOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const resolved: VirtualPrinterOptions = { ...DEFAULT_VIRTUAL_PRINTER_OPTIONS, ...defined };
  for (const key of RATES) {
    const value = resolved[key];
    if (!(value >= 0 && value <= 1)) throw new RangeError(`virtual printer option ${key} must be between 0 and 1, got ${value}`);
  }
  for (const key of POSITIVE) {
    const value = resolved[key];
    if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`virtual printer option ${key} must be a positive number, got ${value}`);
  }
  for (const key of COUNTS) {
    const value = resolved[key];
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`virtual printer option ${key} must be a positive integer, got ${value}`);
  }
  for (const key of ['disconnectAfterLines', 'recordLimit', 'temperatureWindow', 'filamentRunoutAfterLines'] as const) {
    const value = resolved[key];
    if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`virtual printer option ${key} must be 0 or more, got ${value}`);
  }
  return resolved;
}
