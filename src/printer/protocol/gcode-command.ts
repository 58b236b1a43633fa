// G-code command helpers: comment stripping, the command code of a line, parameters and upper-case rules.

/** Commands whose arguments are free text, so only their code is upper-cased (OctoPrint's list plus SD names). */
export const DEFAULT_UPPERCASE_EXCEPTIONS: readonly string[] = ['M23', 'M28', 'M30', 'M32', 'M33', 'M117', 'M118', 'M928'];

const CODE = /^\s*([GMTgmt])(\d+)(?:\.(\d+))?(?![\d.])/;

/** Removes a `;` comment (a `\;` is kept as text) and surrounding whitespace. */
export function stripComment(line: string): string {
  const semicolon = line.indexOf(';');
  if (semicolon < 0) return line.trim();
  let escaped = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 59 /* ; */ && !escaped) return line.slice(0, i).trim();
    escaped = c === 92 /* \ */ && !escaped;
  }
  return line.trim();
}

/** The command code of a line (`G1`, `M110`, `T0`, `G29.1`), upper-cased; null for anything else. */
export function commandCode(line: string): string | null {
  const match = CODE.exec(line);
  if (!match) return null;
  const letter = (match[1] ?? '').toUpperCase();
  const number = String(Number(match[2]));
  return match[3] === undefined ? letter + number : `${letter}${number}.${match[3]}`;
}

/** True when the line is a G, M or T command (what OctoPrint calls a known G-code). */
export function isGcodeCommand(line: string): boolean {
  return CODE.test(line);
}

/**
 * Upper-cases a command line for the firmware: the whole line for ordinary commands, only the code
 * for commands in `exceptions` (messages and file names keep their case). Unknown commands are left as they are.
 */
export function normalizeCommand(line: string, exceptions: readonly string[] = DEFAULT_UPPERCASE_EXCEPTIONS): string {
  const trimmed = line.trim();
  const match = CODE.exec(trimmed);
  if (!match) return trimmed;
  const code = commandCode(trimmed);
  if (code !== null && exceptions.includes(code)) {
    return trimmed.slice(0, match[0].length).toUpperCase() + trimmed.slice(match[0].length);
  }
  return trimmed.toUpperCase();
}

/**
 * Prepares a line read from a G-code file or typed by a user: comment stripped, upper-case rules applied.
 * Returns null when nothing is left to send.
 */
export function prepareCommand(line: string, exceptions: readonly string[] = DEFAULT_UPPERCASE_EXCEPTIONS): string | null {
  const stripped = stripComment(line);
  if (stripped === '') return null;
  return normalizeCommand(stripped, exceptions);
}

/** Index of a parameter letter after the command code that does not follow another letter, or -1. */
function parameterIndex(line: string, letter: string, from = 0): number {
  const match = CODE.exec(line);
  const start = Math.max(from, match ? match[0].length : 0);
  const upper = letter.toUpperCase();
  const lower = letter.toLowerCase();
  for (let i = start; i < line.length; i++) {
    const c = line[i];
    if (c !== upper && c !== lower) continue;
    const before = i > 0 ? line.charCodeAt(i - 1) : 32;
    const isLetter = (before >= 65 && before <= 90) || (before >= 97 && before <= 122);
    if (!isLetter) return i;
  }
  return -1;
}

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)/;

/** The numeric value of a parameter (`S` in `M104 S210`), or undefined when absent or not a number. */
export function numericParameter(line: string, letter: string): number | undefined {
  let index = parameterIndex(line, letter);
  while (index >= 0) {
    const value = NUMBER.exec(line.slice(index + 1));
    if (value) return Number(value[0]);
    index = parameterIndex(line, letter, index + 1);
  }
  return undefined;
}

/** True when the parameter letter appears after the command code (with or without a value). */
export function hasParameter(line: string, letter: string): boolean {
  return parameterIndex(line, letter) >= 0;
}

/** The text after the command code, trimmed (the argument of `M117 Hello` or `M23 file.gco`). */
export function commandArgument(line: string): string {
  const match = CODE.exec(line);
  return (match ? line.slice(match[0].length) : line).trim();
}

const CLIENT_LINE_NUMBER = /^[Nn][-+]?\d+\s*/;

/**
 * A prepared command from a client (API, custom control, G-code script) without any framing of its own, since line
 * numbers belong to the host: leading `N<number>` prefixes go, and so does everything from the first `*` (a
 * checksum, or text the firmware would take for one). A client's M110 loses its parameters: as a bare `M110` it
 * confirms the host's own numbering instead of moving it. Null when nothing is left to send.
 */
export function withoutClientFraming(command: string): string | null {
  const star = command.indexOf('*');
  let text = (star >= 0 ? command.slice(0, star) : command).trim();
  for (let prefix = CLIENT_LINE_NUMBER.exec(text); prefix; prefix = CLIENT_LINE_NUMBER.exec(text)) text = text.slice(prefix[0].length);
  if (text === '') return null;
  return commandCode(text) === 'M110' ? 'M110' : text;
}

/**
 * A line of a print file without framing of its own (a leading `N<number>`, a `*` and what follows); M110 keeps
 * its meaning there, as in OctoPrint. Cheap for the usual line, which starts with neither and holds no `*`.
 */
export function withoutFileFraming(command: string): string | null {
  const c = command.charCodeAt(0);
  if (c !== 78 /* N */ && c !== 110 /* n */ && !command.includes('*')) return command;
  const star = command.indexOf('*');
  let text = (star >= 0 ? command.slice(0, star) : command).trim();
  for (let prefix = CLIENT_LINE_NUMBER.exec(text); prefix; prefix = CLIENT_LINE_NUMBER.exec(text)) text = text.slice(prefix[0].length);
  return text === '' ? null : text;
}
