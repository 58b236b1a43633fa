// Heater names, labels and colours, and the table of readings the chart and the controls share.
import type { HeaterReading, TemperaturePoint } from '../../api/types.js';

const COLOURS: Record<string, string> = { tool0: '#e5534b', tool1: '#a371f7', tool2: '#d29922', bed: '#2f81f7', chamber: '#3fb950' };

export function heaterColour(heater: string): string {
  return COLOURS[heater] ?? '#8b949e';
}

export function heaterLabel(heater: string): string {
  if (heater === 'bed') return 'Bed';
  if (heater === 'chamber') return 'Chamber';
  const tool = /^tool(\d+)$/.exec(heater);
  return tool ? `Hotend ${Number(tool[1]) + 1}` : heater;
}

function isReading(value: unknown): value is HeaterReading {
  return typeof value === 'object' && value !== null && 'actual' in value;
}

/** Heater names in a stable order (tools, bed, chamber, others) over the whole history. */
export function heatersOf(points: readonly TemperaturePoint[]): string[] {
  const names = new Set<string>();
  for (const point of points.slice(-20)) {
    for (const [key, value] of Object.entries(point)) if (key !== 'time' && isReading(value)) names.add(key);
  }
  const rank = (name: string): string => (name.startsWith('tool') ? `0${name}` : name === 'bed' ? '1' : name === 'chamber' ? '2' : `3${name}`);
  return [...names].sort((a, b) => rank(a).localeCompare(rank(b)));
}

export function latestReading(points: readonly TemperaturePoint[], heater: string): HeaterReading | null {
  for (let i = points.length - 1; i >= 0; i -= 1) {
    const value = points[i]?.[heater];
    if (isReading(value)) return value;
  }
  return null;
}

/** uPlot's column data: times, then actual and target for each heater. */
export function chartColumns(points: readonly TemperaturePoint[], heaters: readonly string[]): Array<Array<number | null>> {
  const columns: Array<Array<number | null>> = [points.map((p) => p.time)];
  for (const heater of heaters) {
    const readings = points.map((p) => (isReading(p[heater]) ? (p[heater] as HeaterReading) : null));
    columns.push(readings.map((r) => r?.actual ?? null));
    columns.push(readings.map((r) => r?.target ?? null));
  }
  return columns;
}
