// Public surface of the OctoPrint import (`argonaut import-octoprint`): the engine and its report.
export { ImportRefusedError, importOctoPrint } from './import-octoprint.js';
export type { ImportOptions } from './import-octoprint.js';
export type { FileProgress } from './import-files.js';
export { ImportReport, SECTIONS } from './import-report.js';
export type { Outcome, ReportEntry, Section } from './import-report.js';
