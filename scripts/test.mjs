// Runs the whole check: build, type check, lint, then every test file through node:test with tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const onlyTests = args.includes('--only-tests');
/** `--part=e2e`: the browser and benchmark tests alone; `--part=fast`: everything else. `npm test` runs both. */
const part = args.find((a) => a.startsWith('--part='))?.slice('--part='.length);
const filters = args.filter((a) => !a.startsWith('--'));
const E2E_PART = /^test\/e2e\/(ui-|bench-)/;

function run(label, command, commandArgs) {
  process.stdout.write(`\n▶ ${label}\n`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stdout.write(`✖ ${label} failed\n`);
    process.exit(result.status ?? 1);
  }
}

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...findTests(full));
    else if (entry.endsWith('.test.ts')) found.push(relative(root, full));
  }
  return found;
}

if (!onlyTests) {
  run('build', process.execPath, ['scripts/build.mjs']);
  run('type check', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json']);
  run('type check (web UI)', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'web/tsconfig.json']);
  run('type check (web UI tests)', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'web/tsconfig.test.json']);
  const lintPaths = ['src', 'web/src', 'test', 'bench', 'scripts', 'eslint-rules'].filter((p) => existsSync(join(root, p)));
  run('lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '--max-warnings', '0', ...lintPaths]);
}

let files = ['src', 'test', 'web', 'bench'].flatMap((d) => {
  try {
    return findTests(join(root, d));
  } catch {
    return [];
  }
}).sort();
if (filters.length > 0) files = files.filter((f) => filters.some((x) => f.includes(x)));
if (part === 'e2e') files = files.filter((f) => E2E_PART.test(f));
else if (part === 'fast') files = files.filter((f) => !E2E_PART.test(f));
else if (part !== undefined) {
  process.stdout.write(`unknown --part=${part} (fast or e2e)\n`);
  process.exit(2);
}
if (files.length === 0) {
  process.stdout.write('no test files found\n');
  process.exit(1);
}
run(`tests (${files.length} files)`, process.execPath, [
  '--import', 'tsx',
  '--test',
  '--test-concurrency=2',
  '--test-timeout=180000',
  '--test-reporter=spec',
  ...files,
]);
