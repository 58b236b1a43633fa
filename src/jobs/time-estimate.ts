// Print time left: the best up-front estimate (past prints, the slicer's own figure, our analysis) corrected by measured pace.

export type TimeLeftOrigin = 'linear' | 'analysis' | 'estimate' | 'average' | 'mixed-analysis' | 'mixed-average';

export interface TimeEstimateInput {
  /** Fraction of the file sent, 0..1. */
  completion: number;
  /** Seconds spent printing so far (pauses excluded). */
  printTime: number;
  /** Average duration of earlier successful prints of this file with this profile. */
  averagePrintTime?: number | null;
  /** The slicer's own estimate embedded in the file. */
  slicerEstimate?: number | null;
  /** Our analyser's estimate. */
  analysisEstimate?: number | null;
}

export interface TimeEstimate {
  printTimeLeft: number | null;
  printTimeLeftOrigin: TimeLeftOrigin | null;
}

const usable = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

/** The up-front total and where it comes from: past prints first, then the slicer, then our analysis. */
export function expectedTotal(input: TimeEstimateInput): { total: number; origin: 'average' | 'analysis' } | null {
  if (usable(input.averagePrintTime)) return { total: input.averagePrintTime, origin: 'average' };
  if (usable(input.slicerEstimate)) return { total: input.slicerEstimate, origin: 'analysis' };
  if (usable(input.analysisEstimate)) return { total: input.analysisEstimate, origin: 'analysis' };
  return null;
}

/**
 * Seconds left. With an up-front total E, the remaining share E·(1−c) is scaled by how fast the print has
 * actually gone so far relative to E (k = printTime / (E·c), clamped to 0.25..4), trusted more as the
 * print advances (quadratically, fully from 30 % on); the start (heating, homing) counts little that way.
 * Without a total it falls back to OctoPrint's linear extrapolation.
 */
export function estimateTimeLeft(input: TimeEstimateInput): TimeEstimate {
  const c = Math.min(1, Math.max(0, input.completion));
  if (c >= 1) return { printTimeLeft: 0, printTimeLeftOrigin: expectedTotal(input)?.origin ?? 'linear' };
  const expected = expectedTotal(input);
  if (expected) {
    const remaining = expected.total * (1 - c);
    if (c <= 0.01 || input.printTime <= 0) return { printTimeLeft: Math.round(remaining), printTimeLeftOrigin: expected.origin };
    const pace = Math.min(4, Math.max(0.25, input.printTime / (expected.total * c)));
    const ramp = Math.min(1, (c - 0.01) / 0.29);
    const trust = ramp * ramp;
    const factor = 1 + (pace - 1) * trust;
    return { printTimeLeft: Math.max(0, Math.round(remaining * factor)), printTimeLeftOrigin: expected.origin === 'average' ? 'mixed-average' : 'mixed-analysis' };
  }
  if (c <= 0 || input.printTime <= 0) return { printTimeLeft: null, printTimeLeftOrigin: null };
  return { printTimeLeft: Math.max(0, Math.round((input.printTime * (1 - c)) / c)), printTimeLeftOrigin: 'linear' };
}
