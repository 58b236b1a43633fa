// A push parser of multipart bodies (RFC 2046 framing, as busboy reads it): Buffer.indexOf boundary search, no copies.
export type PartHeaders = Record<string, string[]>;

export interface MultipartListener {
  /** A part begins, with its header fields (names lower case, values as ISO-8859-1 text). */
  partStart(headers: PartHeaders): void;
  /** Content of the current part: a view into the pushed chunk (not a copy), never empty. */
  partData(data: Buffer): void;
  /** The current part (if any) ended at a delimiter. Also called for the first delimiter, after the preamble. */
  partEnd(): void;
}

export class MultipartSyntaxError extends Error {}

/** Header blocks longer than this are refused (Node's own limit for HTTP headers, and busboy's). */
const MAX_HEADER_BYTES = 16 * 1024;
const MAX_HEADER_PAIRS = 2000;
const CR = 13;
const LF = 10;
const DASH = 45;
const HEADER_END = Buffer.from('\r\n\r\n');

type State = 'discard' | 'body' | 'delimiter' | 'header' | 'done';

/** RFC 7230 tchar. */
function isTokenChar(code: number): boolean {
  if (code >= 0x30 && code <= 0x39) return true; // 0-9
  if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) return true; // a-z A-Z
  return code > 0x20 && code < 0x7f && "!#$%&'*+-.^_`|~".includes(String.fromCharCode(code));
}

/** Field value bytes: tab, visible ASCII, space and obs-text (0x80-0xFF). */
function isValueChar(code: number): boolean {
  return code === 9 || (code >= 0x20 && code !== 0x7f);
}

/** Parses a part's header block (without the final empty line); throws on malformed fields. */
export function parsePartHeaders(block: Buffer): PartHeaders {
  const headers: PartHeaders = Object.create(null) as PartHeaders;
  let pairs = 0;
  let name = '';
  let value = '';
  const flush = (): void => {
    if (name === '') return;
    pairs += 1;
    if (pairs < MAX_HEADER_PAIRS) (headers[name] ??= []).push(value);
  };
  let start = 0;
  while (start <= block.length) {
    let end = block.indexOf('\r\n', start);
    if (end === -1) end = block.length;
    const first = block[start];
    if (first === 32 || first === 9) {
      // A folded line continues the previous value (whitespace kept, line break dropped).
      if (name === '') throw new MultipartSyntaxError('Malformed part header');
      for (let i = start; i < end; i += 1) if (!isValueChar(block[i] ?? 0)) throw new MultipartSyntaxError('Malformed part header');
      value += block.toString('latin1', start, end);
    } else {
      flush();
      let colon = start;
      while (colon < end && isTokenChar(block[colon] ?? 0)) colon += 1;
      if (colon === start || colon === end || block[colon] !== 0x3a) throw new MultipartSyntaxError('Malformed part header');
      let at = colon + 1;
      while (at < end && (block[at] === 32 || block[at] === 9)) at += 1;
      for (let i = at; i < end; i += 1) if (!isValueChar(block[i] ?? 0)) throw new MultipartSyntaxError('Malformed part header');
      name = block.toString('latin1', start, colon).toLowerCase();
      value = block.toString('latin1', at, end);
    }
    start = end + 2;
  }
  flush();
  return headers;
}

/**
 * Feed it the body with `push` and call `end` when the body is over; malformed input throws a MultipartSyntaxError.
 * Like busboy: the preamble and the epilogue are ignored, a body may open with the delimiter without a line break
 * before it, anything but `--` or CRLF after a delimiter makes the bytes up to the next delimiter ignored, and a
 * part must have at least one header field.
 */
export class MultipartParser {
  private readonly delimiter: Buffer;
  private state: State = 'discard';
  /** Bytes held back from the end of the last chunk: they may begin a delimiter (or, in 'header', the header so far). */
  private carry: Buffer;
  /** Bytes after a delimiter (up to 2) while deciding between `--` and CRLF. */
  private after = Buffer.alloc(0);

