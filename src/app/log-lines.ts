// Readable log lines for the terminal ("[12:00:00] WARN: message" + indented fields), written synchronously in-thread.
const LEVELS: Record<number, { name: string; colour: number }> = {
  10: { name: 'TRACE', colour: 90 },
  20: { name: 'DEBUG', colour: 34 },
  30: { name: 'INFO', colour: 32 },
  40: { name: 'WARN', colour: 33 },
  50: { name: 'ERROR', colour: 31 },
  60: { name: 'FATAL', colour: 41 },
};

function clock(time: number): string {
  const date = new Date(time);
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

function indent(text: string, spaces: string): string {
  return text.replace(/\n/g, `\n${spaces}`);
}

/** A field's value: errors as their stack (or message), other values as indented JSON. */
function show(value: unknown): string {
  if (typeof value === 'object' && value !== null && typeof (value as { stack?: unknown }).stack === 'string') {
    const { stack, message: _message, type: _type, ...rest } = value as { stack: string; message?: unknown; type?: unknown };
    const extra = Object.keys(rest).length > 0 ? `\n${JSON.stringify(rest, null, 2)}` : '';
    return indent(`\n${stack}${extra}`, '      ');
  }
  return indent(JSON.stringify(value, null, 2) ?? String(value), '    ');
}

/** Turns one of pino's JSON lines into readable text (the line itself when it is not JSON). */
export function formatLogLine(json: string, colour: boolean): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const { level, time, msg, ...fields } = entry;
  const known = LEVELS[Number(level)];
  const name = known?.name ?? `LEVEL ${String(level)}`;
  const label = colour && known ? `\u001b[${known.colour}m${name}\u001b[39m` : name;
  let text = `[${clock(typeof time === 'number' ? time : Date.now())}] ${label}:`;
  if (msg !== undefined) text += ` ${colour ? `\u001b[36m${String(msg)}\u001b[39m` : String(msg)}`;
  for (const [key, value] of Object.entries(fields)) text += `\n    ${key}: ${show(value)}`;
  return `${text}\n`;
}

/** A pino destination that writes readable lines to `target` at once (no worker thread, nothing buffered). */
export function readableLines(target: NodeJS.WritableStream, colour: boolean): { write(line: string): void } {
  return {
    write(line: string) {
      target.write(formatLogLine(line, colour));
    },
  };
}
