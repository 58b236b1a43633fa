// Transport: a line-oriented, bidirectional link to printer firmware (serial port or the virtual printer).
import type { Disposable } from '../../shared/index.js';

export interface Transport {
  /** The port name, e.g. `/dev/ttyUSB0` or `VIRTUAL`. */
  readonly port: string;
  readonly baudrate: number;
  /** Opens the link; rejects with an Error whose message a user understands. */
  open(): Promise<void>;
  /** Writes one line; `line` has no line ending, the transport adds `\n`. */
  write(line: string): void;
  /** Closes the link; resolves when closed. Safe to call twice. */
  close(): Promise<void>;
  /** Called for every line received from the firmware, without its line ending. */
  onLine(listener: (line: string) => void): Disposable;
  /** Called once when the link closes, with the error if it closed on its own because of one. */
  onClose(listener: (error?: Error) => void): Disposable;
}

export interface TransportFactory {
  /** Ports that can be offered to the user (e.g. `/dev/ttyUSB0`, `VIRTUAL`). */
  listPorts(): Promise<string[]>;
  /** Creates an unopened transport for the port. */
  create(port: string, baudrate: number): Transport;
}
