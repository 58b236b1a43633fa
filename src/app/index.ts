// Public surface of src/app: building and running the whole server.
export { createApp } from './create-app.js';
export type { App, AppOptions } from './create-app.js';
export { createLogger, redactUrl } from './logging.js';
