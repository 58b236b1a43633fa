// Public surface of src/shared: wire types of the OctoPrint API and small pure helpers.
export { DisposableStore, toDisposable } from './disposable.js';
export type { Disposable } from './disposable.js';
export { ArgonautError, NOT_OPERATIONAL, isArgonautError, notOperational } from './errors.js';
export type { ErrorCode } from './errors.js';
export { crashReport, processEntry, workerEntry } from './thread-start.js';
export type { CrashReport, ProcessEntry, WorkerEntry } from './thread-start.js';
export { ARGONAUT_VERSION, OCTOPRINT_API_VERSION, OCTOPRINT_SERVER_VERSION, VERSION_TEXT } from './version.js';
export type { GcodeAnalysis, GcodeArea, GcodeDimensions, GcodeFilamentUse, SlicerFilamentUse } from './wire/files.js';
export type { StateFlags } from './wire/printer.js';
export type { EventSubscription } from './wire/events.js';
export type { PrintHistoryEntry, PrintResult } from './wire/history.js';
export type { UnrenderedEntry } from './wire/timelapse.js';
