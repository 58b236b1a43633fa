// The job and progress objects of GET /api/job and the push socket (OctoPrint's shapes), built from a selection.
import type { StateFlags } from '../printer/index.js';
import type { FileOrigin } from './job-service.js';
import { estimateTimeLeft } from './time-estimate.js';
import type { TimeLeftOrigin } from './time-estimate.js';

/** What is known about the selected file when it is selected. */
export interface SelectedFile {
  origin: FileOrigin;
  path: string;
  name: string;
  display: string;
  size: number | null;
  date: number | null;
  /** The uploader (metadata `user`), OctoPrint's `owner`. */
  owner: string | null;
  analysisEstimate: number | null;
  slicerEstimate: number | null;
  averagePrintTime: number | null;
  lastPrintTime: number | null;
  filament: Record<string, { length: number; volume: number }> | null;
}

export interface JobInfo {
  file: { name: string | null; path: string | null; display: string | null; origin: FileOrigin | null; size: number | null; date: number | null };
  estimatedPrintTime: number | null;
  averagePrintTime: number | null;
  lastPrintTime: number | null;
  /** Per tool; without a file OctoPrint's `{length: null, volume: null}`. */
  filament: Record<string, { length: number; volume: number }> | { length: null; volume: null } | null;
  user: string | null;
}

export interface ProgressInfo {
  completion: number | null;
  filepos: number | null;
  printTime: number | null;
  printTimeLeft: number | null;
  printTimeLeftOrigin: TimeLeftOrigin | null;
}

/** What the push socket sends as `current` (without temps and logs): OctoPrint's `get_current_data`. */
export interface CurrentData {
  state: { id: string; text: string; flags: StateFlags; error: string | null };
  job: JobInfo;
  progress: ProgressInfo;
  currentZ: number | null;
  offsets: Record<string, number>;
  resends: { count: number; transmitted: number; ratio: number };
  busyFiles: Array<{ origin: FileOrigin; path: string }>;
}

export const EMPTY_PROGRESS: ProgressInfo = { completion: null, filepos: null, printTime: null, printTimeLeft: null, printTimeLeftOrigin: null };

export function jobInfo(file: SelectedFile | null, user: string | null): JobInfo {
  if (!file) {
    return {
      file: { name: null, path: null, display: null, origin: null, size: null, date: null },
      estimatedPrintTime: null,
      averagePrintTime: null,
      lastPrintTime: null,
      filament: { length: null, volume: null },
      user: null,
    };
  }
  return {
    file: { name: file.name, path: file.path, display: file.display, origin: file.origin, size: file.size, date: file.date },
    estimatedPrintTime: file.slicerEstimate ?? file.analysisEstimate,
    averagePrintTime: file.averagePrintTime,
    lastPrintTime: file.lastPrintTime,
    filament: file.filament,
    user,
  };
}

/** Progress from the file position and the active print time (seconds). */
export function progressInfo(file: SelectedFile, filepos: number, printTime: number): ProgressInfo {
  const size = file.size ?? 0;
  const fraction = size > 0 ? Math.min(1, filepos / size) : 0;
  const left = estimateTimeLeft({
    completion: fraction,
    printTime,
    averagePrintTime: file.averagePrintTime,
    slicerEstimate: file.slicerEstimate,
    analysisEstimate: file.analysisEstimate,
  });
  return { completion: fraction * 100, filepos, printTime: Math.round(printTime), ...left };
}

const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** Reads the estimates and statistics of a local file's metadata (`analysis` as stored, `statistics`). */
export function fromMetadata(metadata: Record<string, unknown>, profileId: string | null): Pick<SelectedFile, 'analysisEstimate' | 'slicerEstimate' | 'averagePrintTime' | 'lastPrintTime' | 'filament' | 'owner'> {
  const analysis = record(metadata.analysis) ?? record(metadata.gcodeAnalysis);
  const statistics = record(metadata.statistics);
  const profile = profileId ?? '_default';
  const filament = record(analysis?.filament) as SelectedFile['filament'];
  return {
    analysisEstimate: number(analysis?.estimatedPrintTime),
    slicerEstimate: number(analysis?.slicerEstimatedPrintTime),
    averagePrintTime: number(record(statistics?.averagePrintTime)?.[profile]),
    lastPrintTime: number(record(statistics?.lastPrintTime)?.[profile]),
    filament: filament && Object.keys(filament).length > 0 ? filament : null,
    owner: typeof metadata.user === 'string' ? metadata.user : null,
  };
}
