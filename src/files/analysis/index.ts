// Public surface of the G-code analyser: pure, streaming, no node:* imports.
export { GcodeAnalyser } from './gcode-analyser.js';
export type { GcodeAnalyserOptions } from './gcode-analyser.js';
export { filamentVolume } from './analysis-result.js';
export { defaultMachineLimits } from './machine-limits.js';
export type { MachineLimits } from './machine-limits.js';
export { MotionPlanner, trapezoidSeconds } from './motion-planner.js';
export { FeedrateTimeModel } from './time-model.js';
export type { TimeModel } from './time-model.js';
export { parseDuration } from './slicer-comments.js';
