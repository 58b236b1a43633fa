// G-code for the printer controls of the API: temperatures, jogging, homing, extrusion, tool change, feed and flow rate.

export type Axis = 'x' | 'y' | 'z';

export interface AxisSpeeds {
  x: number;
  y: number;
  z: number;
  e: number;
}

const fmt = (value: number) => String(+value.toFixed(4));

/** M104 T<n> S<t> for tools, M140 for the bed, M141 for the chamber; null for an unknown heater name. */
export function temperatureCommand(heater: string, target: number): string | null {
  const tool = /^tool(\d+)$/.exec(heater);
  if (tool) return `M104 T${Number(tool[1])} S${fmt(target)}`;
  if (heater === 'bed') return `M140 S${fmt(target)}`;
  if (heater === 'chamber') return `M141 S${fmt(target)}`;
  return null;
}

/** A relative (or absolute) move of the named axes, at the given speed or the slowest profile speed of those axes. */
export function jogCommands(axes: Partial<Record<Axis, number>>, relative: boolean, speeds: AxisSpeeds, speed?: number): string[] {
  const names = (Object.keys(axes) as Axis[]).filter((axis) => typeof axes[axis] === 'number');
  if (names.length === 0) return [];
  const feed = speed !== undefined && speed > 0 ? speed : Math.min(...names.map((axis) => speeds[axis]));
  const move = `G1 ${names.map((axis) => `${axis.toUpperCase()}${fmt(axes[axis] as number)}`).join(' ')} F${fmt(feed)}`;
  return relative ? ['G91', move, 'G90'] : ['G90', move];
}

/** G28 with the named axes (all axes when the list is empty). */
export function homeCommand(axes: readonly Axis[]): string {
  if (axes.length === 0) return 'G28';
  return `G28 ${axes.map((axis) => `${axis.toUpperCase()}0`).join(' ')}`;
}

/** Relative extrusion of `amount` mm (negative retracts). */
export function extrudeCommands(amount: number, speed: number): string[] {
  return ['G91', 'M83', `G1 E${fmt(amount)} F${fmt(speed)}`, 'M82', 'G90'];
}

/**
 * A rate in percent from an API factor: values below 10 are factors (1.1 → 110 %), others percent.
 * Throws RangeError outside [min, max] percent.
 */
export function ratePercent(factor: number, min: number, max: number): number {
  const percent = Math.abs(factor) < 10 ? Math.round(factor * 100) : Math.round(factor);
  if (!Number.isFinite(percent) || percent < min || percent > max) throw new RangeError(`factor must be between ${min} and ${max} percent`);
  return percent;
}

export function feedRateCommand(factor: number): string {
  return `M220 S${ratePercent(factor, 50, 200)}`;
}

export function flowRateCommand(factor: number): string {
  return `M221 S${ratePercent(factor, 75, 125)}`;
}

/** True when the text holds a character a command line must not: CR, LF or another control character. */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c === 127) return true;
  }
  return false;
}
