// `argonaut config describe` for a terminal: the keys grouped by section, each doc line wrapped to the width.
import { describeConfig } from './describe.js';
import type { KeyDescription } from './describe.js';

/** Splits a text into lines of at most `width` characters at spaces (a longer word stays whole on its line). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function shownDefault(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function sectionOf(path: string): string {
  const cut = path.lastIndexOf('.');
  return cut < 0 ? '(top level)' : path.slice(0, cut);
}

/** Every key under a heading per section; `width` is the terminal's (at least 40 is used). */
export function configText(width = 80, keys: KeyDescription[] = describeConfig()): string {
  const usable = Math.max(40, width);
  const groups = new Map<string, KeyDescription[]>();
  for (const key of keys) {
    const section = sectionOf(key.path);
    groups.set(section, [...(groups.get(section) ?? []), key]);
  }
  const out: string[] = [];
  for (const [section, entries] of groups) {
    if (out.length > 0) out.push('');
    out.push(`[${section}]`);
    for (const key of entries) {
      const name = key.path.slice(section === '(top level)' ? 0 : section.length + 1);
      const heading = wrapText(`${name} (${key.type}, default ${shownDefault(key.default)})`, usable - 6);
      out.push(...heading.map((line, i) => (i === 0 ? `  ${line}` : `      ${line}`)));
      out.push(...wrapText(key.doc, usable - 6).map((line) => `      ${line}`));
    }
  }
  return out.join('\n');
}
