// Public surface of src/shared: wire types of the OctoPrint API and small pure helpers.
export * from './disposable.js';
export * from './errors.js';
export * from './thread-start.js';
export * from './version.js';
export type * from './wire/files.js';
export type * from './wire/printer.js';
