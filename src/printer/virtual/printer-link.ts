// The wire between the virtual printer and its host: line and close listeners, and optional baud rate delays both ways.
import { toDisposable } from '../../shared/index.js';
import type { Disposable } from '../../shared/index.js';
import { WireDelay } from './wire-delay.js';

export class PrinterLink {
  private readonly lineListeners = new Set<(line: string) => void>();
  private readonly closeListeners = new Set<(error?: Error) => void>();
  private readonly wireIn: WireDelay | undefined;
  private readonly wireOut: WireDelay | undefined;
  private connected = true;

  /** With `emulateBaudrate`, every line takes 10 bits a byte at `baudrate` to arrive. */
  constructor(baudrate: number, emulateBaudrate: boolean) {
    if (emulateBaudrate) {
      this.wireIn = new WireDelay(baudrate);
      this.wireOut = new WireDelay(baudrate);
    }
  }

  onLine(listener: (line: string) => void): Disposable {
    this.lineListeners.add(listener);
    return toDisposable(() => this.lineListeners.delete(listener));
  }

  onClose(listener: (error?: Error) => void): Disposable {
    this.closeListeners.add(listener);
    return toDisposable(() => this.closeListeners.delete(listener));
  }

  /** Printer to host. */
  send(line: string): void {
    if (!this.connected) return;
    if (this.wireOut) this.wireOut.send(line.length + 1, () => this.deliver(line));
    else this.deliver(line);
  }

  /** Host to printer: `handle` gets the line once it has arrived. */
  receive(line: string, handle: (line: string) => void): void {
    if (!this.connected) return;
    if (this.wireIn) this.wireIn.send(line.length + 1, () => handle(line));
    else handle(line);
  }

  /** Cuts the wire: lines in transit are lost, close listeners hear `error` once. */
  disconnect(error: Error | undefined): void {
    if (!this.connected) return;
    this.connected = false;
    this.wireIn?.stop();
    this.wireOut?.stop();
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    this.lineListeners.clear();
    for (const listener of listeners) listener(error);
  }

  /** After disconnect(): resolves once the wire emulation has let go of everything (its helper threads ended). */
  async ended(): Promise<void> {
    await Promise.all([this.wireIn?.ended(), this.wireOut?.ended()]);
  }

  private deliver(line: string): void {
    if (!this.connected) return;
    for (const listener of this.lineListeners) listener(line);
  }
}
