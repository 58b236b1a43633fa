// Fault injection of the virtual printer: seeded draws per line for each configured fault, and a log of the hits.
import { BoundedLog } from './bounded-log.js';
import type { FaultKind, InjectedFault } from './bounded-log.js';
import { SeededRandom } from './seeded-random.js';
import type { VirtualPrinterOptions } from './virtual-options.js';

export class FaultInjector {
  private readonly random: SeededRandom;
  private readonly log: BoundedLog<InjectedFault>;
  private readonly rates: Readonly<Record<FaultKind, number>>;

  constructor(options: VirtualPrinterOptions) {
    this.random = new SeededRandom(options.seed);
    this.log = new BoundedLog<InjectedFault>(options.recordLimit);
    this.rates = {
      checksum: options.checksumErrorRate,
      'drop-ok': options.dropOkRate,
      busy: options.busyRate,
      error: options.errorRate,
      disconnect: options.disconnectRate,
    };
  }

  /** Draws whether `fault` hits the line now (no draw at all for a zero rate); a hit is logged. */
  hit(fault: FaultKind, lineNumber: number | null): boolean {
    if (!this.random.chance(this.rates[fault])) return false;
    this.log.add({ fault, lineNumber });
    return true;
  }

  get injected(): readonly InjectedFault[] {
    return this.log.list();
  }
}
