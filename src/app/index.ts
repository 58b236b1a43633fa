// Public surface of src/app: building and running the whole server.
export { createApp } from './create-app.js';
export type { App, AppOptions } from './create-app.js';
export { createLogger, redactUrl } from './logging.js';
export { AuditLog } from './audit-log.js';
export type { AuditEntry, AuditResult } from './audit-log.js';
export { UserAdmin } from './user-admin.js';
export type { AddUserOptions, UserSummary } from './user-admin.js';
export { ImportRefusedError, ImportReport, importOctoPrint } from './import-octoprint/index.js';
export type { FileProgress, ImportOptions, Outcome, ReportEntry, Section } from './import-octoprint/index.js';
export { runningServerPid } from './server-pid.js';
export { analyseFile } from './analyse.js';
export type { AnalysisProgress } from './analyse.js';
