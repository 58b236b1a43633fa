// renderMovie with the real ffmpeg: a process of its own at the lowest priority, so a render never runs in the server's event loop.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateJpegFrames, probeMovie } from '../../../test/support/jpeg-camera.js';
import { locateFfmpeg } from '../ffmpeg-locate.js';
import { ffmpegArguments, renderMovie } from './movie-render.js';
import type { RenderRequest } from './movie-render.js';

describe('renderMovie', () => {
  it('runs ffmpeg as a separate process at niceness 19 with the configured threads, reading the frames itself', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'movie-render-'));
    try {
      const captures = path.join(root, 'tmp');
      mkdirSync(captures);
      generateJpegFrames(10).forEach((frame, i) => writeFileSync(path.join(captures, `cube_20250301110000-${i}.jpg`), frame));
      const seen: Array<{ pid: number; niceness: number; command: string }> = [];
      const request: RenderRequest = {
        ffmpeg: locateFfmpeg()?.path ?? assert.fail('no ffmpeg'),
        captures,
        movies: root,
        prefix: 'cube_20250301110000',
        postfix: '',
        fps: 5,
        bitrate: '1000k',
        threads: 1,
        codec: 'libx264',
        flipH: false,
        flipV: false,
        rotate90: false,
        // Read at once, while ffmpeg cannot have been reaped yet.
        onStart: (pid) => seen.push({ pid, niceness: getPriority(pid), command: readFileSync(`/proc/${pid}/cmdline`, 'utf8') }),
      };
      const outcome = await renderMovie(request, () => undefined);
      assert.equal(outcome.ok, true);
      assert.equal(seen.length, 1);
      assert.notEqual(seen[0]!.pid, process.pid, 'ffmpeg is a process of its own');
      assert.equal(seen[0]!.niceness, 19, 'at the lowest CPU priority');
      // ffmpeg reads the frames from disk and writes the movie: nothing passes through the server's process.
      const argv = seen[0]!.command.split('\0');
      assert.deepEqual(argv.slice(argv.indexOf('-threads'), argv.indexOf('-threads') + 2), ['-threads', '1']);
      assert.ok(argv.includes(path.join(captures, 'cube_20250301110000-%d.jpg')));
      assert.deepEqual(argv.slice(1, -1), ffmpegArguments(request, 0, path.join(root, '.cube_20250301110000.mp4.part')), 'the argv, no shell');
      assert.equal(probeMovie(path.join(root, 'cube_20250301110000.mp4')).frames, 10);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
