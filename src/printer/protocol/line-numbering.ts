// Line numbering for the send path: assigns line numbers, follows M110 resets, and decides which lines carry checksums.
import { commandCode, isGcodeCommand, numericParameter } from './gcode-command.js';
import { frameLine } from './line-framing.js';

export interface ChecksumPolicyOptions {
  /** Send every line with a checksum, printing or not (OctoPrint `serial.alwaysSendChecksum`). */
  readonly alwaysSendChecksum: boolean;
  /** Never send checksums, except for commands that require one (OctoPrint `serial.neverSendChecksum`). */
  readonly neverSendChecksum: boolean;
  /** Also number lines that are not G/M/T commands (OctoPrint `serial.sendChecksumWithUnknownCommands`). */
  readonly sendChecksumWithUnknownCommands: boolean;
  /** Commands that always get a checksum (OctoPrint `serial.checksumRequiringCommands`). */
  readonly checksumRequiringCommands: readonly string[];
}

export const DEFAULT_CHECKSUM_POLICY: ChecksumPolicyOptions = {
  alwaysSendChecksum: false,
  neverSendChecksum: false,
  sendChecksumWithUnknownCommands: false,
  checksumRequiringCommands: ['M110'],
};

export interface ChecksumContext {
  /** A print job is streaming. */
  readonly printing: boolean;
  /** The firmware answered M115 (until then OctoPrint numbers everything, to be safe). */
  readonly firmwareInfoReceived: boolean;
}

/**
 * Whether a command is sent numbered and with a checksum, following OctoPrint: required commands always;
 * otherwise G/M/T commands (or any line, if configured) while printing, when always enabled, or before M115 answered.
 */
export function needsChecksum(command: string, context: ChecksumContext, policy: ChecksumPolicyOptions = DEFAULT_CHECKSUM_POLICY): boolean {
  const code = commandCode(command);
  if (code !== null && policy.checksumRequiringCommands.includes(code)) return true;
  if (policy.neverSendChecksum) return false;
  const allowed = isGcodeCommand(command) || policy.sendChecksumWithUnknownCommands;
  if (!allowed) return false;
  return context.printing || policy.alwaysSendChecksum || !context.firmwareInfoReceived;
}

export interface NumberedLine {
  readonly lineNumber: number;
  readonly command: string;
  /** The framed text to write: `N<n> <command>*<checksum>`. */
  readonly text: string;
  /** True for an M110: the firmware's counter restarts here, so lines sent before it can no longer be resent. */
  readonly resetsNumbering: boolean;
}

/** Assigns consecutive line numbers. An `M110 N<n>` is itself sent as line n, and the next line is n + 1. */
export class LineNumbering {
  private nextNumber: number;

  constructor(firstLineNumber = 1) {
    this.nextNumber = firstLineNumber;
  }

  /** The number the next numbered line will get. */
  get next(): number {
    return this.nextNumber;
  }

  /**
   * Numbers and frames a command. `M110 N<n>` sets the counter to n first; a bare `M110` (what is left of a client's
   * M110) is numbered like any line, so that it confirms the host's numbering (Marlin takes the line's own N).
   */
  number(command: string): NumberedLine {
    let resetsNumbering = false;
    if (commandCode(command) === 'M110') {
      const target = numericParameter(command, 'N');
      if (target !== undefined && Number.isInteger(target) && target >= 0) {
        this.nextNumber = target;
        resetsNumbering = true;
      }
    }
    const lineNumber = this.nextNumber++;
    return { lineNumber, command, text: frameLine(command, lineNumber), resetsNumbering };
  }

  /** Sets the number of the next line without sending anything (e.g. after the firmware restarted). */
  reset(nextLineNumber: number): void {
    this.nextNumber = nextLineNumber;
  }
}
