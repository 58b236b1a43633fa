// Bundles the compiled server into dist/argonaut.mjs (+ the analysis and printer driver workers), so a start reads one file, not hundreds.
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
/** Native bindings and packages that load files or threads at run time stay outside the bundle. */
const external = ['@node-rs/argon2', 'serialport', '@serialport/*', 'pino', 'pino-pretty', 'thread-stream', 'bufferutil', 'utf-8-validate'];
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  logLevel: 'warning',
  absWorkingDir: root,
  // Packages written as CommonJS call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __argonautRequire } from 'node:module'; const require = __argonautRequire(import.meta.url);" },
};
await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/argonaut.mjs' });
await build({ ...common, entryPoints: ['src/files/analysis/queue/analysis-worker.ts'], outfile: 'dist/analysis-worker.js' });
await build({ ...common, entryPoints: ['src/printer/thread/driver-worker.ts'], outfile: 'dist/driver-worker.js' });
