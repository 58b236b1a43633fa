// Byte-level parsing of one G-code line into a reused command record, without creating strings.

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const NEWLINE = 0x0a;
const SEMICOLON = 0x3b;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const ASTERISK = 0x2a;
const DOT = 0x2e;
const PLUS = 0x2b;
const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const LOWER_A = 0x61;
const LOWER_Z = 0x7a;

/** Exact powers of ten (all exactly representable as doubles). */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => Number(`1e${i}`));
/** Above this many digits an integer mantissa may no longer be exact: fall back to parseFloat. */
const EXACT_DIGITS = 15;

/** The slot the line number (N) is read into. */
const N_SLOT = 13;

/** Index of a parameter letter in {@link GcodeCommand.values}: `param('X')`. */
export function param(letter: string): number {
  return letter.toUpperCase().charCodeAt(0) - UPPER_A;
}

/**
 * One parsed command. `letter` is the char code of G, M or T (0 when the line holds no command), `code` its
 * number (the tool number for T). Parameters are flagged in `mask` (bit = letter index) with their values in
 * `values`; a parameter written without a number (`G28 X`) is present with the value NaN.
 */
export class GcodeCommand {
  letter = 0;
  code = -1;
  subcode = -1;
  mask = 0;
  readonly values = new Float64Array(26);
  /** Where {@link parseCommand} stopped reading the line. */
  end = 0;

  has(index: number): boolean {
    return (this.mask & (1 << index)) !== 0;
  }

  /** The value of a parameter, or NaN when it is absent or has no number (a plain number: nothing to allocate). */
  value(index: number): number {
    return (this.mask & (1 << index)) === 0 ? Number.NaN : (this.values[index] as number);
  }

  /** The value of a parameter, or undefined when it is absent or has no number. */
  get(index: number): number | undefined {
    const value = this.value(index);
    return Number.isNaN(value) ? undefined : value;
  }
}

function isSpace(byte: number): boolean {
  return byte === SPACE || byte === TAB || byte === CR;
}

function upperLetter(byte: number): number {
  if (byte >= UPPER_A && byte <= UPPER_Z) return byte;
  if (byte >= LOWER_A && byte <= LOWER_Z) return byte - 0x20;
  return 0;
}

/**
 * Reads a decimal number (`-12.5`, `.35`, `+3`) at `start` into `values[slot]` and returns where it ended; the value
 * is NaN when there is no digit. It equals `parseFloat` of the same text (exact mantissa divided by an exact power
 * of ten). The number goes into a typed array rather than being returned so that it is never boxed.
 */
export function scanNumber(bytes: Uint8Array, start: number, end: number, values: Float64Array, slot: number): number {
  let i = start;
  let negative = false;
  if (i < end) {
    const sign = bytes[i] as number;
    if (sign === MINUS || sign === PLUS) {
      negative = sign === MINUS;
      i++;
    }
  }
  const digitsStart = i;
  let mantissa = 0;
  // The whole part, then the fraction after one dot, each in its own loop (no dot test per digit).
  for (; i < end; i++) {
    const digit = (bytes[i] as number) - DIGIT_0;
    if (digit < 0 || digit > 9) break;
    mantissa = mantissa * 10 + digit;
  }
  let decimals = 0;
  let length = i - digitsStart;
  if (i < end && bytes[i] === DOT) {
    const fractionStart = ++i;
    for (; i < end; i++) {
      const digit = (bytes[i] as number) - DIGIT_0;
      if (digit < 0 || digit > 9) break;
      mantissa = mantissa * 10 + digit;
    }
    decimals = i - fractionStart;
    length += decimals;
  }
  let value: number;
  if (length <= 0) value = Number.NaN;
  else if (length > EXACT_DIGITS) {
    // Too many digits for an exact integer mantissa: let parseFloat round it.
    value = parseFloat(String.fromCharCode(...bytes.subarray(digitsStart, i)));
  } else {
    value = decimals === 0 ? mantissa : mantissa / (POWERS_OF_TEN[decimals] as number);
  }
  values[slot] = negative ? -value : value;
  return i;
}

/** {@link scanNumber} returning the number, with `cursor.end` set past it (for callers off the hot path). */
export function readNumber(bytes: Uint8Array, start: number, end: number, cursor: { end: number }): number {
  const value = new Float64Array(1);
  cursor.end = scanNumber(bytes, start, end, value, 0);
  return value[0] as number;
}

/**
 * Parses the command of the line at `start` into `out`, up to `end` or the line's newline, whichever comes first
 * (so a line can be parsed in place inside a block of lines). Handles leading whitespace, line numbers (`N12`),
 * `;` and `( )` comments, checksums (`*71`), lower-case letters and parameters with or without spaces between
 * them. Sets `out.end` where parsing stopped (at `end`, at the newline, or before it at a comment or checksum).
 * Returns false when the line holds no G, M or T command.
 */
export function parseCommand(bytes: Uint8Array, start: number, end: number, out: GcodeCommand): boolean {
  out.letter = 0;
  out.code = -1;
  out.subcode = -1;
  out.mask = 0;
  let i = start;
  while (i < end && isSpace(bytes[i] as number)) i++;
  if (i < end && upperLetter(bytes[i] as number) === 0x4e /* N */) {
    // The line number lands in N's slot; without N's bit in the mask it is never read.
    i = scanNumber(bytes, i + 1, end, out.values, N_SLOT);
    while (i < end && isSpace(bytes[i] as number)) i++;
  }
  out.end = i;
  if (i >= end) return false;
  const letter = upperLetter(bytes[i] as number);
  if (letter !== 0x47 /* G */ && letter !== 0x4d /* M */ && letter !== 0x54 /* T */) return false;
  let code = 0;
  let j = i + 1;
  const codeStart = j;
  while (j < end) {
    const byte = bytes[j] as number;
    if (byte < DIGIT_0 || byte > DIGIT_9) break;
    code = code * 10 + (byte - DIGIT_0);
    j++;
  }
  out.end = j;
  if (j === codeStart) return false;
  if (j < end && bytes[j] === DOT) {
    let subcode = 0;
    j++;
    while (j < end && (bytes[j] as number) >= DIGIT_0 && (bytes[j] as number) <= DIGIT_9) {
      subcode = subcode * 10 + ((bytes[j] as number) - DIGIT_0);
      j++;
    }
    out.subcode = subcode;
  }
  out.letter = letter;
  out.code = code;
  out.end = parseParameters(bytes, j, end, out);
  return true;
}

/** Reads parameters into `out` up to `end`, a newline, a `;` comment or a checksum; returns where it stopped. */
function parseParameters(bytes: Uint8Array, start: number, end: number, out: GcodeCommand): number {
  let i = start;
  let mask = 0;
  const values = out.values;
  while (i < end) {
    const byte = bytes[i] as number;
    // Letters of either case map to 0..25 (the rest fall outside as unsigned numbers).
    const index = ((byte | 0x20) - LOWER_A) >>> 0;
    if (index < 26) {
      mask |= 1 << index;
      i = scanNumber(bytes, i + 1, end, values, index);
      continue;
    }
    if (byte === NEWLINE || byte === SEMICOLON || byte === ASTERISK) break;
    if (byte === OPEN_PAREN) {
      i++;
      while (i < end && bytes[i] !== CLOSE_PAREN && bytes[i] !== NEWLINE) i++;
      if (i < end && bytes[i] === NEWLINE) break;
    }
    i++;
  }
  out.mask = mask;
  return i;
}
