// Where the machine is and how it reads coordinates: position, absolute/relative modes, units and feedrate.
import { param } from './gcode-command-parser.js';
import type { GcodeCommand } from './gcode-command-parser.js';

const X = param('X');
const Y = param('Y');
const Z = param('Z');
const F = param('F');
const X_BIT = 1 << X;
const Y_BIT = 1 << Y;
const Z_BIT = 1 << Z;
const F_BIT = 1 << F;

/**
 * The machine's coordinates and modes as the file sets them. Positions live in typed arrays so that the move path
 * can hand them around without boxing a number.
 */
export class MachinePosition {
  /** X, Y, Z in mm. */
  readonly position = new Float64Array(3);
  /** Where the current move started (set by {@link moveTo}). */
  readonly start = new Float64Array(3);
  /** G91: coordinates are relative. */
  relative = false;
  /** M83 (or G91 with g90InfluencesExtruder): E is relative. */
  relativeE = false;
  /** mm per unit of the file (25.4 after G20). */
  unitScale = 1;
  /** mm/min. */
  private feedrate: number;
  private feedFactor = 1;
  /** The moves' speed in mm/s: the feedrate scaled by M220, worked out when either changes rather than per move. */
  speed: number;

  constructor(initialFeedrate: number) {
    this.feedrate = initialFeedrate;
    this.speed = (this.feedrate / 60) * this.feedFactor;
  }

  /** M220: `factor` times the file's feedrates. */
  setFeedFactor(factor: number): void {
    this.feedFactor = factor;
    this.speed = (this.feedrate / 60) * this.feedFactor;
  }

  /** A speed of `feedrate` mm/min scaled by M220, in mm/s. */
  scaledSpeed(feedrate: number): number {
    return (feedrate / 60) * this.feedFactor;
  }

  /**
   * Remembers the start, then moves to the command's target (absolute or relative) and takes its feedrate; returns
   * false when it names no axis.
   */
  moveTo(command: GcodeCommand): boolean {
    const mask = command.mask;
    const values = command.values;
    const scale = this.unitScale;
    const position = this.position;
    const relative = this.relative;
    const start = this.start;
    start[0] = position[0] as number;
    start[1] = position[1] as number;
    start[2] = position[2] as number;
    // A parameter without a number reads NaN (v === v is false), like an absent one.
    let moved = false;
    if ((mask & X_BIT) !== 0) {
      const x = values[X] as number;
      if (x === x) {
        position[0] = relative ? (position[0] as number) + x * scale : x * scale;
        moved = true;
      }
    }
    if ((mask & Y_BIT) !== 0) {
      const y = values[Y] as number;
      if (y === y) {
        position[1] = relative ? (position[1] as number) + y * scale : y * scale;
        moved = true;
      }
    }
    if ((mask & Z_BIT) !== 0) {
      const z = values[Z] as number;
      if (z === z) {
        position[2] = relative ? (position[2] as number) + z * scale : z * scale;
        moved = true;
      }
    }
    if ((mask & F_BIT) !== 0) {
      const f = values[F] as number;
      if (f === f && f !== 0) {
        this.feedrate = f * scale;
        this.speed = (this.feedrate / 60) * this.feedFactor;
      }
    }
    return moved;
  }
}
