// Records of the virtual printer (lines accepted, faults injected), in order, optionally bounded to the most recent entries.

export interface ReceivedLine {
  /** The line number it was sent with, or null for an unnumbered line. */
  readonly lineNumber: number | null;
  /** The command without line number and checksum. */
  readonly command: string;
}

export type FaultKind = 'checksum' | 'drop-ok' | 'busy' | 'error' | 'disconnect';

export interface InjectedFault {
  readonly fault: FaultKind;
  /** The line the fault hit (null for an unnumbered line). */
  readonly lineNumber: number | null;
}

export class BoundedLog<T> {
  private readonly entries: T[] = [];
  private start = 0;
  private total = 0;

  /** `limit` 0 keeps everything. */
  constructor(private readonly limit: number) {}

  add(entry: T): void {
    this.total++;
    if (this.limit === 0 || this.entries.length < this.limit) {
      this.entries.push(entry);
      return;
    }
    this.entries[this.start] = entry;
    this.start = (this.start + 1) % this.limit;
  }

  /** The kept entries, oldest first (the live array when unbounded, a copy once it wrapped). */
  list(): readonly T[] {
    if (this.start === 0) return this.entries;
    return [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
  }

  /** Every entry ever added, kept or not. */
  get count(): number {
    return this.total;
  }
}
