// Motion limits used by the time estimate: defaults, and the M201/M203/M204/M205/M220 commands that change them.

/** Axis order of the per-axis arrays. */
export const AXIS_X = 0;
export const AXIS_Y = 1;
export const AXIS_Z = 2;
export const AXIS_E = 3;

/** Speeds in mm/s, accelerations in mm/s², all per axis in X, Y, Z, E order. */
export interface MachineLimits {
  maxFeedrate: [number, number, number, number];
  maxAcceleration: [number, number, number, number];
  maxJerk: [number, number, number, number];
  /** Acceleration of moves that extrude (M204 P). */
  printAcceleration: number;
  /** Acceleration of moves that only extrude or retract (M204 R). */
  retractAcceleration: number;
  /** Acceleration of moves without extrusion (M204 T). */
  travelAcceleration: number;
}

/**
 * Defaults when the file sets no limits: those of a common Marlin printer in the Prusa i3 class (the "normal mode"
 * machine limits PrusaSlicer assumes for its estimates). Any M201/M203/M204/M205 in the file replaces them.
 */
export function defaultMachineLimits(): MachineLimits {
  return {
    maxFeedrate: [500, 500, 12, 120],
    maxAcceleration: [9000, 9000, 500, 10000],
    maxJerk: [10, 10, 0.2, 2.5],
    printAcceleration: 1500,
    retractAcceleration: 1500,
    travelAcceleration: 1500,
  };
}

/** Reads a parameter of the current command: undefined when absent. */
export type ParameterReader = (letter: 'S' | 'P' | 'R' | 'T' | 'X' | 'Y' | 'Z' | 'E') => number | undefined;

function setAxes(target: number[], read: ParameterReader, scale: number, allowZero = false): void {
  const letters = ['X', 'Y', 'Z', 'E'] as const;
  letters.forEach((letter, axis) => {
    const value = read(letter);
    if (value !== undefined && (value > 0 || (allowZero && value === 0))) target[axis] = value * scale;
  });
}

/**
 * Applies a limit command to `limits`; returns false for other commands. `unitScale` converts the file's linear
 * units to mm (25.4 after G20).
 */
export function applyLimitCommand(code: number, read: ParameterReader, limits: MachineLimits, unitScale = 1): boolean {
  switch (code) {
    case 201: // max acceleration per axis
      setAxes(limits.maxAcceleration, read, unitScale);
      return true;
    case 203: // max feedrate per axis, mm/s
      setAxes(limits.maxFeedrate, read, unitScale);
      return true;
    case 204: {
      // S sets print and travel (old Marlin), P print, R retract, T travel
      const s = read('S');
      if (s !== undefined && s > 0) limits.printAcceleration = limits.travelAcceleration = s * unitScale;
      const p = read('P');
      if (p !== undefined && p > 0) limits.printAcceleration = p * unitScale;
      const r = read('R');
      if (r !== undefined && r > 0) limits.retractAcceleration = r * unitScale;
      const t = read('T');
      if (t !== undefined && t > 0) limits.travelAcceleration = t * unitScale;
      return true;
    }
    case 205: // jerk per axis, mm/s (other parameters are firmware specifics that do not change the estimate)
      setAxes(limits.maxJerk, read, unitScale, true);
      return true;
    default:
      return false;
  }
}
