// The server's logger: readable lines on a terminal, JSON lines in logs/argonaut.log, secrets redacted.
import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from 'pino';
import { readableLines } from './log-lines.js';

export const REDACTED_PATHS = [
  'apikey',
  'apiKey',
  'password',
  'pass',
  'session',
  'token',
  '*.apikey',
  '*.apiKey',
  '*.api_key',
  '*.password',
  '*.pass',
  '*.current',
  '*.session',
  '*.token',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
];

/** Removes credentials from a URL before it is logged (`?apikey=...` becomes `?apikey=[redacted]`). */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:apikey|api_key|token|session|password)=)[^&#]*/gi, '$1[redacted]');
}

export interface LoggingOptions {
  logsDir: string | null;
  level: string;
  /** Write readable lines to stderr (default: only when stderr is a terminal). */
  console?: boolean;
  /** Where console lines go (tests pass their own stream). */
  consoleStream?: NodeJS.WritableStream;
}

export function createLogger(options: LoggingOptions): Logger {
  const streams: pino.StreamEntry[] = [];
  const toConsole = options.console ?? true;
  if (toConsole) {
    const target = options.consoleStream ?? process.stderr;
    const isTerminal = (target as NodeJS.WriteStream).isTTY === true;
    // The streams take every level; the logger's own level filters, so that logging.level can change at run time.
    streams.push({
      level: 'trace',
      stream: isTerminal || options.consoleStream === undefined
        ? readableLines(target, isTerminal)
        : target,
    });
  }
  if (options.logsDir) {
    streams.push({ level: 'trace', stream: pino.destination({ dest: join(options.logsDir, 'argonaut.log'), mkdir: true, sync: false }) });
  }
  return pino(
    {
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: undefined,
    },
    streams.length > 0 ? pino.multistream(streams) : pino.destination('/dev/null'),
  );
}
