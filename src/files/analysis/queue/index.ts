// Public surface of the analysis queue: the worker-thread queue and single-file analysis for the CLI.
export { AnalysisAbortedError, AnalysisQueue } from './analysis-queue.js';
export type { AnalysisProgressEvent, AnalysisQueueOptions, AnalysisRequest } from './analysis-queue.js';
export { analyseFile, DEFAULT_CHUNK_SIZE } from './analyse-file.js';
export type { AnalyseFileOptions, AnalysisProgress } from './analyse-file.js';
