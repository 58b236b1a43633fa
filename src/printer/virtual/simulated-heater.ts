// A simulated heater: heats and cools at bounded rates, slowing near its target (a first-order approach), computed lazily from a clock.
import type { Clock } from '../protocol/index.js';

export interface HeaterCharacteristics {
  /** Maximum heating rate, °C per second. */
  readonly heatingRate: number;
  /** Maximum cooling rate, °C per second. */
  readonly coolingRate: number;
  /** Room temperature, where an unpowered heater settles. */
  readonly ambient: number;
}

/** Inverse time constant of the approach near the target, per second (about 2 s). */
const APPROACH = 0.5;

export class SimulatedHeater {
  private temperature: number;
  private goal = 0;
  private updatedAt: number;

  constructor(
    private readonly characteristics: HeaterCharacteristics,
    private readonly clock: Clock,
  ) {
    this.temperature = characteristics.ambient;
    this.updatedAt = clock.now();
  }

  get target(): number {
    return this.goal;
  }

  get actual(): number {
    this.advance();
    return this.temperature;
  }

  setTarget(target: number): void {
    this.advance();
    this.goal = Math.max(0, target);
  }

  /** Jumps to the target at once (instant mode). */
  settle(): void {
    this.advance();
    this.temperature = this.goal > 0 ? this.goal : this.characteristics.ambient;
  }

  /** True when within `window` of the target; `heatingOnly` is M109 S / M190 S (a cooler heater counts as reached). */
  reached(window: number, heatingOnly: boolean): boolean {
    const actual = this.actual;
    if (this.goal <= 0) return true;
    if (heatingOnly && actual >= this.goal - window) return true;
    return Math.abs(actual - this.goal) <= window;
  }

  private advance(): void {
    const now = this.clock.now();
    let dt = (now - this.updatedAt) / 1000;
    this.updatedAt = now;
    if (dt <= 0) return;
    const goal = this.goal > 0 ? this.goal : this.characteristics.ambient;
    const diff = goal - this.temperature;
    if (diff === 0) return;
    const rate = diff > 0 ? this.characteristics.heatingRate : this.characteristics.coolingRate;
    // Linear at the rate limit while far away, exponential within rate / APPROACH of the goal.
    const band = rate / APPROACH;
    const distance = Math.abs(diff);
    if (distance > band) {
      const linear = Math.min(dt, (distance - band) / rate);
      this.temperature += Math.sign(diff) * rate * linear;
      dt -= linear;
    }
    if (dt > 0) this.temperature = goal - (goal - this.temperature) * Math.exp(-APPROACH * dt);
  }
}
