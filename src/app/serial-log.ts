// logs/serial.log: the printer's serial traffic while `serial.log` is on, rolled over at each connection and when large.
import { appendFile, rename } from 'node:fs/promises';
import { statSync } from 'node:fs';
import type { EventBus } from '../events/index.js';
import type { LogDirection, LogListener } from '../printer/index.js';
import type { Disposable } from '../shared/index.js';

export interface SerialLogOptions {
  /** The log file, e.g. `<basedir>/logs/serial.log`; old ones are `serial.log.1` (newest) to `serial.log.<backups>`. */
  file: string;
  /** The printer's terminal lines. */
  log: { onLine(listener: LogListener): Disposable };
  events: EventBus;
  /** Whether `serial.log` is on now... */
  enabled: () => boolean;
  /** ...and a way to hear when config.yaml changed. */
  onConfigChange: (listener: () => void) => Disposable;
  now?: () => number;
  /** A file this big is rolled over before more is written (default 10 MB). */
  maxBytes?: number;
  /** Old files kept (default 3). */
  backups?: number;
  /** Told when the file cannot be written (printing is not affected). */
  onError?: (error: Error) => void;
}

/** Buffered text is written at least this often, or when it reaches BUFFER_BYTES. */
const FLUSH_MS = 200;
const BUFFER_BYTES = 64 * 1024;
const PREFIX: Record<LogDirection, string> = { send: 'Send: ', recv: 'Recv: ', info: '' };

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Writes each terminal line as `2026-11-27 10:15:02,123 - Send: N12 G1 X10*34` (local time), as OctoPrint's serial.log does. */
export class SerialLog {
  private readonly subscriptions: Disposable[];
  private lines: Disposable | null = null;
  private buffer: string[] = [];
  private buffered = 0;
  private timer: NodeJS.Timeout | null = null;
  private pending: Promise<void> = Promise.resolve();
  private fileBytes: number;
  private second = -1;
  private secondText = '';
  private readonly now: () => number;
  private readonly maxBytes: number;
  private readonly backups: number;

  constructor(private readonly options: SerialLogOptions) {
    this.now = options.now ?? Date.now;
    this.maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
    this.backups = Math.max(1, options.backups ?? 3);
    this.fileBytes = sizeOf(options.file);
    this.subscriptions = [options.onConfigChange(() => this.apply()), options.events.on('Connecting', () => this.rollOver())];
    this.apply();
  }

  /** Stops listening and resolves once everything logged is on disk. */
  async close(): Promise<void> {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.lines?.dispose();
    this.lines = null;
    this.flush();
    await this.pending;
  }

  /** Resolves once everything logged so far is on disk. */
  async flushed(): Promise<void> {
    this.flush();
    await this.pending;
  }

  private apply(): void {
    const enabled = this.options.enabled();
    if (enabled && !this.lines) {
      this.lines = this.options.log.onLine((direction, text) => this.write(PREFIX[direction] + text));
      this.write('Serial logging is on (serial.log in config.yaml); it slows printing down a little');
    } else if (!enabled && this.lines) {
      this.write('Serial logging is off');
      this.lines.dispose();
      this.lines = null;
      this.flush();
    }
  }

  /** A new connection starts a new file, the old ones move down one place. */
  private rollOver(): void {
    if (!this.lines) return;
    this.flush();
    this.enqueue(() => this.rotate());
  }

  private write(text: string): void {
    const line = `${this.timestamp()} - ${text}\n`;
    this.buffer.push(line);
    this.buffered += line.length;
    if (this.buffered >= BUFFER_BYTES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.buffer.length === 0) return;
    const data = this.buffer.join('');
    this.buffer = [];
    this.buffered = 0;
    this.enqueue(async () => {
      const bytes = Buffer.byteLength(data);
      if (this.fileBytes > 0 && this.fileBytes + bytes > this.maxBytes) await this.rotate();
      await appendFile(this.options.file, data, 'utf8');
      this.fileBytes += bytes;
    });
  }

  private enqueue(step: () => Promise<void>): void {
    this.pending = this.pending.then(step).catch((error: unknown) => this.options.onError?.(error as Error));
  }

  private async rotate(): Promise<void> {
    const { file } = this.options;
    for (let index = this.backups - 1; index >= 1; index--) await renameIfThere(`${file}.${index}`, `${file}.${index + 1}`);
    await renameIfThere(file, `${file}.1`);
    this.fileBytes = 0;
  }

  private timestamp(): string {
    const now = this.now();
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      const date = new Date(now);
      this.second = second;
      this.secondText = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
    }
    return `${this.secondText},${pad(Math.floor(now - second * 1000), 3)}`;
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

async function renameIfThere(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
