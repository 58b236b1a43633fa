// The print-time model interface, the move buffer every model shares, and OctoPrint's model (distance over feedrate).

/** Slots of {@link TimeModel.next}. */
export const MOVE_DX = 0;
export const MOVE_DY = 1;
export const MOVE_DZ = 2;
export const MOVE_DE = 3;
export const MOVE_FEEDRATE = 4;

/** Receives the machine's motion in order and adds up the time it takes. */
export interface TimeModel {
  /**
   * The next straight move, written in place and taken by {@link commit}: deltas in mm (`de` signed, filament)
   * and feedrate in mm/s (> 0). The hot path passes moves this way so that no number is boxed per call.
   */
  readonly next: Float64Array;
  commit(): void;
  /** The same as writing {@link next} and committing. */
  move(dx: number, dy: number, dz: number, de: number, feedrate: number): void;
  /** The machine comes to a full stop (homing, waiting). */
  stop(): void;
  /** A pause after the machine stops (G4). */
  dwell(seconds: number): void;
  /** Seconds in total; the model is finished afterwards. */
  finish(): number;
}

/** What every model shares: the {@link TimeModel.next} buffer, and {@link TimeModel.move} as a write and a commit. */
export abstract class BufferedTimeModel {
  readonly next = new Float64Array(5);

  move(dx: number, dy: number, dz: number, de: number, feedrate: number): void {
    const next = this.next;
    next[MOVE_DX] = dx;
    next[MOVE_DY] = dy;
    next[MOVE_DZ] = dz;
    next[MOVE_DE] = de;
    next[MOVE_FEEDRATE] = feedrate;
    this.commit();
  }

  abstract commit(): void;
}

/**
 * OctoPrint's estimate: each move takes the larger of its XYZ distance and its extrusion divided by the feedrate;
 * dwells add their time; acceleration and machine limits are ignored, so it reads short for most prints.
 */
export class FeedrateTimeModel extends BufferedTimeModel implements TimeModel {
  private seconds = 0;

  override commit(): void {
    const next = this.next;
    const dx = next[MOVE_DX] as number;
    const dy = next[MOVE_DY] as number;
    const dz = next[MOVE_DZ] as number;
    const de = next[MOVE_DE] as number;
    const distance = Math.sqrt(dx * dx + dy * dy + dz * dz);
    const extrusion = de < 0 ? -de : de;
    this.seconds += (distance > extrusion ? distance : extrusion) / (next[MOVE_FEEDRATE] as number);
  }

  stop(): void {}

  dwell(seconds: number): void {
    this.seconds += seconds;
  }

  finish(): number {
    return this.seconds;
  }
}
