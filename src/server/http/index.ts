// Public surface of src/server/http.
export { collapseSlashes, createHttpApp } from './app.js';
export type { HttpServices } from './services.js';
export { announcedPath, httpTxtRecord, instanceName, octoprintTxtRecord } from './discovery/discovery-info.js';
export { runCommand } from './system/command-runner.js';
