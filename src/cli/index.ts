// Public surface of src/cli.
export { buildProgram, runCli } from './program.js';
