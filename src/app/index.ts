// Public surface of src/app: building and running the whole server.
import type * as FileAnalysis from './analyse.js';
import type * as OctoPrintImport from './import-octoprint/index.js';
export { createApp } from './create-app.js';
export type { App, AppOptions } from './create-app.js';
export { createLogger, redactUrl } from './logging.js';
export { AuditLog } from './audit-log.js';
export type { AuditEntry, AuditResult } from './audit-log.js';
export { UserAdmin } from './user-admin.js';
export type { AddUserOptions, AddedUser, UserSummary } from './user-admin.js';
export type { FileProgress, ImportOptions, ImportReport, Outcome, ReportEntry, Section } from './import-octoprint/index.js';
export { runningServerPid } from './server-pid.js';
export { migrateStore } from './store-migrate.js';
export type { StoreMigrateOptions } from './store-migrate.js';
export type { AnalysisProgress } from './analyse.js';

// The OctoPrint import and the one-off analysis are loaded by their commands only: `argonaut serve` (which loads
// this module on start) then never parses their code.
/** The OctoPrint import engine: `importOctoPrint`, `ImportRefusedError`, `ImportReport`. */
export const loadOctoPrintImport = (): Promise<typeof OctoPrintImport> => import('./import-octoprint/index.js');
/** `analyseFile`: one G-code file's analysis, with progress. */
export const loadFileAnalysis = (): Promise<typeof FileAnalysis> => import('./analyse.js');
