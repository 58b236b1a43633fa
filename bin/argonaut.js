#!/usr/bin/env node
// The argonaut command: runs the bundled server from dist/ (built by `npm ci` through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// The young generation starts at 1 MiB a half and V8 doubles it whenever a collection finds it busy: startup alone
// would grow it to 8 MiB, resident for good while the server idles. It does not grow while the command starts (for
// `serve`, until it listens), and grows as usual afterwards, under load (kept small for good it would cost the API
// a quarter of its throughput). Set before any code runs, so that the V8 code cache, checked against the flags, is
// made and read under the same ones.
setFlagsFromString('--semi-space-growth-factor=1');
const growYoungGenerationAgain = () => setFlagsFromString('--semi-space-growth-factor=2');

const argv = process.argv.slice(2);
// `analyse FILE` alone runs from a small bundle of the analysis (a third of the memory, and it starts sooner);
// anything else (options, --help) goes to the full command line.
const plainAnalyse = argv.length === 2 && (argv[0] === 'analyse' || argv[0] === 'analyze') && !argv[1].startsWith('-');
const analyseBundle = new URL('../dist/argonaut-analyse.cjs', import.meta.url);
const bundle = plainAnalyse && existsSync(analyseBundle) ? analyseBundle : new URL('../dist/argonaut.cjs', import.meta.url);
const launcher = new URL('../dist/cli/run-bundle.js', import.meta.url);
const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(bundle) && existsSync(launcher)) {
  // One CommonJS file compiled from a V8 code cache when there is one (src/cli/run-bundle.ts).
  const { runBundle } = await import(launcher.href);
  const { code } = await runBundle(fileURLToPath(bundle), argv);
  growYoungGenerationAgain();
  if (code !== 0) process.exitCode = code;
} else if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  process.stderr.write('argonaut: the server is not built yet; run `npm ci` (or `npm run build`) in the Argonaut folder first.\n');
  process.exit(1);
}
