// One-off G-code analysis of a file on disk, for `argonaut analyse FILE`.
export { analyseFile } from '../files/index.js';
export type { AnalysisProgress } from '../files/index.js';
