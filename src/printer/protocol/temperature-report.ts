// Temperature reports: `T:210.0 /210.0 B:60.0 /60.0 T0:.. T1:.. C:.. @:0 B@:0`, alone or after `ok`.

export interface TemperatureReading {
  readonly actual: number;
  /** The target, or null when the report has none. */
  readonly target: number | null;
}

export interface TemperatureReport {
  /** Readings keyed like OctoPrint's API: `tool0`, `tool1`, ..., `bed`, `chamber`. */
  readonly heaters: Readonly<Record<string, TemperatureReading>>;
  /** Seconds left of a residency wait (`W:3`), null for `W:?`, absent when the report has no `W:`. */
  readonly waitRemaining?: number | null;
}

const ENTRY = /(?:^|\s)(B|C|T(\d*)):\s*([-+]?\d*\.?\d+)(?:\s*\/\s*([-+]?\d*\.?\d+))?/g;
const WAIT = /(?:^|\s)W:\s*(\?|\d+)/;

/** Quick test whether a line carries a temperature report. */
export function hasTemperatures(line: string): boolean {
  return /(?:^|\s)(?:T\d*|B|C):\s*[-+]?\d*\.?\d/.test(line);
}

/**
 * Parses the temperature entries of a line. A bare `T:` is tool 0 when the line has no numbered tools;
 * when `T0:`, `T1:` ... are present, `T:` only repeats the active tool and is ignored. Returns null without entries.
 */
export function parseTemperatures(line: string): TemperatureReport | null {
  const heaters: Record<string, TemperatureReading> = {};
  let bare: TemperatureReading | undefined;
  let numbered = false;
  let found = false;
  ENTRY.lastIndex = 0;
  for (let match = ENTRY.exec(line); match !== null; match = ENTRY.exec(line)) {
    const actual = Number(match[3]);
    if (!Number.isFinite(actual)) continue;
    const target = match[4] === undefined ? null : Number(match[4]);
    const reading: TemperatureReading = { actual, target: target !== null && Number.isFinite(target) ? target : null };
    found = true;
    const sensor = match[1];
    if (sensor === 'B') heaters.bed = reading;
    else if (sensor === 'C') heaters.chamber = reading;
    else if (match[2] === '' || match[2] === undefined) bare = reading;
    else {
      numbered = true;
      heaters[`tool${Number(match[2])}`] = reading;
    }
  }
  if (!found) return null;
  if (bare && !numbered) heaters.tool0 = bare;
  const wait = WAIT.exec(line);
  if (!wait) return { heaters };
  return { heaters, waitRemaining: wait[1] === '?' ? null : Number(wait[1]) };
}

/**
 * Formats readings the way Marlin prints them (`T:210.00 /210.00 B:60.00 /60.00 @:0 B@:0`), for simulators:
 * the bare `T:` is the active tool, and every tool is listed as `T0:`, `T1:` ... when there are several.
 */
export function formatTemperatures(
  tools: readonly TemperatureReading[],
  bed?: TemperatureReading,
  chamber?: TemperatureReading,
  activeTool = 0,
): string {
  const fmt = (r: TemperatureReading) => `${r.actual.toFixed(2)} /${(r.target ?? 0).toFixed(2)}`;
  const parts: string[] = [];
  const active = tools[activeTool] ?? tools[0];
  if (active) parts.push(`T:${fmt(active)}`);
  if (bed) parts.push(`B:${fmt(bed)}`);
  if (chamber) parts.push(`C:${fmt(chamber)}`);
  if (tools.length > 1) tools.forEach((tool, index) => parts.push(`T${index}:${fmt(tool)}`));
  parts.push('@:0');
  if (bed) parts.push('B@:0');
  return parts.join(' ');
}
