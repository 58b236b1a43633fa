// Public surface of src/server/http.
export { collapseSlashes, createHttpApp } from './app.js';
export type { HttpServices } from './services.js';
