// Terminal filters: hide the noise (temperature polls, busy/wait lines) by regular expressions from the settings.

export interface TerminalFilter {
  name: string;
  regex: string;
}

export const DEFAULT_FILTERS: readonly TerminalFilter[] = [
  { name: 'Suppress temperature messages', regex: '(Send: (N\\d+\\s+)?M105)|(Recv:\\s+(ok\\s+([PBN]\\d+\\s+)*)?([BCLPR]|T\\d*):-?\\d+)' },
  { name: 'Suppress SD status messages', regex: '(Send: (N\\d+\\s+)?M27)|(Recv: SD printing byte)|(Recv: Not SD printing)' },
  { name: 'Suppress position messages', regex: '(Send:\\s+(N\\d+\\s+)?M114)|(Recv:\\s+(ok\\s+)?X:[+-]?([0-9]*[.])?[0-9]+\\s+Y:[+-]?([0-9]*[.])?[0-9]+\\s+Z:[+-]?([0-9]*[.])?[0-9]+\\s+E\\d*:[+-]?([0-9]*[.])?[0-9]+).*' },
  { name: 'Suppress wait responses', regex: 'Recv: wait' },
];

/** Compiles the chosen filters; an invalid expression is skipped rather than breaking the terminal. */
export function compileFilters(filters: readonly TerminalFilter[], enabled: ReadonlySet<string>): RegExp[] {
  const compiled: RegExp[] = [];
  for (const filter of filters) {
    if (!enabled.has(filter.name)) continue;
    try {
      compiled.push(new RegExp(filter.regex));
    } catch {
      // A broken expression from the settings hides nothing.
    }
  }
  return compiled;
}

export function visibleLines(lines: readonly string[], filters: readonly RegExp[]): string[] {
  if (filters.length === 0) return [...lines];
  return lines.filter((line) => !filters.some((filter) => filter.test(line)));
}
