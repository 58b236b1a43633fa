// Public surface of src/jobs.
export type { FileOrigin, JobService, SelectOptions } from './job-service.js';
