// Tests for finding ffmpeg: configured path, PATH search, and the bundled npm binary that really runs.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locateFfmpeg, locateFfprobe } from './ffmpeg-locate.js';

function fakeBinary(dir: string, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\necho fake\n');
  chmodSync(file, 0o755);
  return file;
}

describe('locateFfmpeg', () => {
  it('prefers a configured executable', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ffmpeg-locate-'));
    const configured = fakeBinary(dir, 'my-ffmpeg');
    assert.deepEqual(locateFfmpeg({ configured, searchPath: '' }), { path: configured, source: 'configured' });
  });

  it('ignores a configured path that is not there and searches PATH', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ffmpeg-locate-'));
    const onPath = fakeBinary(dir, 'ffmpeg');
    const found = locateFfmpeg({ configured: '/nonexistent/ffmpeg', searchPath: `/nonexistent${path.delimiter}${dir}` });
    assert.deepEqual(found, { path: onPath, source: 'system' });
  });

  it('falls back to the ffmpeg the npm package ships, and it runs', () => {
    const found = locateFfmpeg({ searchPath: '' });
    assert.equal(found?.source, 'bundled');
    const version = execFileSync(found!.path, ['-version'], { encoding: 'utf8' });
    assert.match(version, /^ffmpeg version/);
  });

  it('finds a bundled ffprobe that runs', () => {
    const found = locateFfprobe({ searchPath: '' });
    assert.equal(found?.source, 'bundled');
    assert.match(execFileSync(found!.path, ['-version'], { encoding: 'utf8' }), /^ffprobe version/);
  });
});
