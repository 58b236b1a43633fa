// Splits a byte stream of concatenated JPEG images (ffmpeg's `-f mjpeg` output) into whole frames, each found once.

/** Largest frame accepted; a stream that never ends a frame within this is garbage and is dropped. */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

const MARKER = 0xff;
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;

/**
 * Feeds chunks in, calls `onFrame` with each complete JPEG (SOI to EOI). Walks the marker segments by their lengths
 * and scans only the entropy-coded data for the end marker, so bytes inside headers never end a frame early.
 */
export class JpegFrameSplitter {
  private buffer: Buffer = Buffer.alloc(0);
  /** Where scanning resumes inside `buffer`. */
  private offset = 0;
  private inScan = false;

  constructor(private readonly onFrame: (frame: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.findEnd();
      if (end === 'more') break;
      if (end === 'resync') continue;
      this.onFrame(this.buffer.subarray(0, end));
      this.buffer = this.buffer.subarray(end);
      this.offset = 0;
      this.inScan = false;
    }
    if (this.buffer.length > MAX_FRAME_BYTES) this.reset();
  }

  reset(): void {
    this.buffer = Buffer.alloc(0);
    this.offset = 0;
    this.inScan = false;
  }

  /** The end (exclusive) of the frame at the buffer's start, 'more' for more bytes, 'resync' after skipping junk. */
  private findEnd(): number | 'more' | 'resync' {
    const data = this.buffer;
    if (this.offset === 0) {
      if (data.length < 2) return 'more';
      if (data[0] !== MARKER || data[1] !== SOI) {
        const next = data.indexOf(Buffer.from([MARKER, SOI]), 1);
        this.buffer = next < 0 ? data.subarray(data.length - 1) : data.subarray(next);
        return next < 0 ? 'more' : 'resync';
      }
      this.offset = 2;
    }
    while (!this.inScan) {
      if (this.offset + 4 > data.length) return 'more';
      if (data[this.offset] !== MARKER) return this.dropFrame();
      const marker = data[this.offset + 1] as number;
      if (marker === MARKER) {
        this.offset += 1; // fill byte
        continue;
      }
      if (marker === EOI) return this.offset + 2;
      const length = data.readUInt16BE(this.offset + 2);
      if (length < 2) return this.dropFrame();
      this.offset += 2 + length;
      if (marker === SOS) this.inScan = true;
    }
    for (;;) {
      const at = data.indexOf(MARKER, this.offset);
      if (at < 0 || at + 1 >= data.length) {
        this.offset = at < 0 ? data.length : at;
        return 'more';
      }
      const next = data[at + 1] as number;
      if (next === EOI) return at + 2;
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === MARKER) {
        this.offset = at + (next === MARKER ? 1 : 2);
        continue;
      }
      // Another marker segment after the scan (progressive JPEGs have several scans).
      this.offset = at;
      this.inScan = false;
      return this.findEnd();
    }
  }

  private dropFrame(): 'resync' {
    this.buffer = this.buffer.subarray(1);
    this.offset = 0;
    this.inScan = false;
    return 'resync';
  }
}