  constructor(
    boundary: string,
    private readonly listener: MultipartListener,
  ) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
    this.carry = Buffer.from('\r\n'); // so that a delimiter at the very start of the body is found
  }

  /** True once the closing delimiter was read. */
  get complete(): boolean {
    return this.state === 'done';
  }

  push(chunk: Buffer): void {
    if (this.state === 'done' || chunk.length === 0) return;
    if (this.carry.length === 0) {
      this.scan(chunk);
      return;
    }
    const carry = this.carry;
    this.carry = Buffer.alloc(0);
    if (this.state === 'header' || chunk.length < this.delimiter.length) {
      // Small pieces (and header blocks, which are small) are joined; large chunks are never copied.
      this.scan(Buffer.concat([carry, chunk]));
      return;
    }
    // A delimiter may straddle the held-back bytes and this chunk: look for one starting inside the held-back bytes.
    const probe = Buffer.concat([carry, chunk.subarray(0, this.delimiter.length - 1)]);
    const at = probe.indexOf(this.delimiter);
    if (at !== -1 && at < carry.length) {
      if (at > 0) this.data(carry.subarray(0, at));
      this.delimiterFound();
      this.scan(chunk.subarray(at + this.delimiter.length - carry.length));
      return;
    }
    this.data(carry);
    this.scan(chunk);
  }

  /** The body is over: throws when it ended before the closing delimiter. */
  end(): void {
    if (this.state === 'done') return;
    if (this.state === 'header') throw new MultipartSyntaxError('Malformed part header');
    throw new MultipartSyntaxError('Unexpected end of form');
  }

  private scan(buffer: Buffer): void {
    let position = 0;
    while (position < buffer.length) {
      switch (this.state) {
        case 'done':
          return;
        case 'delimiter':
          position = this.afterDelimiter(buffer, position);
          break;
        case 'header':
          position = this.header(buffer, position);
          break;
        default: {
          const at = buffer.indexOf(this.delimiter, position);
          if (at !== -1) {
            if (at > position) this.data(buffer.subarray(position, at));
            this.delimiterFound();
            position = at + this.delimiter.length;
            break;
          }
          const keep = this.partialDelimiterAt(buffer, position);
          if (keep > position) this.data(buffer.subarray(position, keep));
          this.carry = buffer.subarray(keep);
          return;
        }
      }
    }
  }

  /** Where the longest tail of `buffer` (from `from`) that could begin a delimiter starts (buffer.length if none). */
  private partialDelimiterAt(buffer: Buffer, from: number): number {
    for (let i = Math.max(from, buffer.length - this.delimiter.length + 1); i < buffer.length; i += 1) {
      if (buffer[i] === CR && this.delimiter.compare(buffer, i, buffer.length, 0, buffer.length - i) === 0) return i;
    }
    return buffer.length;
  }

  private data(data: Buffer): void {
    if (this.state === 'body' && data.length > 0) this.listener.partData(data);
  }

  private delimiterFound(): void {
    this.listener.partEnd();
    this.state = 'delimiter';
    this.after = Buffer.alloc(0);
  }

  private afterDelimiter(buffer: Buffer, position: number): number {
    const needed = 2 - this.after.length;
    const taken = buffer.subarray(position, position + needed);
    this.after = Buffer.concat([this.after, taken]);
    if (this.after.length < 2) return position + taken.length;
    const [first, second] = this.after;
    if (first === DASH && second === DASH) {
      this.state = 'done';
      return buffer.length;
    }
    if (first === CR && second === LF) {
      this.state = 'header';
      return position + taken.length;
    }
    // Neither the closing `--` nor a line break: busboy ignores what follows up to the next delimiter. The two bytes
    // are searched again (they may begin that delimiter).
    this.state = 'discard';
    const rest = Buffer.concat([this.after, buffer.subarray(position + taken.length)]);
    this.after = Buffer.alloc(0);
    this.scan(rest);
    return buffer.length;
  }

  private header(buffer: Buffer, position: number): number {
    const end = buffer.indexOf(HEADER_END, position);
    if (buffer[position] === CR && buffer[position + 1] === LF) throw new MultipartSyntaxError('Malformed part header');
    const length = (end === -1 ? buffer.length : end + HEADER_END.length) - position;
    if (length > MAX_HEADER_BYTES) throw new MultipartSyntaxError('Malformed part header');
    if (end === -1) {
      this.carry = buffer.subarray(position);
      return buffer.length;
    }
    const headers = parsePartHeaders(buffer.subarray(position, end));
    this.state = 'body';
    this.listener.partStart(headers);
    return end + HEADER_END.length;
  }
}
