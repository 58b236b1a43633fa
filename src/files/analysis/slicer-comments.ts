// Recognises the figures slicers write in comments: their time estimate, filament use and filament diameter.

/** What the slicer comments of one file said so far. Lists are per tool. */
export interface SlicerInfo {
  /** Seconds. */
  estimatedSeconds?: number;
  /** mm per tool. */
  filamentLengths?: number[];
  /** cm³ per tool. */
  filamentVolumes?: number[];
  /** mm per tool. */
  filamentDiameters?: number[];
}

const SEMICOLON = 0x3b;

interface CommentRule {
  prefix: string;
  bytes: Uint8Array;
  apply(rest: string, info: SlicerInfo): void;
}

function rule(prefix: string, apply: (rest: string, info: SlicerInfo) => void): CommentRule {
  return { prefix, bytes: new TextEncoder().encode(prefix), apply };
}

/** Parses "4h 12m 35s", "1d 2h 3m", "1 hours 2 minutes" or a bare number of seconds; undefined if unreadable. */
export function parseDuration(text: string): number | undefined {
  const units: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };
  const pattern = /(\d+(?:\.\d+)?)\s*([a-zA-Z]*)/g;
  let total = 0;
  let found = false;
  for (const match of text.matchAll(pattern)) {
    const unit = (match[2] ?? '').toLowerCase();
    const factor = unit === '' ? 1 : units[unit.charAt(0)];
    if (factor === undefined) return undefined;
    total += Number(match[1]) * factor;
    found = true;
  }
  return found ? total : undefined;
}

/** "1.75, 1.75" or "34268.68" → numbers; "2.3m" with a unit keeps the number. Undefined if any item is not one. */
export function parseNumberList(text: string): number[] | undefined {
  const items = text.split(',').map((item) => parseFloat(item.trim()));
  return items.length > 0 && items.every((n) => Number.isFinite(n)) ? items : undefined;
}

function afterSeparator(rest: string): string {
  return rest.replace(/^\s*[=:,]?\s*/, '').trim();
}

function setEstimate(text: string, info: SlicerInfo, override: boolean): void {
  const seconds = parseDuration(text);
  if (seconds !== undefined && (override || info.estimatedSeconds === undefined)) info.estimatedSeconds = seconds;
}

function scaled(list: number[] | undefined, factor: number): number[] | undefined {
  return list?.map((n) => n * factor);
}

/** Comment rules, longest prefixes first where one prefix starts another. */
const RULES: CommentRule[] = [
  // PrusaSlicer, SuperSlicer, OrcaSlicer: "; estimated printing time (normal mode) = 4h 12m 35s".
  rule('estimated printing time (normal mode)', (rest, info) => setEstimate(afterSeparator(rest), info, true)),
  // OrcaSlicer / Bambu Studio header: "; model printing time: 1h 2m; total estimated time: 1h 5m 3s".
  rule('model printing time:', (rest, info) => {
    const total = /total estimated time:\s*([^;]+)/.exec(rest);
    if (total?.[1] !== undefined) setEstimate(total[1], info, false);
  }),
  rule('total estimated time:', (rest, info) => setEstimate(afterSeparator(rest), info, false)),
  // Cura: ";TIME:1234" (seconds).
  rule('TIME:', (rest, info) => setEstimate(rest.trim(), info, false)),
  // Simplify3D: ";   Build time: 1 hours 2 minutes".
  rule('Build time:', (rest, info) => setEstimate(rest.trim(), info, false)),
  rule('filament used [mm]', (rest, info) => {
    info.filamentLengths = parseNumberList(afterSeparator(rest)) ?? info.filamentLengths;
  }),
  rule('filament used [cm3]', (rest, info) => {
    info.filamentVolumes = parseNumberList(afterSeparator(rest)) ?? info.filamentVolumes;
  }),
  // Cura: ";Filament used: 1.2345m, 0.5m" (metres).
  rule('Filament used:', (rest, info) => {
    info.filamentLengths = scaled(parseNumberList(afterSeparator(rest)), 1000) ?? info.filamentLengths;
  }),
  // Simplify3D: ";   Filament length: 4712.3 mm" and ";   Plastic volume: 11334.8 mm^3".
  rule('Filament length:', (rest, info) => {
    info.filamentLengths = parseNumberList(afterSeparator(rest)) ?? info.filamentLengths;
  }),
  rule('Plastic volume:', (rest, info) => {
    info.filamentVolumes = scaled(parseNumberList(afterSeparator(rest)), 1 / 1000) ?? info.filamentVolumes;
  }),
  // Slic3r family: "; filament_diameter = 1.75,1.75"; Simplify3D: ";   filamentDiameter,1.75".
  rule('filament_diameter', (rest, info) => {
    info.filamentDiameters = parseNumberList(afterSeparator(rest)) ?? info.filamentDiameters;
  }),
  rule('filamentDiameter,', (rest, info) => {
    info.filamentDiameters = parseNumberList(rest.trim()) ?? info.filamentDiameters;
  }),
];

const FIRST_BYTES = new Set(RULES.map((r) => r.bytes[0] as number));

function matchesAt(bytes: Uint8Array, start: number, end: number, prefix: Uint8Array): boolean {
  if (end - start < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) {
    if (bytes[start + k] !== prefix[k]) return false;
  }
  return true;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i] as number);
  return text;
}

/**
 * Looks at one whole-line comment, `bytes[start..end)` starting with `;`, and records any slicer figure it holds.
 * Cheap for the many comments that are not slicer figures: they are rejected by their first bytes.
 */
export function readSlicerComment(bytes: Uint8Array, start: number, end: number, info: SlicerInfo): void {
  let i = start;
  if (bytes[i] === SEMICOLON) i++;
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
  if (i >= end || !FIRST_BYTES.has(bytes[i] as number)) return;
  for (const candidate of RULES) {
    if (matchesAt(bytes, i, end, candidate.bytes)) {
      candidate.apply(latin1(bytes, i + candidate.bytes.length, end), info);
      return;
    }
  }
}
