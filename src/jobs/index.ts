// Public surface of src/jobs.
export type { FileOrigin, JobService, SelectOptions } from './job-service.js';
export { PrintJobService } from './print-job-service.js';
export type { JobFiles, PrintJobServiceOptions } from './print-job-service.js';
export { EMPTY_PROGRESS, jobInfo, progressInfo } from './job-data.js';
export type { CurrentData, JobInfo, ProgressInfo, SelectedFile } from './job-data.js';
export { estimateTimeLeft, expectedTotal } from './time-estimate.js';
export type { TimeEstimate, TimeEstimateInput, TimeLeftOrigin } from './time-estimate.js';
export { DEFAULT_HISTORY_LIMIT, PrintHistory } from './print-history.js';
export type { PrintHistoryEntry, PrintHistoryOptions, PrintResult } from './print-history.js';
export { DisplayProgress, MIN_DISPLAY_INTERVAL_MS, displayLines, displayText, formatTimeLeft } from './display-progress.js';
export type { DisplayClock, DisplayProgressOptions, DisplayProgressSettings } from './display-progress.js';
