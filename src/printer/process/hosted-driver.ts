// HostedDriver: the printer driver as the driver process runs it, implementing every call of the contract.
import { PrinterDriver } from '../driver/index.js';
import type { PrinterDriverOptions, TemperatureHistoryPoint } from '../driver/index.js';
import type { DriverCalls, DriverConfig, HostedSnapshot, VirtualRecord } from './driver-contract.js';

export interface HostedDriverOptions extends PrinterDriverOptions {
  virtualRecord(): VirtualRecord;
  configure(config: DriverConfig): void;
}

export class HostedDriver extends PrinterDriver implements DriverCalls {
  private following = false;

  constructor(private readonly hosting: HostedDriverOptions) {
    super(hosting);
  }

  /** Whether the web side wants every terminal line. */
  get linesFollowed(): boolean {
    return this.following;
  }

  terminalLines(): string[] {
    return this.log.lines();
  }

  temperatureHistory(): TemperatureHistoryPoint[] {
    return this.temperatures.historyPoints();
  }

  followLines(active: boolean): void {
    this.following = active;
  }

  configure(config: DriverConfig): void {
    this.hosting.configure(config);
  }

  virtualRecord(): VirtualRecord {
    return this.hosting.virtualRecord();
  }

  /** The state the web side keeps: the snapshot with the SD card and print position folded in. */
  hostedSnapshot(): HostedSnapshot {
    return {
      ...this.snapshot(),
      sdFiles: [...this.sd.files],
      sdProgress: { position: this.sd.position, total: this.sd.total },
      printPosition: this.printPosition,
      sdTransfer: this.sdTransfer,
    };
  }
}
