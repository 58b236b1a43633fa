// A small scripted Marlin stand-in for driver tests: checks line numbers and checksums, records what it accepted,
// and lets a test hold back answers or inject faults line by line. (The product's simulator is src/printer/virtual.)
import { parseFramedLine } from '../../src/printer/protocol/index.js';
import type { Disposable } from '../../src/shared/index.js';
import type { Transport } from '../../src/printer/transport/index.js';

export interface ScriptedFirmwareOptions {
  /** `sync` answers inside write(), `async` on the next macrotask, `manual` only when the test calls flush(). */
  mode?: 'sync' | 'async' | 'manual';
  /** Lines sent right after open (e.g. `start`). */
  greeting?: string[];
  /** Whether M115 reports AUTOREPORT_TEMP. */
  autoreport?: boolean;
  /** Never answer at all (a dead port). */
  silent?: boolean;
  /** The port and baud rate the transport reports (default SCRIPTED at 115200). */
  port?: string;
  baudrate?: number;
  /** Extra answers per command code, sent before the `ok`. */
  answers?: Record<string, string[]>;
}

export class ScriptedFirmware implements Transport {
  readonly port: string;
  readonly baudrate: number;
  /** Every command accepted (numbered lines in order; unnumbered ones too). */
  readonly accepted: string[] = [];
  /** Every raw line written by the host. */
  readonly written: string[] = [];
  private expected = 1;
  private lineListeners = new Set<(line: string) => void>();
  private closeListeners = new Set<(error?: Error) => void>();
  private pending: string[] = [];
  private open_ = false;
  /** Faults for the next numbered lines: `checksum` answers a resend, `drop-ok` loses the ok, `busy` says busy first. */
  readonly faults: Array<'checksum' | 'drop-ok' | 'busy' | null> = [];

  constructor(private readonly options: ScriptedFirmwareOptions = {}) {
    this.port = options.port ?? 'SCRIPTED';
    this.baudrate = options.baudrate ?? 115200;
  }

  async open(): Promise<void> {
    this.open_ = true;
    for (const line of this.options.greeting ?? []) this.answer(line);
  }

  get isOpen(): boolean {
    return this.open_;
  }

  write(raw: string): void {
    if (!this.open_) return;
    this.written.push(raw);
    if (this.options.silent) return;
    const parsed = parseFramedLine(raw);
    if (parsed.lineNumber !== null) {
      const fault = this.faults.shift() ?? null;
      const isReset = /^M110\b/.test(parsed.command);
      if (fault === 'checksum' || !parsed.checksumValid) {
        this.answer(`Error:checksum mismatch, Last Line: ${this.expected - 1}`);
        this.answer(`Resend: ${this.expected}`);
        this.answer('ok');
        return;
      }
      if (!isReset && parsed.lineNumber !== this.expected) {
        this.answer(`Error:Line Number is not Last Line Number+1, Last Line: ${this.expected - 1}`);
        this.answer(`Resend: ${this.expected}`);
        this.answer('ok');
        return;
      }
      this.expected = parsed.lineNumber + 1;
      if (fault === 'busy') this.answer('echo:busy: processing');
      this.execute(parsed.command, fault === 'drop-ok');
      return;
    }
    this.execute(parsed.command, false);
  }

  async close(): Promise<void> {
    if (!this.open_) return;
    this.open_ = false;
    for (const listener of [...this.closeListeners]) listener(undefined);
  }

  /** Simulates the cable being pulled. */
  unplug(): void {
    this.open_ = false;
    for (const listener of [...this.closeListeners]) listener(new Error('Serial port SCRIPTED was disconnected'));
  }

  onLine(listener: (line: string) => void): Disposable {
    this.lineListeners.add(listener);
    return { dispose: () => this.lineListeners.delete(listener) };
  }

  onClose(listener: (error?: Error) => void): Disposable {
    this.closeListeners.add(listener);
    return { dispose: () => this.closeListeners.delete(listener) };
  }

  /** Sends a line as if the firmware printed it. */
  send(line: string): void {
    for (const listener of [...this.lineListeners]) listener(line);
  }

  /** In manual mode: delivers the held answers. */
  flush(): void {
    const held = this.pending;
    this.pending = [];
    for (const line of held) this.send(line);
  }

  get held(): readonly string[] {
    return this.pending;
  }

  private execute(command: string, dropOk: boolean): void {
    this.accepted.push(command);
    const code = /^[GMT]\d+/.exec(command)?.[0] ?? '';
    for (const extra of this.options.answers?.[code] ?? []) this.answer(extra);
    if (code === 'M115') {
      this.answer('FIRMWARE_NAME:Marlin 2.1.2 (Scripted) SOURCE_CODE_URL:github.com/MarlinFirmware/Marlin PROTOCOL_VERSION:1.0 MACHINE_TYPE:Test EXTRUDER_COUNT:1');
      this.answer(`Cap:AUTOREPORT_TEMP:${this.options.autoreport ? 1 : 0}`);
      this.answer('Cap:EMERGENCY_PARSER:1');
    }
    if (dropOk) return;
    if (code === 'M105') this.answer('ok T:21.5 /0.0 B:20.1 /0.0 @:0 B@:0');
    else this.answer('ok');
  }

  private answer(line: string): void {
    const mode = this.options.mode ?? 'sync';
    if (mode === 'sync') this.send(line);
    else if (mode === 'async') setImmediate(() => this.open_ && this.send(line));
    else this.pending.push(line);
  }
}
