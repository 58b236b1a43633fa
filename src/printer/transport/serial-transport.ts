// SerialTransport: the Transport of a real printer, on serialport 13 with a line parser; errors become sentences users understand.
import type { Disposable } from '../../shared/index.js';
import { toDisposable } from '../../shared/index.js';
import { hangupAwareBinding } from './hangup-aware-binding.js';
import type { Transport } from './transport.js';

/** The part of serialport's stream the transport uses (SerialPort and SerialPortMock both have it). */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  close(callback?: (error: Error | null) => void): void;
  write(data: string): boolean;
  pipe<T extends NodeJS.WritableStream>(destination: T): T;
  on(event: 'close', listener: (error?: Error | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface SerialPortSettings {
  readonly path: string;
  readonly baudRate: number;
  readonly autoOpen: false;
}

export interface SerialTransportOptions {
  /** Builds the port object; defaults to serialport's `SerialPort` (tests pass a `SerialPortMock`). */
  readonly createPort?: (settings: SerialPortSettings) => SerialPortLike;
}

/** Turns a serialport error into a message for users. */
export function describeSerialError(path: string, error: Error): string {
  const text = error.message;
  if (/no such file|ENOENT/i.test(text)) return `Serial port ${path} does not exist (is the printer plugged in and switched on?)`;
  if (/permission denied|EACCES/i.test(text)) {
    return `No permission to open serial port ${path} (the user running Argonaut must be in the group owning the device, usually dialout)`;
  }
  if (/cannot lock port|resource temporarily unavailable|EBUSY|EAGAIN/i.test(text)) return `Serial port ${path} is in use by another program`;
  if (/not a typewriter|ENOTTY|inappropriate ioctl/i.test(text)) return `${path} is not a serial port`;
  return `Could not open serial port ${path}: ${text.replace(/^Error:?\s*/i, '')}`;
}

/** The message when an open port goes away on its own (cable pulled, printer switched off or reset by its USB chip). */
export function describeLostPort(path: string, error: Error | undefined): string {
  const reason = error?.message.replace(/^Error:?\s*/i, '').trim();
  return `The printer's serial port closed: ${path} went away (unplugged, or the printer was switched off)${reason ? ` [${reason}]` : ''}`;
}

export class SerialTransport implements Transport {
  private device: SerialPortLike | undefined;
  private readonly lineListeners = new Set<(line: string) => void>();
  private readonly closeListeners = new Set<(error?: Error) => void>();
  private state: 'new' | 'opening' | 'open' | 'closed' = 'new';
  private closing: Promise<void> | undefined;
  private closeEmitted = false;

  constructor(
    readonly port: string,
    readonly baudrate: number,
    private readonly options: SerialTransportOptions = {},
  ) {}

  async open(): Promise<void> {
    // serialport (and its native binding) is loaded only when a real port is opened: most starts never need it.
    const { ReadlineParser, SerialPort } = await import('serialport');
    if (this.state !== 'new') return Promise.reject(new Error(`Serial port ${this.port} was already opened once; create a new transport`));
    if (!Number.isInteger(this.baudrate) || this.baudrate <= 0) {
      return Promise.reject(new Error(`Invalid baud rate ${this.baudrate} for serial port ${this.port} (AUTO must be resolved before opening)`));
    }
    this.state = 'opening';
    const settings: SerialPortSettings = { path: this.port, baudRate: this.baudrate, autoOpen: false };
    let device: SerialPortLike;
    try {
      // SerialPort passes `binding` on to its stream (its type leaves it out): the stock binding, with hang-up aware reads.
      const withBinding = { ...settings, binding: hangupAwareBinding(SerialPort.binding) };
      device = this.options.createPort ? this.options.createPort(settings) : new SerialPort(withBinding);
    } catch (error) {
      this.state = 'closed';
      return Promise.reject(new Error(describeSerialError(this.port, error instanceof Error ? error : new Error(String(error)))));
    }
    this.device = device;
    device.on('error', () => {
      // Errors also surface through open()'s callback or a 'close' with an error; this listener only keeps them from being unhandled.
    });
    return new Promise((resolve, reject) => {
      device.open((error) => {
        if (error) {
          this.state = 'closed';
          reject(new Error(describeSerialError(this.port, error)));
          return;
        }
        this.state = 'open';
        const parser = device.pipe(new ReadlineParser({ delimiter: '\n', encoding: 'latin1' }));
        parser.on('data', (data: string) => this.emitLine(data.endsWith('\r') ? data.slice(0, -1) : data));
        device.on('close', (closeError) => this.handleClose(closeError ?? undefined));
        resolve();
      });
    });
  }

  write(line: string): void {
    if (this.state !== 'open' || !this.device) return;
    this.device.write(`${line}\n`);
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    const device = this.device;
    if (this.state !== 'open' || !device) {
      this.state = 'closed';
      this.closing = Promise.resolve();
      return this.closing;
    }
    this.state = 'closed';
    this.closing = new Promise((resolve) => {
      if (!device.isOpen) {
        this.emitClose(undefined);
        resolve();
        return;
      }
      device.close(() => {
        this.emitClose(undefined);
        resolve();
      });
    });
    return this.closing;
  }

  onLine(listener: (line: string) => void): Disposable {
    this.lineListeners.add(listener);
    return toDisposable(() => this.lineListeners.delete(listener));
  }

  onClose(listener: (error?: Error) => void): Disposable {
    this.closeListeners.add(listener);
    return toDisposable(() => this.closeListeners.delete(listener));
  }

  private handleClose(error: Error | undefined): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.closing = Promise.resolve();
    this.emitClose(new Error(describeLostPort(this.port, error)));
  }

  private emitLine(line: string): void {
    for (const listener of this.lineListeners) listener(line);
  }

  private emitClose(error: Error | undefined): void {
    if (this.closeEmitted) return;
    this.closeEmitted = true;
    for (const listener of [...this.closeListeners]) listener(error);
    this.closeListeners.clear();
    this.lineListeners.clear();
  }
}
