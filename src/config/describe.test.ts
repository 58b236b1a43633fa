// The README documents every config.yaml key (regenerate with `npm run docs`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { configMarkdownTable, describeConfig } from './describe.js';

describe('config documentation', () => {
  it('gives every key a type, a default and a line of documentation', () => {
    const keys = describeConfig();
    assert.ok(keys.length > 50);
    for (const key of keys) assert.ok(key.doc.length > 5, key.path);
  });

  it('lists every key in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const missing = describeConfig()
      .filter((key) => !key.kept && !readme.includes(`\`${key.path}\``))
      .map((key) => key.path);
    assert.deepEqual(missing, [], 'run `npm run docs` to refresh the README table');
  });

  it("leaves OctoPrint's settings kept only for its clients out of the README table, and lists them with --all", () => {
    const kept = describeConfig().filter((key) => key.kept);
    assert.ok(kept.some((key) => key.path === 'serial.timeout.detectionFirst'));
    assert.equal(configMarkdownTable().includes('`serial.timeout.detectionFirst`'), false);
    assert.ok(configMarkdownTable({ kept: true }).includes('`serial.timeout.detectionFirst`'));
    assert.ok(configMarkdownTable().includes('`serial.timeout.detection`'));
  });
});
