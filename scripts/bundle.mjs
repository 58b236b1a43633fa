// Bundles the compiled server into dist/argonaut.mjs (+ lazily loaded chunks, the analysis and printer driver workers), so a start reads few files.
import { readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
/** Native bindings and packages that load files at run time stay outside the bundle (pino is inside: no pino transports are used). */
const external = ['@node-rs/argon2', 'serialport', '@serialport/*', 'bufferutil', 'utf-8-validate'];
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  logLevel: 'warning',
  absWorkingDir: root,
  // Startup parses every byte of the bundle, and V8 keeps the source in memory (twice its size if one character is
  // not Latin-1): no whitespace or comments, ASCII only, licence comments in a .LEGAL.txt beside it. Names are kept,
  // so stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  legalComments: 'external',
  // Packages written as CommonJS call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __argonautRequire } from 'node:module'; const require = __argonautRequire(import.meta.url);" },
};
// Chunks of earlier builds (their names carry a content hash).
for (const name of readdirSync(new URL('../dist/', import.meta.url)).filter((file) => /^argonaut-[A-Z0-9]+\.mjs(\.LEGAL\.txt)?$/.test(file))) {
  rmSync(new URL(`../dist/${name}`, import.meta.url));
}
// Code reached only through import() (other commands, discovery, uploads, the OpenAPI document...) goes into chunks
// beside dist/argonaut.mjs that `serve` loads when first needed. Chunks stay in dist/ itself: modules find the
// analysis and driver workers and the web UI relative to their own file.
await build({
  ...common,
  entryPoints: { argonaut: 'src/cli/main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'argonaut-[hash]',
  outExtension: { '.js': '.mjs' },
});
await build({ ...common, entryPoints: ['src/files/analysis/queue/analysis-worker.ts'], outfile: 'dist/analysis-worker.js' });
await build({ ...common, entryPoints: ['src/printer/thread/driver-worker.ts'], outfile: 'dist/driver-worker.js' });
