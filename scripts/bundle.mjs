// Bundles the server into dist/argonaut.cjs (run by bin/argonaut.js with a V8 code cache), the analysis worker and the printer driver's process entry.
import { readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { externalImportsAsRequire, lazyDebugLogger, lazyHttp2, lazyRouterPrefixes, lazyStaticFileGlob, unusedSourcesDropped } from './bundle-plugins.mjs';

const root = new URL('..', import.meta.url).pathname;
/** Native bindings and packages that load files at run time stay outside the bundle (pino is inside: no pino transports are used). */
const external = ['@node-rs/argon2', 'serialport', '@serialport/*', 'bufferutil', 'utf-8-validate'];
const minify = {
  logLevel: 'warning',
  absWorkingDir: root,
  // Startup reads every byte of the bundle, and V8 keeps the source in memory (twice its size if one character is
  // not Latin-1): no whitespace or comments, ASCII only, licence comments in a .LEGAL.txt beside it. Names are kept,
  // so stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  legalComments: 'external',
};
const common = {
  ...minify,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  // Packages written as CommonJS call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __argonautRequire } from 'node:module'; const require = __argonautRequire(import.meta.url);" },
};
// Outputs of earlier builds: the ESM bundle with its chunks (their names carry a content hash), and code caches of
// an earlier bundle (bin/argonaut.js would reject them anyway, this only frees the space).
for (const name of readdirSync(new URL('../dist/', import.meta.url)).filter((file) => /^argonaut(-[A-Z0-9]+)?\.mjs(\.LEGAL\.txt)?$/.test(file))) {
  rmSync(new URL(`../dist/${name}`, import.meta.url));
}
rmSync(new URL('../dist/.code-cache', import.meta.url), { recursive: true, force: true });
// The server is one CommonJS file: Node 20 caches compiled code only for scripts run through node:vm, which
// bin/argonaut.js does (src/cli/code-cache.ts). With the cache, the code a command never runs costs little more than
// reading it, so the bundle is not split. It stays in dist/ itself: modules find the analysis and driver workers and
// the web UI relative to their own file (`import.meta.url`, which a CommonJS file gets from the injected shim).
/** What both CommonJS bundles share: one file for Node 20, import.meta given by the injected shim. */
const commonJsBundle = {
  ...minify,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external,
  inject: ['scripts/bundle-import-meta.js'],
  define: { 'import.meta.url': 'importMetaUrl', 'import.meta.resolve': 'importMetaResolve' },
};
await build({
  ...commonJsBundle,
  entryPoints: { argonaut: 'src/cli/index.ts' },
  outfile: 'dist/argonaut.cjs',
  plugins: [externalImportsAsRequire(external, root), lazyRouterPrefixes, lazyStaticFileGlob, lazyHttp2, lazyDebugLogger],
});
// `argonaut analyse FILE` alone: the analysis and the command, without the server (bin/argonaut.js picks it).
await build({
  ...commonJsBundle,
  entryPoints: { 'argonaut-analyse': 'src/cli/analyse-main.ts' },
  outfile: 'dist/argonaut-analyse.cjs',
  plugins: [unusedSourcesDropped],
});
await build({ ...common, entryPoints: ['src/files/analysis/queue/analysis-worker.ts'], outfile: 'dist/analysis-worker.js' });
await build({ ...common, entryPoints: ['src/printer/process/driver-entry.ts'], outfile: 'dist/driver-entry.js' });
await build({ ...common, entryPoints: ['src/printer/process/driver-launcher-worker.ts'], outfile: 'dist/driver-launcher-worker.js' });
