// Position reports (M114): `X:0.00 Y:0.00 Z:0.00 E:0.00 Count X:0 Y:0 Z:0`, with `E0:`/`E1:` for several extruders.

export interface PositionReport {
  readonly x: number;
  readonly y: number;
  readonly z: number;
  /** The extruder position, or null when the report lists extruders separately. */
  readonly e: number | null;
  /** Per-extruder positions (`E0:`, `E1:`), empty when the report has a single `E:`. */
  readonly extruders: readonly number[];
}

const FLOAT = '[-+]?\\d*\\.?\\d+';
const POSITION = new RegExp(`^X:\\s*(${FLOAT})\\s*Y:\\s*(${FLOAT})\\s*Z:\\s*(${FLOAT})\\s*(?:E:\\s*(${FLOAT})|((?:E\\d+:\\s*${FLOAT}\\s*)+))`);
const EXTRUDER = new RegExp(`E(\\d+):\\s*(${FLOAT})`, 'g');

/** Parses the position part of an M114 answer; the `Count` part (stepper counts) is ignored. Null if not a position. */
export function parsePosition(line: string): PositionReport | null {
  const text = line.startsWith('ok ') ? line.slice(3).trimStart() : line.trimStart();
  const match = POSITION.exec(text);
  if (!match) return null;
  const extruders: number[] = [];
  if (match[5] !== undefined) {
    EXTRUDER.lastIndex = 0;
    for (let e = EXTRUDER.exec(match[5]); e !== null; e = EXTRUDER.exec(match[5])) extruders[Number(e[1])] = Number(e[2]);
  }
  return {
    x: Number(match[1]),
    y: Number(match[2]),
    z: Number(match[3]),
    e: match[4] === undefined ? null : Number(match[4]),
    extruders: Array.from(extruders, (value) => value ?? 0),
  };
}
