// The print-time estimate of a file, from one source for the dashboard and Files: the slicer's if the file has one,
// else Argonaut's analysis; with the name of where it came from.
export interface AnalysisTimes {
  estimatedPrintTime?: number | null;
  slicerEstimatedPrintTime?: number | null;
}

export interface PrintEstimate {
  seconds: number | null;
  /** Where it came from, e.g. "slicer's estimate"; null when there is none. */
  origin: string | null;
}

const positive = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

export function printEstimate(analysis: AnalysisTimes | null | undefined): PrintEstimate {
  if (positive(analysis?.slicerEstimatedPrintTime)) return { seconds: analysis.slicerEstimatedPrintTime, origin: "slicer's estimate" };
  if (positive(analysis?.estimatedPrintTime)) return { seconds: analysis.estimatedPrintTime, origin: 'file analysis' };
  return { seconds: null, origin: null };
}
