// Geometry of G2/G3 arcs: centre from I/J or R, swept angle, and which axis extremes the arc passes.

const TAU = 2 * Math.PI;

/** An arc in the XY plane, always described counter-clockwise from `startAngle` over `sweep` radians. */
export interface Arc {
  centerX: number;
  centerY: number;
  radius: number;
  /** Radians, counter-clockwise from +X, in [-π, π]. */
  startAngle: number;
  /** Radians, in (0, 2π]. */
  sweep: number;
}

/**
 * The arc from (x0, y0) to (x1, y1): centre offset (i, j) from the start, or radius `r` when given (negative for
 * the longer arc, as Marlin reads it). Returns undefined when no such arc exists (R shorter than half the chord,
 * zero radius), in which case firmware treats the move as invalid.
 */
export function arcBetween(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  clockwise: boolean,
  i: number | undefined,
  j: number | undefined,
  r: number | undefined,
): Arc | undefined {
  let centerX: number;
  let centerY: number;
  if (r !== undefined && i === undefined && j === undefined) {
    const dx = x1 - x0;
    const dy = y1 - y0;
    const chord = Math.hypot(dx, dy);
    const heightSquared = r * r - (chord / 2) * (chord / 2);
    if (chord === 0 || heightSquared < -1e-9) return undefined;
    const side = clockwise !== r < 0 ? -1 : 1;
    const height = Math.sqrt(Math.max(0, heightSquared));
    centerX = (x0 + x1) / 2 - (side * height * dy) / chord;
    centerY = (y0 + y1) / 2 + (side * height * dx) / chord;
  } else {
    centerX = x0 + (i ?? 0);
    centerY = y0 + (j ?? 0);
  }
  const radius = Math.hypot(x0 - centerX, y0 - centerY);
  if (radius === 0) return undefined;
  const from = Math.atan2(y0 - centerY, x0 - centerX);
  const to = Math.atan2(y1 - centerY, x1 - centerX);
  let sweep = clockwise ? from - to : to - from;
  if (sweep < 0) sweep += TAU;
  // Same start and end point: a full circle.
  if (sweep === 0 || (sweep < 1e-12 && x0 === x1 && y0 === y1)) sweep = TAU;
  return { centerX, centerY, radius, startAngle: clockwise ? to : from, sweep };
}

/** Whether the counter-clockwise sweep starting at `start` passes the angle `angle`. */
function passes(start: number, sweep: number, angle: number): boolean {
  let delta = (angle - start) % TAU;
  if (delta < 0) delta += TAU;
  return delta <= sweep;
}

/** The arc's extreme coordinates (its bounding box in XY). */
export function arcExtremes(arc: Arc, x0: number, y0: number, x1: number, y1: number): { minX: number; maxX: number; minY: number; maxY: number } {
  const { centerX, centerY, radius, startAngle, sweep } = arc;
  return {
    maxX: passes(startAngle, sweep, 0) ? centerX + radius : Math.max(x0, x1),
    maxY: passes(startAngle, sweep, Math.PI / 2) ? centerY + radius : Math.max(y0, y1),
    minX: passes(startAngle, sweep, Math.PI) ? centerX - radius : Math.min(x0, x1),
    minY: passes(startAngle, sweep, (3 * Math.PI) / 2) ? centerY - radius : Math.min(y0, y1),
  };
}

/** Firmware draws arcs as chords of about this length. */
const SEGMENT_MM = 1;
const MAX_SEGMENTS = 10_000;

/**
 * The chords firmware splits an arc into, each as [dx, dy, share of the whole move]; the last one ends exactly
 * at (x1, y1). The height change is spread the same way (`share`), as for a helix.
 */
export function* arcSegments(arc: Arc, clockwise: boolean, x0: number, y0: number, x1: number, y1: number): Generator<[number, number, number]> {
  const length = arc.sweep * arc.radius;
  const count = Math.max(1, Math.min(MAX_SEGMENTS, Math.floor(length / SEGMENT_MM)));
  const step = (clockwise ? -arc.sweep : arc.sweep) / count;
  const from = clockwise ? arc.startAngle + arc.sweep : arc.startAngle;
  let x = x0;
  let y = y0;
  for (let k = 1; k <= count; k++) {
    const angle = from + step * k;
    const nx = k === count ? x1 : arc.centerX + arc.radius * Math.cos(angle);
    const ny = k === count ? y1 : arc.centerY + arc.radius * Math.sin(angle);
    yield [nx - x, ny - y, 1 / count];
    x = nx;
    y = ny;
  }
}
