// Line framing of the Marlin serial protocol: `N<n> <command>*<checksum>`, the checksum being the XOR of every byte before `*`.

/** XOR of the character codes of `text`, the checksum Marlin expects (0..255 for ASCII text). */
export function checksum(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum ^= text.charCodeAt(i);
  return sum & 0xff;
}

const UNPRINTABLE = /[^\x20-\x7e]/;
const UNPRINTABLE_ALL = /[^\x20-\x7e]/g;

/** Replaces tabs with spaces and characters a printer cannot take (non-ASCII, control) with `?`, as OctoPrint does. */
export function toPrintableAscii(text: string): string {
  if (!UNPRINTABLE.test(text)) return text;
  return text.replace(/\t/g, ' ').replace(UNPRINTABLE_ALL, '?');
}

/** Frames a command with its line number and checksum: `frameLine('G28', 5)` → `N5 G28*22`. */
export function frameLine(command: string, lineNumber: number): string {
  const body = `N${lineNumber} ${toPrintableAscii(command)}`;
  return `${body}*${checksum(body)}`;
}

/** The command that resets the firmware's line counter so that the next line expected is `lineNumber + 1`. */
export function lineNumberResetCommand(lineNumber = 0): string {
  return `M110 N${lineNumber}`;
}

export interface ParsedLine {
  /** The line number after `N`, or null when the line has none. */
  readonly lineNumber: number | null;
  /** The command without line number, checksum and surrounding whitespace. */
  readonly command: string;
  /** The checksum after `*`, or null when the line has none (or it is not a number). */
  readonly checksum: number | null;
  /** The checksum computed over the bytes before `*`, or null when the line has no `*`. */
  readonly computedChecksum: number | null;
  /** True when the line has no checksum or its checksum matches. */
  readonly checksumValid: boolean;
}

/** Parses a received line the way firmware does (the counterpart of {@link frameLine}). */
export function parseFramedLine(raw: string): ParsedLine {
  const line = raw.trim();
  const star = line.lastIndexOf('*');
  const body = star >= 0 ? line.slice(0, star) : line;
  let given: number | null = null;
  let computed: number | null = null;
  if (star >= 0) {
    computed = checksum(body);
    const digits = line.slice(star + 1).trim();
    given = /^\d+$/.test(digits) ? Number(digits) : null;
  }
  let lineNumber: number | null = null;
  let command = body;
  const numbered = /^[Nn](\d+)\s*/.exec(body);
  if (numbered) {
    lineNumber = Number(numbered[1]);
    command = body.slice(numbered[0].length);
  }
  return {
    lineNumber,
    command: command.trim(),
    checksum: given,
    computedChecksum: computed,
    checksumValid: star < 0 || given === computed,
  };
}
