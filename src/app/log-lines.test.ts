// Tests of the readable log lines written to the terminal.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PassThrough } from 'node:stream';
import { createLogger } from './logging.js';
import { formatLogLine } from './log-lines.js';

describe('formatLogLine', () => {
  it('writes the time, the level and the message, then each field indented', () => {
    const time = new Date(2024, 0, 2, 3, 4, 5).getTime();
    const text = formatLogLine(JSON.stringify({ level: 40, time, msg: 'disk almost full', folder: 'uploads', free: { bytes: 12 } }), false);
    assert.equal(text, '[03:04:05] WARN: disk almost full\n    folder: "uploads"\n    free: {\n      "bytes": 12\n    }\n');
  });

  it('shows an error by its stack, and colours the level only when asked', () => {
    const line = JSON.stringify({ level: 50, time: 0, msg: 'failed', err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at here' } });
    const plain = formatLogLine(line, false);
    assert.match(plain, /ERROR: failed\n {4}err: \n {6}Error: boom\n {10}at here\n$/);
    assert.doesNotMatch(plain, /\u001b\[/);
    assert.match(formatLogLine(line, true), /\u001b\[31mERROR\u001b\[39m/);
  });

  it('passes a line that is not JSON through unchanged', () => {
    assert.equal(formatLogLine('not json', false), 'not json\n');
  });
});

describe('createLogger console lines', () => {
  it('writes readable lines with secrets redacted, at once', () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const logger = createLogger({ logsDir: null, level: 'info', console: true, consoleStream: Object.assign(stream, { isTTY: true }) });
    logger.info({ apikey: 'SECRET-KEY' }, 'hello');
    logger.debug('not shown');
    const text = chunks.join('');
    assert.match(text, /^\[\d\d:\d\d:\d\d\] \u001b\[32mINFO\u001b\[39m: \u001b\[36mhello\u001b\[39m\n {4}apikey: "\[redacted\]"\n$/);
    assert.doesNotMatch(text, /SECRET-KEY/);
  });
});
