// Marlin's check of a received line: line number (N), checksum (*), and the error it prints when either is wrong.

export type LineCheck = { ok: true; command: string; lineNumber: number | null } | { ok: false; error: string };

/** XOR of the bytes before the `*`, as Marlin computes it. */
export function checksum(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum ^= text.charCodeAt(i) & 0xff;
  return sum;
}

/**
 * Checks `line` (trimmed, not empty) in Marlin's order: the line number must follow `lastLine` (unless the line is an
 * M110), then a checksum must be there and match. An unnumbered line with a checksum is refused too.
 */
export function checkLine(line: string, lastLine: number): LineCheck {
  if (!line.startsWith('N')) {
    if (line.includes('*')) return { ok: false, error: `No Line Number with checksum, Last Line: ${lastLine}` };
    return { ok: true, command: line, lineNumber: null };
  }
  const match = /^N(\d+)\s*/.exec(line);
  const star = line.lastIndexOf('*');
  const lineNumber = match ? Number(match[1]) : NaN;
  const body = line.slice(match ? match[0].length : 1, star >= 0 ? star : undefined);
  if (!/M110(?!\d)/.test(body) && lineNumber !== lastLine + 1) return { ok: false, error: `Line Number is not Last Line Number+1, Last Line: ${lastLine}` };
  if (star < 0) return { ok: false, error: `No Checksum with line number, Last Line: ${lastLine}` };
  const given = line.slice(star + 1);
  if (!/^\d+$/.test(given) || Number(given) !== checksum(line.slice(0, star))) return { ok: false, error: `checksum mismatch, Last Line: ${lastLine}` };
  return { ok: true, command: body.trim(), lineNumber };
}
