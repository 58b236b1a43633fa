// Printer profiles as OctoPrint has them: the default profile, deep merge, and validation into a clean profile.

export interface AxisSettings {
  speed: number;
  inverted: boolean;
}

export interface CustomBox {
  x_min: number;
  y_min: number;
  z_min: number;
  x_max: number;
  y_max: number;
  z_max: number;
}

export interface PrinterProfile {
  id: string;
  name: string;
  model: string;
  color: string;
  volume: { width: number; depth: number; height: number; formFactor: 'rectangular' | 'circular'; origin: 'lowerleft' | 'center'; custom_box: false | CustomBox };
  heatedBed: boolean;
  heatedChamber: boolean;
  extruder: { count: number; offsets: Array<[number, number]>; nozzleDiameter: number; sharedNozzle: boolean; defaultExtrusionLength: number };
  axes: { x: AxisSettings; y: AxisSettings; z: AxisSettings; e: AxisSettings };
}

export const DEFAULT_PROFILE_ID = '_default';

export function defaultProfile(): PrinterProfile {
  return {
    id: DEFAULT_PROFILE_ID,
    name: 'Default',
    model: 'Generic RepRap Printer',
    color: 'default',
    volume: { width: 200, depth: 200, height: 200, formFactor: 'rectangular', origin: 'lowerleft', custom_box: false },
    heatedBed: true,
    heatedChamber: false,
    extruder: { count: 1, offsets: [[0, 0]], nozzleDiameter: 0.4, sharedNozzle: false, defaultExtrusionLength: 5 },
    axes: {
      x: { speed: 6000, inverted: false },
      y: { speed: 6000, inverted: false },
      z: { speed: 200, inverted: false },
      e: { speed: 300, inverted: false },
    },
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep merge: objects merge key by key, anything else in `patch` replaces. */
export function mergeDeep(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch === undefined ? base : patch;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) result[key] = key in base ? mergeDeep(base[key], value) : value;
  return result;
}

/** OctoPrint's id rule: letters, digits and `-_.()`, spaces become `_`; a slash or backslash is refused (null). */
export function sanitizeProfileId(id: string): string | null {
  if (id.includes('/') || id.includes('\\')) return null;
  const cleaned = [...id].filter((c) => /[-_.() A-Za-z0-9]/.test(c)).join('').replace(/ /g, '_');
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? null : cleaned;
}

function toNumber(value: unknown, integer = false): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) return null;
  return integer ? Math.trunc(number) : number;
}

function toBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === 'string' && ['true', 'false'].includes(value.toLowerCase())) return value.toLowerCase() === 'true';
  return null;
}

/**
 * Validates a profile (already merged over the defaults) and returns it with numbers and booleans normalised,
 * or a reason why it is invalid. Unknown keys are dropped.
 */
export function validateProfile(input: unknown): { profile: PrinterProfile } | { error: string } {
  const merged = mergeDeep(defaultProfile(), input) as Record<string, unknown>;
  const v = merged.volume as Record<string, unknown>;
  const ex = merged.extruder as Record<string, unknown>;
  const axes = merged.axes as Record<string, Record<string, unknown>>;
  if (!isObject(v) || !isObject(ex) || !isObject(axes)) return { error: 'volume, extruder and axes must be objects' };
  if (typeof merged.id !== 'string' || typeof merged.name !== 'string') return { error: 'id and name must be text' };
  const width = toNumber(v.width);
  const depth = toNumber(v.depth);
  const height = toNumber(v.height);
  if (width === null || depth === null || height === null || width <= 0 || depth <= 0 || height <= 0) return { error: 'volume must have positive width, depth and height' };
  if (v.formFactor !== 'rectangular' && v.formFactor !== 'circular') return { error: 'volume.formFactor must be rectangular or circular' };
  if (v.origin !== 'lowerleft' && v.origin !== 'center') return { error: 'volume.origin must be lowerleft or center' };
  let customBox: false | CustomBox = false;
  if (v.custom_box !== false && v.custom_box !== null && v.custom_box !== undefined) {
    if (!isObject(v.custom_box)) return { error: 'volume.custom_box must be false or an object' };
    const box: Record<string, number> = {};
    for (const key of ['x_min', 'y_min', 'z_min', 'x_max', 'y_max', 'z_max']) {
      const value = toNumber(v.custom_box[key]);
      if (value === null) return { error: `volume.custom_box.${key} must be a number` };
      box[key] = value;
    }
    customBox = box as unknown as CustomBox;
  }
  const heatedBed = toBoolean(merged.heatedBed);
  const heatedChamber = toBoolean(merged.heatedChamber);
  if (heatedBed === null || heatedChamber === null) return { error: 'heatedBed and heatedChamber must be true or false' };
  const count = toNumber(ex.count, true);
  const nozzle = toNumber(ex.nozzleDiameter);
  const sharedNozzle = toBoolean(ex.sharedNozzle);
  const extrusionLength = toNumber(ex.defaultExtrusionLength);
  if (count === null || count < 1 || nozzle === null || nozzle <= 0 || sharedNozzle === null || extrusionLength === null) {
    return { error: 'extruder must have a count of at least 1, a positive nozzleDiameter, sharedNozzle and defaultExtrusionLength' };
  }
  if (!Array.isArray(ex.offsets)) return { error: 'extruder.offsets must be a list of [x, y]' };
  const offsets: Array<[number, number]> = [];
  for (const offset of ex.offsets) {
    const x = Array.isArray(offset) ? toNumber(offset[0]) : null;
    const y = Array.isArray(offset) ? toNumber(offset[1]) : null;
    if (x === null || y === null) return { error: 'extruder.offsets must be a list of [x, y]' };
    offsets.push([x, y]);
  }
  while (offsets.length < count) offsets.push([0, 0]);
  const axisSettings: Record<string, AxisSettings> = {};
  for (const axis of ['x', 'y', 'z', 'e']) {
    const speed = toNumber(axes[axis]?.speed, true);
    const inverted = toBoolean(axes[axis]?.inverted);
    if (speed === null || speed <= 0 || inverted === null) return { error: `axes.${axis} must have a positive speed and inverted` };
    axisSettings[axis] = { speed, inverted };
  }
  return {
    profile: {
      id: merged.id,
      name: merged.name,
      model: typeof merged.model === 'string' ? merged.model : '',
      color: typeof merged.color === 'string' ? merged.color : 'default',
      volume: { width, depth: v.formFactor === 'circular' ? width : depth, height, formFactor: v.formFactor, origin: v.origin, custom_box: customBox },
      heatedBed,
      heatedChamber,
      extruder: {
        count,
        offsets: sharedNozzle ? [[0, 0]] : offsets.slice(0, count),
        nozzleDiameter: nozzle,
        sharedNozzle,
        defaultExtrusionLength: extrusionLength,
      },
      axes: axisSettings as PrinterProfile['axes'],
    },
  };
}
