// Tests of the multipart push parser: chunk splits at every offset, CRLF edge cases, preamble/epilogue, truncation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildMultipart, field, filePart } from './multipart-body-builder.js';
import { MultipartParser, MultipartSyntaxError, parsePartHeaders } from './multipart-parser.js';
import type { PartHeaders } from './multipart-parser.js';

interface Seen {
  headers: PartHeaders;
  content: Buffer;
}

/** Feeds `pieces` and returns the parts seen (with their whole content) and whether the body was complete. */
function parse(boundary: string, pieces: Buffer[]): { parts: Seen[]; complete: boolean; ends: number } {
  const parts: Seen[] = [];
  let current: { headers: PartHeaders; chunks: Buffer[] } | null = null;
  let ends = 0;
  const parser = new MultipartParser(boundary, {
    partStart: (headers) => {
      current = { headers, chunks: [] };
    },
    partData: (data) => {
      assert.ok(data.length > 0);
      assert.ok(current, 'data only inside a part');
      current.chunks.push(Buffer.from(data));
    },
    partEnd: () => {
      ends += 1;
      if (current) parts.push({ headers: current.headers, content: Buffer.concat(current.chunks) });
      current = null;
    },
  });
  for (const piece of pieces) parser.push(piece);
  return { parts, complete: parser.complete, ends };
}

function parseWhole(boundary: string, body: Buffer): ReturnType<typeof parse> {
  const result = parse(boundary, [body]);
  assert.ok(result.complete);
  return result;
}

const BOUNDARY = 'xYz-123';
// Content full of near misses: CR, CRLF, dashes, the delimiter without its last byte, a CR at the very end.
const TRICKY = Buffer.concat([
  Buffer.from('\r\r\n\r\n-\r\n--\r\n--xYz-12\r\n--xYz-1\n--xYz-123'.replace('--xYz-123', '--xYz-12X')),
  Buffer.from([0, 255, 13, 10, 45, 45]),
  Buffer.from('G1 X1\r'),
]);

