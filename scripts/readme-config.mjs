// Regenerates the configuration table in README.md from the config schema (`npm run docs`).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const table = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'config', 'describe', '--markdown'], { cwd: root, encoding: 'utf8' });
const readme = readFileSync(`${root}README.md`, 'utf8');
const updated = readme.replace(
  /<!-- config-table:start -->[\s\S]*<!-- config-table:end -->/,
  `<!-- config-table:start -->\n${table.trim()}\n<!-- config-table:end -->`,
);
writeFileSync(`${root}README.md`, updated);
process.stdout.write('README.md configuration table updated\n');
