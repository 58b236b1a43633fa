// Resend window: the last N numbered lines sent, so that the firmware's resend requests can be answered.

export interface SentLine {
  readonly lineNumber: number;
  readonly command: string;
}

export type ResendLookup =
  | { readonly ok: true; readonly lines: readonly SentLine[] }
  /**
   * `not-sent`: the line has not been sent yet (the firmware is ahead, e.g. it got the previous line twice);
   * `out-of-window`: the line is older than the window (or the window is empty) and cannot be resent.
   */
  | { readonly ok: false; readonly reason: 'not-sent' | 'out-of-window'; readonly oldest: number | null; readonly newest: number | null };

/** OctoPrint keeps 50 lines. */
export const DEFAULT_RESEND_WINDOW_SIZE = 50;

export class ResendWindow {
  private readonly commands: string[];
  private newest = -1;
  private count = 0;

  constructor(readonly capacity: number = DEFAULT_RESEND_WINDOW_SIZE) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('resend window capacity must be a positive integer');
    this.commands = new Array<string>(capacity).fill('');
  }

  /** Number of lines held. */
  get size(): number {
    return this.count;
  }

  /** Oldest and newest line numbers held, or null when empty. */
  get oldest(): number | null {
    return this.count === 0 ? null : this.newest - this.count + 1;
  }

  get latest(): number | null {
    return this.count === 0 ? null : this.newest;
  }

  /** Records a sent line. A number that does not follow the previous one (an M110 reset) starts the window afresh. */
  record(lineNumber: number, command: string): void {
    if (this.count > 0 && lineNumber !== this.newest + 1) this.clear();
    this.commands[lineNumber % this.capacity] = command;
    this.newest = lineNumber;
    if (this.count < this.capacity) this.count++;
  }

  /** The command sent as `lineNumber`, if still held. */
  get(lineNumber: number): string | undefined {
    if (this.count === 0 || lineNumber > this.newest || lineNumber < this.newest - this.count + 1) return undefined;
    return this.commands[lineNumber % this.capacity];
  }

  /** The lines to send again when the firmware asks for `lineNumber`: that line and every later one, in order. */
  linesFrom(lineNumber: number): ResendLookup {
    const oldest = this.oldest;
    if (oldest === null || lineNumber < oldest) return { ok: false, reason: 'out-of-window', oldest, newest: this.latest };
    if (lineNumber > this.newest) return { ok: false, reason: 'not-sent', oldest, newest: this.newest };
    const lines: SentLine[] = [];
    for (let n = lineNumber; n <= this.newest; n++) lines.push({ lineNumber: n, command: this.commands[n % this.capacity] ?? '' });
    return { ok: true, lines };
  }

  clear(): void {
    this.count = 0;
    this.newest = -1;
  }
}
