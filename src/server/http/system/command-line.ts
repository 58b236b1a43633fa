// Splits a configured command line into argv, quote-aware, for running without a shell.

export class CommandLineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandLineError';
  }
}

/** Characters that only a shell would interpret (pipes, lists, redirects, substitution, globbing, home). */
const SHELL_ONLY = new Set(['|', '&', ';', '<', '>', '(', ')', '$', '`', '*', '?', '[', ']', '{', '}', '~', '#', '!']);

/**
 * Splits like a POSIX shell does for words: whitespace separates, '…' is literal, "…" allows \" \\ escapes,
 * a backslash outside quotes escapes the next character. Anything only a shell could do (pipes, `;`, `&&`,
 * redirects, `$VAR`, `$(…)`, globs, `~`) is refused unless quoted, so a command never means more than its words.
 */
export function splitCommandLine(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      index += 1;
      continue;
    }
    inWord = true;
    if (char === "'") {
      const end = text.indexOf("'", index + 1);
      if (end === -1) throw new CommandLineError('The command has an unclosed single quote.');
      word += text.slice(index + 1, end);
      index = end + 1;
      continue;
    }
    if (char === '"') {
      index += 1;
      let closed = false;
      while (index < text.length) {
        const inner = text[index] as string;
        if (inner === '"') {
          closed = true;
          index += 1;
          break;
        }
        if (inner === '\\' && index + 1 < text.length && '"\\$`'.includes(text[index + 1] as string)) {
          word += text[index + 1];
          index += 2;
          continue;
        }
        if (inner === '$' || inner === '`') {
          throw new CommandLineError(`The command uses ${inner} inside double quotes, which needs a shell; quote it with single quotes.`);
        }
        word += inner;
        index += 1;
      }
      if (!closed) throw new CommandLineError('The command has an unclosed double quote.');
      continue;
    }
    if (char === '\\') {
      if (index + 1 >= text.length) throw new CommandLineError('The command ends with a lone backslash.');
      word += text[index + 1];
      index += 2;
      continue;
    }
    if (SHELL_ONLY.has(char)) {
      throw new CommandLineError(`The command uses "${char}", which needs a shell; commands run without one (quote it to pass it literally).`);
    }
    word += char;
    index += 1;
  }
  if (inWord) words.push(word);
  if (words.length === 0) throw new CommandLineError('The command is empty.');
  return words;
}
