// Public surface of src/server/http.
export { collapseSlashes, createHttpApp } from './app.js';
export type { HttpServices } from './services.js';
export { announcedPath, httpTxtRecord, instanceName, octoprintTxtRecord } from './discovery/discovery-info.js';
export { runCommand } from './system/command-runner.js';
export { CommandLineError, splitCommandLine } from './system/command-line.js';
export { CommandStartError, runArgv } from './system/command-runner.js';
export type { CommandResult } from './system/command-runner.js';
export type { PowerApi } from './routes/psucontrol.js';
