// Temperatures: current readings (actual, target, offset) per heater and a history cut off after N minutes.
import type { Disposable } from '../../shared/index.js';
import type { TemperatureReport } from '../protocol/index.js';

export interface HeaterState {
  actual: number | null;
  target: number | null;
  offset: number;
}

/** One history point: `{time, tool0: {actual, target}, bed: {...}}` (time in whole seconds since the epoch). */
export interface TemperatureHistoryPoint {
  time: number;
  [heater: string]: { actual: number | null; target: number | null } | number;
}

export type TemperatureListener = (point: TemperatureHistoryPoint) => void;

/** Adds `point` to `history` and drops the points more than `cutoffMinutes` older than it. */
export function addHistoryPoint(history: TemperatureHistoryPoint[], point: TemperatureHistoryPoint, cutoffMinutes: number): void {
  history.push(point);
  const oldest = point.time - cutoffMinutes * 60;
  let drop = 0;
  while (drop < history.length && (history[drop]?.time ?? 0) < oldest) drop++;
  if (drop > 0) history.splice(0, drop);
}

/** Degrees around its target within which a heater counts as there (Marlin's TEMP_WINDOW / TEMP_BED_WINDOW are 1 to 3). */
export const TARGET_WINDOW = 3;
/** Seconds Marlin's M109/M190 keep waiting once a heater is within its window (TEMP_RESIDENCY_TIME, TEMP_BED_RESIDENCY_TIME). */
export const RESIDENCY_SECONDS = 10;

export class TemperatureTracker {
  private readonly heaters = new Map<string, HeaterState>();
  /** When each heater with a target last came within TARGET_WINDOW of it (wall clock, ms); absent while outside. */
  private readonly settledAt = new Map<string, number>();
  private readonly history: TemperatureHistoryPoint[] = [];
  private readonly listeners = new Set<TemperatureListener>();
  private readonly offsets = new Map<string, number>();

  constructor(
    private readonly cutoffMinutes: () => number,
    private readonly wallClock: () => number,
  ) {}

  /** Applies a temperature report from the firmware and records a history point. */
  update(report: TemperatureReport): void {
    for (const [name, reading] of Object.entries(report.heaters)) {
      const heater = this.heater(name);
      heater.actual = reading.actual;
      if (reading.target !== null) heater.target = reading.target;
    }
    const now = this.wallClock();
    for (const [name, heater] of this.heaters) {
      const inside = heater.target !== null && heater.target > 0 && heater.actual !== null && Math.abs(heater.actual - heater.target) <= TARGET_WINDOW;
      if (!inside) this.settledAt.delete(name);
      else if (!this.settledAt.has(name)) this.settledAt.set(name, now);
    }
    const point: TemperatureHistoryPoint = { time: Math.floor(now / 1000) };
    for (const [name, heater] of this.heaters) point[name] = { actual: heater.actual, target: heater.target };
    addHistoryPoint(this.history, point, this.cutoffMinutes());
    for (const listener of this.listeners) listener(point);
  }

  /** Records a target the host sent (M104/M140/...), before the firmware reports it. */
  setTarget(name: string, target: number): void {
    this.heater(name).target = target;
    this.settledAt.delete(name);
  }

  setOffsets(offsets: Record<string, number>): void {
    for (const [name, offset] of Object.entries(offsets)) {
      this.offsets.set(name, offset);
      this.heater(name).offset = offset;
    }
  }

  /** The offset for a heater (0 when none). */
  offset(name: string): number {
    return this.offsets.get(name) ?? 0;
  }

  /** True when any offset is not zero. */
  hasOffsets(): boolean {
    for (const offset of this.offsets.values()) if (offset !== 0) return true;
    return false;
  }

  /** Offsets that are not zero, OctoPrint's `offsets` object. */
  nonZeroOffsets(): Record<string, number> {
    const result: Record<string, number> = {};
    for (const [name, offset] of this.offsets) if (offset !== 0) result[name] = offset;
    return result;
  }

  /** `{tool0: {actual, target, offset}, bed: {...}}`; `{}` before the first report. */
  current(): Record<string, HeaterState> {
    const result: Record<string, HeaterState> = {};
    for (const [name, heater] of this.heaters) if (heater.actual !== null) result[name] = { ...heater };
    return result;
  }

  /**
   * True while a heat-up may still be on its way: a heater with a target is more than TARGET_WINDOW degrees away from
   * it, or came within it less than `holdMs` ago. Marlin's M109/M190 keep waiting for their residency inside the window
   * (and start over after an overshoot), so a heater just inside its window is not done yet.
   */
  heatingUnderWay(holdMs: number): boolean {
    const now = this.wallClock();
    for (const [name, heater] of this.heaters) {
      if (heater.target === null || heater.target <= 0 || heater.actual === null) continue;
      const settled = this.settledAt.get(name);
      if (settled === undefined || now - settled < holdMs) return true;
    }
    return false;
  }

  /** The history, oldest first (a copy). */
  historyPoints(): TemperatureHistoryPoint[] {
    return this.history.slice();
  }

  onUpdate(listener: TemperatureListener): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Forgets readings (after a disconnect); offsets and history stay. */
  resetReadings(): void {
    this.heaters.clear();
    this.settledAt.clear();
    for (const [name, offset] of this.offsets) this.heaters.set(name, { actual: null, target: null, offset });
  }

  private heater(name: string): HeaterState {
    let heater = this.heaters.get(name);
    if (!heater) {
      heater = { actual: null, target: null, offset: this.offsets.get(name) ?? 0 };
      this.heaters.set(name, heater);
    }
    return heater;
  }
}
