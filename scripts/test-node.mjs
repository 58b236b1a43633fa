// Runs the whole check (scripts/test.mjs) under another Node major, e.g. `node scripts/test-node.mjs 22`, with that Node taken from the registry's `node` package.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [major, ...rest] = process.argv.slice(2);
if (!/^\d+$/.test(major ?? '')) {
  process.stderr.write('usage: node scripts/test-node.mjs MAJOR [test.mjs arguments]\n');
  process.exit(2);
}

const prefix = join(root, 'node_modules', '.cache', `node-${major}`);
const binary = join(prefix, 'node_modules', 'node', 'bin', 'node');
if (!existsSync(binary)) {
  process.stdout.write(`Fetching Node ${major} from the npm registry into ${prefix} …\n`);
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), JSON.stringify({ private: true, allowScripts: { node: true } }));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const installed = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--prefix', prefix, `node@${major}`], { stdio: 'inherit' });
  if (installed.status !== 0 || !existsSync(binary)) {
    process.stderr.write(`Could not install Node ${major} from the registry.\n`);
    process.exit(installed.status || 1);
  }
}
const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
process.stdout.write(`Running the checks under Node ${version}\n`);
const result = spawnSync(binary, [join(root, 'scripts', 'test.mjs'), ...rest], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PATH: `${join(prefix, 'node_modules', 'node', 'bin')}:${process.env.PATH ?? ''}` },
});
process.exit(result.status ?? 1);
