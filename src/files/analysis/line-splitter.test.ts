// Tests of the line splitter: any chunking gives the same lines, CRLF, a last line without newline, long lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineSplitter } from './line-splitter.js';

function split(chunks: Uint8Array[], maxLineLength?: number): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((bytes, start, end) => lines.push(new TextDecoder().decode(bytes.subarray(start, end))), maxLineLength);
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

function chunked(data: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  return chunks;
}

describe('LineSplitter', () => {
  const text = 'G28\r\nG1 X10 Y20\n\n; comment\r\nM104 S200\nG1 X1';
  const expected = ['G28', 'G1 X10 Y20', '', '; comment', 'M104 S200', 'G1 X1'];
  const data = new TextEncoder().encode(text);

  it('gives the same lines whatever the chunk size', () => {
    for (let size = 1; size <= data.length; size++) assert.deepEqual(split(chunked(data, size)), expected, `chunks of ${size}`);
  });

  it('splits at every position alike', () => {
    for (let at = 0; at <= data.length; at++) assert.deepEqual(split([data.subarray(0, at), data.subarray(at)]), expected);
  });

  it('cuts long lines at the same length inside a chunk and across chunks', () => {
    const long = new TextEncoder().encode(`${'x'.repeat(100)}\nG1\n`);
    const whole = split([long], 16);
    assert.deepEqual(whole, ['x'.repeat(16), 'G1']);
    for (const size of [1, 3, 7, 50]) assert.deepEqual(split(chunked(long, size), 16), whole, `chunks of ${size}`);
  });

  it('pushBlock hands whole lines in blocks, with the same lines as push whatever the chunking', () => {
    for (let size = 1; size <= data.length; size++) {
      const lines: string[] = [];
      const decode = (bytes: Uint8Array, start: number, end: number): string => new TextDecoder().decode(bytes.subarray(start, end));
      const splitter = new LineSplitter((bytes, start, end) => lines.push(decode(bytes, start, end)));
      const block = (bytes: Uint8Array, start: number, stop: number): void => {
        assert.equal(bytes[stop - 1], 0x0a, 'a block ends with a newline');
        lines.push(...decode(bytes, start, stop - 1).split('\n').map((line) => line.replace(/\r$/, '')));
      };
      for (const chunk of chunked(data, size)) splitter.pushBlock(chunk, block);
      splitter.end();
      assert.deepEqual(lines, expected, `chunks of ${size}`);
    }
  });

  it('emits nothing for empty input', () => {
    assert.deepEqual(split([]), []);
    assert.deepEqual(split([new Uint8Array(0)]), []);
  });
});
