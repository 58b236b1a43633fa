#!/usr/bin/env node
// The argonaut command: runs the bundled server from dist/ (built by `npm ci` through the prepare script).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/argonaut.mjs', import.meta.url);
const compiled = new URL('../dist/cli/main.js', import.meta.url);
const entry = existsSync(bundle) ? bundle : compiled;
if (!existsSync(entry)) {
  process.stderr.write('argonaut: the server is not built yet; run `npm ci` (or `npm run build`) in the Argonaut folder first.\n');
  process.exit(1);
}
await import(entry.href);
