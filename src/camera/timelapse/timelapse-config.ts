// The timelapse settings (webcam.timelapse) and the shapes OctoPrint shows them in: the REST config and the push message.
export type TimelapseType = 'off' | 'zchange' | 'timed';
export type RenderAfterPrint = 'always' | 'success' | 'failure' | 'off';

export interface TimelapseSettings {
  type: TimelapseType;
  fps: number;
  postRoll: number;
  renderAfterPrint: RenderAfterPrint;
  options: { interval: number; capturePostRoll: boolean; retractionZHop: number; minDelay: number };
}

export const TIMELAPSE_TYPES: readonly TimelapseType[] = ['off', 'zchange', 'timed'];
export const RENDER_AFTER_PRINT: readonly RenderAfterPrint[] = ['always', 'success', 'failure', 'off'];

/** `config` of GET /api/timelapse: the type's own fields, flat. */
export function restConfig(settings: TimelapseSettings | null): Record<string, unknown> {
  if (!settings || settings.type === 'off') return { type: 'off' };
  const common = { type: settings.type, postRoll: settings.postRoll, fps: settings.fps, renderAfterPrint: settings.renderAfterPrint };
  if (settings.type === 'zchange') return { ...common, retractionZHop: settings.options.retractionZHop, minDelay: settings.options.minDelay };
  return { ...common, interval: settings.options.interval, capturePostRoll: settings.options.capturePostRoll };
}

/** The push `timelapse` message: null when off, else the type with its options. */
export function pushConfig(settings: TimelapseSettings | null): Record<string, unknown> | null {
  if (!settings || settings.type === 'off') return null;
  const options =
    settings.type === 'zchange'
      ? { retractionZHop: settings.options.retractionZHop, minDelay: settings.options.minDelay }
      : { interval: settings.options.interval, capturePostRoll: settings.options.capturePostRoll };
  return { type: settings.type, postRoll: settings.postRoll, fps: settings.fps, renderAfterPrint: settings.renderAfterPrint, options };
}

/** Whether a print that ended this way gets its movie rendered. */
export function rendersAfter(setting: RenderAfterPrint, success: boolean): boolean {
  if (setting === 'always') return true;
  if (setting === 'off') return false;
  return success === (setting === 'success');
}
