// The TransportFactory of the app: serial ports plus named transports registered by others (the virtual printer as VIRTUAL).
import type { Disposable } from '../../shared/index.js';
import { toDisposable } from '../../shared/index.js';
import { listSerialPorts } from './port-listing.js';
import type { PortListingOptions } from './port-listing.js';
import { SerialTransport } from './serial-transport.js';
import type { SerialTransportOptions } from './serial-transport.js';
import type { Transport, TransportFactory } from './transport.js';

/** Creates an unopened transport for a named port at a baud rate. */
export type TransportCreator = (baudrate: number) => Transport;

export interface TransportFactoryOptions {
  /** How serial ports are listed (patterns, additional and blacklisted ports). */
  readonly listing?: PortListingOptions;
  /** Options of the serial transports created. */
  readonly serial?: SerialTransportOptions;
  /** Named transports offered besides serial ports, e.g. `{ VIRTUAL: (baud) => new VirtualPrinter(...) }`. */
  readonly named?: Readonly<Record<string, TransportCreator>>;
  /** Set false to offer named transports only (no serial ports listed or created). */
  readonly serialPorts?: boolean;
}

export class CombinedTransportFactory implements TransportFactory {
  private readonly named = new Map<string, TransportCreator>();

  constructor(private readonly options: TransportFactoryOptions = {}) {
    for (const [port, create] of Object.entries(options.named ?? {})) this.named.set(port, create);
  }

  /** Offers another named transport; disposing the result withdraws it. A name already registered is replaced. */
  register(port: string, create: TransportCreator): Disposable {
    this.named.set(port, create);
    return toDisposable(() => {
      if (this.named.get(port) === create) this.named.delete(port);
    });
  }

  /** True when `port` names a registered transport rather than a serial device. */
  isNamed(port: string): boolean {
    return this.named.has(port);
  }

  /** Serial ports first (sorted), then named transports in registration order. */
  async listPorts(): Promise<string[]> {
    const serial = this.options.serialPorts === false ? [] : await listSerialPorts(this.options.listing);
    const names = [...this.named.keys()];
    return [...serial.filter((port) => !this.named.has(port)), ...names];
  }

  create(port: string, baudrate: number): Transport {
    const named = this.named.get(port);
    if (named) return named(baudrate);
    if (this.options.serialPorts === false) throw new Error(`Unknown port ${port}`);
    return new SerialTransport(port, baudrate, this.options.serial);
  }
}

export function createTransportFactory(options: TransportFactoryOptions = {}): CombinedTransportFactory {
  return new CombinedTransportFactory(options);
}
