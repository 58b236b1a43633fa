// The values of OctoPrint's event command placeholders: the payload's keys plus {__currentZ}, {__filename}, {__now} and the rest.
import type { CurrentData } from '../../jobs/index.js';

/** A payload value as text, the way OctoPrint's str.format shows Python values (None, True, numbers, text). */
export function placeholderText(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** ISO 8601 local time without a zone, as Python's datetime.now().isoformat(). */
export function localIsoTime(epochMs: number): string {
  const date = new Date(epochMs);
  const local = new Date(epochMs - date.getTimezoneOffset() * 60_000);
  return `${local.toISOString().slice(0, 23)}000`;
}

export function placeholderValues(event: string, payload: unknown, current: CurrentData | null, now: number): Record<string, string> {
  let json = '{}';
  if (payload && typeof payload === 'object' && Object.keys(payload).length > 0) {
    try {
      json = JSON.stringify(payload);
    } catch {
      json = '';
    }
  }
  const values: Record<string, string> = {
    __currentZ: '-1',
    __eventname: event,
    __filename: 'NO FILE',
    __filepath: 'NO PATH',
    __progress: '0',
    __data: json,
    __json: json,
    __now: localIsoTime(now),
  };
  if (current) {
    if (current.currentZ !== null && current.currentZ !== undefined) values.__currentZ = String(current.currentZ);
    const file = current.job.file;
    if (file.name !== null) {
      values.__filename = file.name;
      values.__filepath = file.path ?? '';
      values.__fileorigin = file.origin ?? '';
      if (current.progress.completion !== null) values.__progress = String(Math.round(current.progress.completion));
    }
  }
  if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
    for (const [key, value] of Object.entries(payload as Record<string, unknown>)) values[key] = placeholderText(value);
  }
  return values;
}
