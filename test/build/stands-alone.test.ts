// The repository stands alone: no test, script or benchmark reads a path beside the checkout, and every locked dependency supports the Node versions we declare.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import semver from 'semver';

const root = new URL('../../', import.meta.url).pathname;

/** Ways a file can reach out of the checkout: the workplace's shared folder beside it, or an absolute workplace path. */
const OUTSIDE = [/\.\.\/shared\/(fixtures|conformance|spec)/, /'\.\.',\s*'shared'/, /\/work\/(shared|main)\b/];

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...sourceFiles(full));
    else if (/\.(ts|tsx|mjs|js|cjs|json)$/.test(entry)) found.push(full);
  }
  return found;
}

describe('the repository stands alone', () => {
  it('reads nothing beside the checkout', () => {
    const offenders = ['src', 'test', 'bench', 'scripts', 'web', 'bin', 'eslint-rules']
      .flatMap((folder) => sourceFiles(join(root, folder)))
      .filter((file) => !file.endsWith('stands-alone.test.ts'))
      .filter((file) => OUTSIDE.some((pattern) => pattern.test(readFileSync(file, 'utf8'))))
      .map((file) => relative(root, file));
    assert.deepEqual(offenders, []);
  });

  it('keeps the G-code fixtures the tests and benchmarks read', () => {
    for (const name of ['bunny.gcode', 'torus.gcode', 'box.gcode', 'm3-nut-relative-e.gcode']) {
      assert.ok(statSync(join(root, 'test/fixtures/gcode', name)).size > 20_000, `${name} is in test/fixtures/gcode`);
    }
  });

  it('locks only packages that run on the lowest Node we declare', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    const lowest = semver.minVersion(manifest.engines.node);
    assert.ok(lowest, 'engines.node names a version');
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } | string[] }>;
    };
    const refusing = Object.entries(lock.packages)
      .filter(([, entry]) => entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
      .filter(([, entry]) => !semver.satisfies(lowest.version, (entry.engines as { node: string }).node))
      .map(([name, entry]) => `${name} wants node ${(entry.engines as { node: string }).node}`);
    assert.deepEqual(refusing, []);
  });
});
