// Firmware error lines (`Error:...`, `!! ...`), sorted into what the host must do about them.

/**
 * - `communication`: a transmission error; the firmware asks for a resend itself.
 * - `recoverable`: a transmission error without a resend request; the host just carries on.
 * - `sd`: an SD card problem; the connection is fine.
 * - `unknown-command`: the firmware did not know a command.
 * - `halted`: the firmware stopped (kill(), thermal runaway, ...) and must be reset.
 * - `fatal`: any other error.
 */
export type FirmwareErrorKind = 'communication' | 'recoverable' | 'sd' | 'unknown-command' | 'halted' | 'fatal';

export interface FirmwareError {
  readonly kind: FirmwareErrorKind;
  /** The text after `Error:` or `!!`. */
  readonly message: string;
  /** The `Last Line: n` the firmware reported, if any. */
  readonly lastLine: number | null;
  /** True for `Error:0`-style lines whose explanation comes on the next line (Marlin min/max temperature errors). */
  readonly continues: boolean;
}

const RECOVERABLE = ['no line number with checksum'];
const COMMUNICATION = ['line number', 'checksum', 'format error', 'expected line'];
const SD = ['volume.init', 'openroot', 'workdir', 'error writing to file', 'cannot open', 'open failed', 'cannot enter', 'sd init fail'];
const HALTED = /printer halted|kill\(\) called|printer stopped|heating failed|thermal runaway|maxtemp triggered|mintemp triggered|watchdog barked|kill caused/;

/** True for lines the firmware marks as errors. */
export function isErrorLine(line: string): boolean {
  return /^error:/i.test(line) || line.startsWith('!!');
}

/** Classifies an error line; null when the line is not an error. */
export function parseFirmwareError(line: string): FirmwareError | null {
  const text = line.trim();
  let message: string;
  if (/^error:/i.test(text)) message = text.slice(6).trim();
  else if (text.startsWith('!!')) message = text.slice(2).trim();
  else return null;
  const lower = message.toLowerCase();
  const last = /last line:\s*(\d+)/i.exec(message);
  let kind: FirmwareErrorKind;
  if (RECOVERABLE.some((s) => lower.includes(s))) kind = 'recoverable';
  else if (COMMUNICATION.some((s) => lower.includes(s))) kind = 'communication';
  else if (SD.some((s) => lower.includes(s))) kind = 'sd';
  else if (lower.includes('unknown command')) kind = 'unknown-command';
  else if (HALTED.test(lower)) kind = 'halted';
  else kind = 'fatal';
  return { kind, message, lastLine: last ? Number(last[1]) : null, continues: /^\d$/.test(message) };
}
