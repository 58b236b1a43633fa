// Builds the server (TypeScript → dist/, bundled into dist/argonaut.cjs) and the web UI (Vite → dist/web/).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
function step(label, args) {
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`build: ${label} failed\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`build: ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
step('server', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
step('server bundle', ['scripts/bundle.mjs']);
if (existsSync(new URL('../web/index.html', import.meta.url))) {
  step('web UI', ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
}
