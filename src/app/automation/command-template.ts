// Command lines with OctoPrint's {placeholders}: split into argv first, then each value goes into its argv entry as data.
import { CommandLineError, splitCommandLine } from '../../server/http/index.js';

/** Private-use characters that mark placeholders and literal braces while the line is split (refused in the text itself). */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const LEFT_BRACE = '\uE002';
const RIGHT_BRACE = '\uE003';
const MARKERS = /[\uE000-\uE003]/;
const MARKED = /\uE000(\d+)\uE001/g;

export class PlaceholderError extends Error {
  constructor(readonly key: string) {
    super(`no value for the placeholder {${key}}`);
    this.name = 'PlaceholderError';
  }
}

/** A command line split into argv words whose placeholders are filled in later; throws CommandLineError when it needs a shell. */
export interface CommandTemplate {
  readonly words: readonly string[];
  readonly keys: readonly string[];
}

/**
 * Marks `{key}` (and OctoPrint's `{{` / `}}` for literal braces) so that splitting never sees a value; `strict` refuses
 * any other brace (a command line), else it stays as written (G-code).
 */
function mark(text: string, keys: string[], strict: boolean): string {
  if (MARKERS.test(text)) throw new CommandLineError('The command contains reserved characters (U+E000 to U+E003).');
  const escaped = text.replaceAll('{{', LEFT_BRACE).replaceAll('}}', RIGHT_BRACE);
  const marked = escaped.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_whole, key: string) => {
    keys.push(key);
    return `${OPEN}${keys.length - 1}${CLOSE}`;
  });
  if (strict && /[{}]/.test(marked)) throw new CommandLineError('The command has a brace that is not a {placeholder}; write {{ or }} for a literal one.');
  return marked;
}

export function parseCommandTemplate(text: string): CommandTemplate {
  const keys: string[] = [];
  const words = splitCommandLine(mark(text, keys, true));
  return { words, keys };
}

/** Fills one marked text with values; a missing key throws PlaceholderError (OctoPrint skips such a command). */
function fill(marked: string, keys: readonly string[], values: Readonly<Record<string, string>>): string {
  return marked
    .replace(MARKED, (_whole, index: string) => {
      const key = keys[Number(index)] as string;
      const value = Object.hasOwn(values, key) ? values[key] : undefined;
      if (value === undefined) throw new PlaceholderError(key);
      return value;
    })
    .replaceAll(LEFT_BRACE, '{')
    .replaceAll(RIGHT_BRACE, '}');
}

/** The argv of a template with these values: each value stays inside the word it was written in, whatever it contains. */
export function fillCommandTemplate(template: CommandTemplate, values: Readonly<Record<string, string>>): string[] {
  return template.words.map((word) => fill(word, template.keys, values));
}

/** A G-code template filled in: values lose control characters (a value never adds a line); one command per line. */
export function fillGcodeTemplate(text: string, values: Readonly<Record<string, string>>): string[] {
  const keys: string[] = [];
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) clean[key] = value.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return mark(text, keys, false)
    .split(/\r\n|\r|\n/)
    .map((line) => fill(line, keys, clean).trim())
    .filter((line) => line !== '');
}
