// The heaters of the virtual printer (tools, bed, chamber) and their Marlin-style temperature report.
import { formatTemperatures } from '../protocol/index.js';
import type { Clock } from '../protocol/index.js';
import { SimulatedHeater } from './simulated-heater.js';
import type { VirtualPrinterOptions } from './virtual-options.js';

export class HeaterBank {
  readonly tools: readonly SimulatedHeater[];
  readonly bed: SimulatedHeater | undefined;
  readonly chamber: SimulatedHeater | undefined;
  /** The active tool (T<n>). */
  activeTool = 0;

  constructor(options: VirtualPrinterOptions, clock: Clock) {
    const make = (heatingRate: number) =>
      new SimulatedHeater({ heatingRate, coolingRate: options.coolingRate, ambient: options.ambientTemperature }, clock);
    this.tools = Array.from({ length: options.extruders }, () => make(options.hotendHeatingRate));
    this.bed = options.heatedBed ? make(options.bedHeatingRate) : undefined;
    this.chamber = options.heatedChamber ? make(options.chamberHeatingRate) : undefined;
  }

  /** The tool heater `index` (the active tool when undefined), or undefined when there is no such tool. */
  tool(index: number | undefined): SimulatedHeater | undefined {
    return this.tools[index ?? this.activeTool];
  }

  /** `T:21.30 /0.00 B:21.30 /0.00 @:0 B@:0`, with T0:, T1: ... when there are several tools. */
  report(): string {
    const reading = (heater: SimulatedHeater) => ({ actual: heater.actual, target: heater.target });
    return formatTemperatures(this.tools.map(reading), this.bed && reading(this.bed), this.chamber && reading(this.chamber), this.activeTool);
  }

  /** Switches every heater off (M112 kill). */
  allOff(): void {
    for (const heater of [...this.tools, this.bed, this.chamber]) heater?.setTarget(0);
  }

  /** Sets every heater's temperature to its target at once (instant mode). */
  settleAll(): void {
    for (const heater of [...this.tools, this.bed, this.chamber]) heater?.settle();
  }
}