describe('MultipartParser', () => {
  const { body } = buildMultipart([field('path', 'a/b'), filePart('x.gcode', TRICKY), field('empty', '')], BOUNDARY);

  it('finds fields and content byte for byte, with the delimiter near misses left in the content', () => {
    const { parts } = parseWhole(BOUNDARY, body);
    assert.equal(parts.length, 3);
    assert.deepEqual(parts[0]?.headers['content-disposition'], ['form-data; name="path"']);
    assert.equal(parts[0]?.content.toString(), 'a/b');
    assert.deepEqual(parts[1]?.headers['content-type'], ['application/octet-stream']);
    assert.deepEqual(parts[1]?.content, TRICKY);
    assert.equal(parts[2]?.content.length, 0);
  });

  it('gives the same result for the body split in two at every offset, and fed byte by byte', () => {
    const expected = parseWhole(BOUNDARY, body);
    for (let at = 0; at <= body.length; at += 1) {
      const split = parse(BOUNDARY, [body.subarray(0, at), body.subarray(at)]);
      assert.ok(split.complete, `split at ${at}`);
      assert.deepEqual(split.parts, expected.parts, `split at ${at}`);
    }
    const bytes = parse(BOUNDARY, [...body].map((byte) => Buffer.from([byte])));
    assert.deepEqual(bytes.parts, expected.parts);
    for (let at = 1; at < body.length; at += 7) {
      const three = parse(BOUNDARY, [body.subarray(0, at), body.subarray(at, at + 3), body.subarray(at + 3)]);
      assert.deepEqual(three.parts, expected.parts, `three pieces at ${at}`);
    }
  });

  it('ignores a preamble and an epilogue, and reads a body that opens with the delimiter', () => {
    const plain = parseWhole(BOUNDARY, body);
    const framed = Buffer.concat([Buffer.from('preamble --xYz-123 text\r\n-- not it\r\n'), body, Buffer.from('epilogue\r\n--xYz-123\r\nX: y\r\n\r\nz')]);
    assert.deepEqual(parseWhole(BOUNDARY, framed).parts, plain.parts);
    assert.ok(body.subarray(0, 2).equals(Buffer.from('--')));
  });

  it('reads parts whose headers are folded, have no space after the colon, or repeat', () => {
    const raw = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition:form-data;\r\n name="a"\r\nX-Two: 1\r\nx-two: 2\r\n\r\nv\r\n--${BOUNDARY}--`);
    const { parts } = parseWhole(BOUNDARY, raw);
    assert.deepEqual(parts[0]?.headers['content-disposition'], ['form-data; name="a"']);
    assert.deepEqual(parts[0]?.headers['x-two'], ['1', '2']);
    assert.equal(parts[0]?.content.toString(), 'v');
  });

  it('drops what follows a delimiter that is neither closing nor followed by CRLF, up to the next delimiter', () => {
    const raw = Buffer.from(`--${BOUNDARY}\r\nA: 1\r\n\r\none\r\n--${BOUNDARY}junk\r\n--${BOUNDARY}\r\nA: 2\r\n\r\ntwo\r\n--${BOUNDARY}--`);
    const { parts } = parseWhole(BOUNDARY, raw);
    assert.deepEqual(
      parts.map((p) => [p.headers.a?.[0], p.content.toString()]),
      [
        ['1', 'one'],
        ['2', 'two'],
      ],
    );
  });

  it('treats a delimiter followed by a single dash or a lone CR as junk, not as the end', () => {
    const raw = Buffer.from(`--${BOUNDARY}-x\r\n--${BOUNDARY}\rx\r\n--${BOUNDARY}\r\nA: 1\r\n\r\nv\r\n--${BOUNDARY}--`);
    const { parts } = parseWhole(BOUNDARY, raw);
    assert.equal(parts.length, 1);
    assert.equal(parts[0]?.content.toString(), 'v');
  });

  it('is incomplete when the body is cut anywhere before the closing dashes, and end() says so', () => {
    const closing = body.lastIndexOf(Buffer.from(`--${BOUNDARY}--`)) + BOUNDARY.length + 3;
    for (let at = 0; at < closing; at += 1) {
      const parser = new MultipartParser(BOUNDARY, { partStart: () => undefined, partData: () => undefined, partEnd: () => undefined });
      parser.push(body.subarray(0, at));
      assert.equal(parser.complete, false, `cut at ${at}`);
      assert.throws(() => parser.end(), MultipartSyntaxError, `cut at ${at}`);
    }
    const parser = new MultipartParser(BOUNDARY, { partStart: () => undefined, partData: () => undefined, partEnd: () => undefined });
    parser.push(body.subarray(0, closing + 1));
    assert.equal(parser.complete, true);
    assert.doesNotThrow(() => parser.end());
  });

  it('reports a truncated file part as the end of its content only at a real delimiter', () => {
    const cut = body.subarray(0, body.indexOf(TRICKY) + 10);
    const result = parse(BOUNDARY, [cut]);
    assert.equal(result.complete, false);
    assert.equal(result.parts.length, 1, 'only the field before the file ended');
  });

  it('refuses parts without headers, malformed header lines and header blocks over 16 KiB', () => {
    const noop = { partStart: () => undefined, partData: () => undefined, partEnd: () => undefined };
    const cases = [
      `--${BOUNDARY}\r\n\r\nbody\r\n--${BOUNDARY}--`,
      `--${BOUNDARY}\r\nno colon here\r\n\r\nbody\r\n--${BOUNDARY}--`,
      `--${BOUNDARY}\r\n: empty name\r\n\r\nbody\r\n--${BOUNDARY}--`,
      `--${BOUNDARY}\r\nBad Name: x\r\n\r\nbody\r\n--${BOUNDARY}--`,
      `--${BOUNDARY}\r\nA: bare\rCR\r\n\r\nbody\r\n--${BOUNDARY}--`,
      `--${BOUNDARY}\r\n folded first\r\n\r\nbody\r\n--${BOUNDARY}--`,
      `--${BOUNDARY}\r\nA: ${'x'.repeat(17 * 1024)}\r\n\r\nbody\r\n--${BOUNDARY}--`,
    ];
    for (const text of cases) {
      assert.throws(() => new MultipartParser(BOUNDARY, noop).push(Buffer.from(text)), MultipartSyntaxError, JSON.stringify(text.slice(0, 40)));
    }
    const endless = new MultipartParser(BOUNDARY, noop);
    endless.push(Buffer.from(`--${BOUNDARY}\r\nA: 1\r\n`));
    assert.throws(() => endless.end(), { message: 'Malformed part header' });
  });

  it('counts the delimiter after the preamble as a part end (busboy counted parts the same way)', () => {
    assert.equal(parseWhole(BOUNDARY, body).ends, 4);
  });
});

describe('parsePartHeaders', () => {
  it('lower-cases names, keeps ISO-8859-1 bytes one character each, and keeps trailing whitespace of values', () => {
    const headers = parsePartHeaders(Buffer.concat([Buffer.from('Content-Disposition: form-data; filename="'), Buffer.from([0xfc]), Buffer.from('" \t')]));
    assert.deepEqual(headers['content-disposition'], ['form-data; filename="\u00fc" \t']);
  });
});
