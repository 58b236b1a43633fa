// POST /api/timelapse's values, read the way OctoPrint reads them (form, JSON or query), into timelapse settings.
import { RENDER_AFTER_PRINT, TIMELAPSE_TYPES } from '../../../camera/index.js';
import type { RenderAfterPrint, TimelapseSettings, TimelapseType } from '../../../camera/index.js';
import { httpErrors } from '../errors.js';
import { isTruthy } from '../request-helpers.js';

/** The settings a POST asks for, or null when it names no `type` (then nothing changes). */
export function timelapseSettingsFrom(values: Record<string, unknown>, current: TimelapseSettings): TimelapseSettings | null {
  if (!('type' in values)) return null;
  const type = values.type;
  if (typeof type !== 'string' || !TIMELAPSE_TYPES.includes(type as TimelapseType)) throw httpErrors.badRequest(`type must be one of ${TIMELAPSE_TYPES.join(', ')}`);
  const settings: TimelapseSettings = {
    type: type as TimelapseType,
    postRoll: 0,
    fps: 25,
    renderAfterPrint: current.renderAfterPrint,
    options: { ...current.options },
  };
  if ('postRoll' in values) settings.postRoll = whole(values.postRoll, 'postRoll', 0);
  if ('fps' in values) settings.fps = whole(values.fps, 'fps', 1);
  if ('interval' in values) settings.options.interval = whole(values.interval, 'interval', 1);
  if ('retractionZHop' in values) settings.options.retractionZHop = decimal(values.retractionZHop, 'retractionZHop');
  if ('minDelay' in values) settings.options.minDelay = decimal(values.minDelay, 'minDelay');
  if ('capturePostRoll' in values) settings.options.capturePostRoll = isTruthy(values.capturePostRoll);
  if ('renderAfterPrint' in values) {
    const value = values.renderAfterPrint;
    if (typeof value !== 'string' || !RENDER_AFTER_PRINT.includes(value as RenderAfterPrint)) {
      throw httpErrors.badRequest(`renderAfterPrint must be one of ${RENDER_AFTER_PRINT.join(', ')}`);
    }
    settings.renderAfterPrint = value as RenderAfterPrint;
  }
  return settings;
}

function whole(value: unknown, name: string, min: number): number {
  const number = typeof value === 'number' ? Math.trunc(value) : typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(number) || number < min || number > 1_000_000) throw httpErrors.badRequest(`${name} must be a whole number of at least ${min}`);
  return number;
}

function decimal(value: unknown, name: string): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(number) || number < 0 || number > 1_000_000) throw httpErrors.badRequest(`${name} must be a number of at least 0`);
  return number;
}
