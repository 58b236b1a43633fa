// Reads a print file in big chunks and hands out its lines one by one (a PrintSource), tracking the byte position.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { PrintSource } from './print-source.js';

export const DEFAULT_CHUNK_SIZE = 256 * 1024;

export class FileLineReader implements PrintSource {
  private handle: FileHandle | null = null;
  private buffer = '';
  private index = 0;
  private eof = false;
  private closed = false;
  private readonly chunk: Buffer;
  private readOffset = 0;
  /** Bytes of the file handed out as lines so far (latin1 keeps one character per byte). */
  position = 0;

  private constructor(
    readonly path: string,
    readonly size: number,
    chunkSize: number,
  ) {
    this.chunk = Buffer.allocUnsafe(chunkSize);
  }

  /** Opens the file and reads its first chunk. */
  static async open(path: string, chunkSize = DEFAULT_CHUNK_SIZE): Promise<FileLineReader> {
    const handle = await open(path, 'r');
    const stat = await handle.stat();
    const reader = new FileLineReader(path, stat.size, chunkSize);
    reader.handle = handle;
    await reader.fill();
    return reader;
  }

  /** Starts again at `offset` (a restart or a resume from a position). */
  async seek(offset: number): Promise<void> {
    this.buffer = '';
    this.index = 0;
    this.eof = false;
    this.position = Math.max(0, Math.min(offset, this.size));
    this.readOffset = this.position;
    await this.fill();
  }

  nextLine(): string | null {
    const newline = this.buffer.indexOf('\n', this.index);
    if (newline < 0) {
      if (!this.eof || this.index >= this.buffer.length) return null;
      // The last line has no line ending.
      const last = this.buffer.slice(this.index);
      this.position += last.length;
      this.index = this.buffer.length;
      return last.endsWith('\r') ? last.slice(0, -1) : last;
    }
    let end = newline;
    if (end > this.index && this.buffer.charCodeAt(end - 1) === 13) end--;
    const line = this.buffer.slice(this.index, end);
    this.position += newline + 1 - this.index;
    this.index = newline + 1;
    return line;
  }

  get exhausted(): boolean {
    return this.eof && this.index >= this.buffer.length;
  }

  async fill(): Promise<void> {
    if (this.closed || this.eof || !this.handle) return;
    while (!this.eof) {
      const { bytesRead } = await this.handle.read(this.chunk, 0, this.chunk.length, this.readOffset);
      if (this.closed) return;
      this.readOffset += bytesRead;
      if (bytesRead === 0) this.eof = true;
      this.buffer = this.buffer.slice(this.index) + this.chunk.toString('latin1', 0, bytesRead);
      this.index = 0;
      if (bytesRead < this.chunk.length) this.eof = true;
      if (this.buffer.includes('\n') || this.eof) return;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const handle = this.handle;
    this.handle = null;
    void handle?.close().catch(() => undefined);
  }
}
