// Splits a stream of byte chunks into lines without copying, carrying a partial line across chunk boundaries.

const NEWLINE = 0x0a;
const CR = 0x0d;

/** Receives one line, `bytes[start..end)`, without its line ending. Valid only during the call. */
export type LineHandler = (bytes: Uint8Array, start: number, end: number) => void;

/** Longest line kept by default; the rest of a longer line is ignored (commands sit at the start of a line). */
export const DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

/**
 * Calls `onLine` for each `\n`- or `\r\n`-terminated line. Lines inside a chunk are handed over in place; only a
 * line split across chunks is copied into a fixed carry buffer, so memory stays bounded whatever the file size.
 * Lines longer than `maxLineLength` are cut at that length, the same way whether or not they span chunks.
 */
export class LineSplitter {
  private readonly carry: Uint8Array;
  private carryLength = 0;
  private carrying = false;

  constructor(
    private readonly onLine: LineHandler,
    private readonly maxLineLength = DEFAULT_MAX_LINE_LENGTH,
  ) {
    this.carry = new Uint8Array(maxLineLength);
  }

  push(chunk: Uint8Array): void {
    let start = this.finishCarry(chunk);
    if (start === -1) return;
    let newline = chunk.indexOf(NEWLINE, start);
    const max = this.maxLineLength;
    while (newline !== -1) {
      let end = newline - start > max ? start + max : newline;
      if (end > start && chunk[end - 1] === CR) end--;
      this.onLine(chunk, start, end);
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) {
      this.carrying = true;
      this.appendToCarry(chunk, start, chunk.length);
    }
  }

  /**
   * Like {@link push}, but the chunk's whole lines go to `onLines` in one call, as `chunk[start..stop)` where `stop`
   * is just past the chunk's last newline: the receiver splits them itself (e.g. while parsing) and cuts each at
   * the maximum length. A line begun in an earlier chunk still goes to `onLine`, and a partial line at the end is
   * carried as in `push`.
   */
  pushBlock(chunk: Uint8Array, onLines: LineHandler): void {
    let start = this.finishCarry(chunk);
    if (start === -1) return;
    const last = chunk.lastIndexOf(NEWLINE);
    if (last >= start) {
      onLines(chunk, start, last + 1);
      start = last + 1;
    }
    if (start < chunk.length) this.appendToCarry(chunk, start, chunk.length);
  }

  /** Hands over the last line when the input does not end with a newline. */
  end(): void {
    if (this.carrying) this.emitCarry();
  }

  /**
   * Completes a line begun in an earlier chunk with the start of this one: returns where the chunk's own lines
   * begin, or -1 when the chunk holds no newline and was carried whole.
   */
  private finishCarry(chunk: Uint8Array): number {
    if (!this.carrying) return 0;
    const newline = chunk.indexOf(NEWLINE);
    if (newline === -1) {
      this.appendToCarry(chunk, 0, chunk.length);
      return -1;
    }
    this.appendToCarry(chunk, 0, newline);
    this.emitCarry();
    return newline + 1;
  }

  private appendToCarry(chunk: Uint8Array, start: number, end: number): void {
    const room = this.maxLineLength - this.carryLength;
    const take = Math.min(room, end - start);
    if (take > 0) {
      this.carry.set(chunk.subarray(start, start + take), this.carryLength);
      this.carryLength += take;
    }
    this.carrying = true;
  }

  private emitCarry(): void {
    let end = this.carryLength;
    if (end > 0 && this.carry[end - 1] === CR) end--;
    this.carrying = false;
    this.carryLength = 0;
    this.onLine(this.carry, 0, end);
  }
}
