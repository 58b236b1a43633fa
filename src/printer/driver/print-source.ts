// PrintSource: where the lines of a host-streamed print come from (the jobs area reads files in chunks behind it).

export interface PrintSource {
  /** The next raw line (without line ending), or null when none is buffered right now. */
  nextLine(): string | null;
  /** True once every line of the file was returned by nextLine. */
  readonly exhausted: boolean;
  /** Buffers more lines; resolves when lines are available or the end was reached. Rejects on a read error. */
  fill(): Promise<void>;
  /** Releases the file. Safe to call twice. */
  close(): void;
}
