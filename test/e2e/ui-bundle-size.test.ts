// The web UI's first load stays under 200 KiB gzipped: the page and every asset it references, measured on dist/web.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { ensureWebBuilt } from '../support/browser.js';

const WEB = new URL('../../dist/web/', import.meta.url).pathname;
const BUDGET = 200 * 1024;

describe('UI bundle size', () => {
  it('loads the page, scripts, styles and icon in under 200 KiB gzipped, all from this server', () => {
    ensureWebBuilt();
    const html = readFileSync(join(WEB, 'index.html'), 'utf8');
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    assert.ok(references.some((ref) => ref.endsWith('.js')) && references.some((ref) => ref.endsWith('.css')), `index.html references ${references.join(', ')}`);
    for (const ref of references) assert.match(ref, /^\.\/assets\//, `${ref} is a local asset`);
    const sizes = [['index.html', gzipSync(html, { level: 9 }).length] as const, ...references.map((ref) => [ref, gzipSync(readFileSync(join(WEB, ref)), { level: 9 }).length] as const)];
    const total = sizes.reduce((sum, [, size]) => sum + size, 0);
    console.log(`first load, gzipped: ${(total / 1024).toFixed(1)} KiB (${sizes.map(([name, size]) => `${name.replace('./assets/', '')} ${(size / 1024).toFixed(1)}`).join(', ')})`);
    assert.ok(total < BUDGET, `first load is ${(total / 1024).toFixed(1)} KiB gzipped`);
  });
});
