// Does a timelapse render slow printing? G-code streaming (the driver and the instant virtual printer, as in
// streaming-bench.ts) measured alone and while ffmpeg renders a timelapse, at niceness 19, in a loop.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { locateFfmpeg, renderMovie } from '../src/camera/index.js';
import type { Figure } from './lib/results.js';
import { printOnce } from './streaming-bench.js';

export interface TimelapseBenchOptions {
  file: string;
  runs: number;
  /** Frames in the capture folder (640×480 JPEGs). */
  frames: number;
}

/** Renders the frames again and again until stopped; resolves with how many renders finished. */
function renderLoop(ffmpeg: string, captures: string, movies: string): { stop(): Promise<number> } {
  const abort = new AbortController();
  let finished = 0;
  const loop = (async () => {
    while (!abort.signal.aborted) {
      const request = { ffmpeg, captures, movies, prefix: 'bench', postfix: '', fps: 25, bitrate: '10000k', threads: 1, codec: 'libx264', flipH: false, flipV: false, rotate90: false };
      const outcome = await renderMovie(request, () => undefined, abort.signal);
      if (outcome.ok) finished += 1;
    }
  })();
  return {
    async stop() {
      abort.abort();
      await loop;
      return finished;
    },
  };
}

export async function benchTimelapse(options: TimelapseBenchOptions): Promise<Figure[]> {
  const ffmpeg = locateFfmpeg()?.path;
  if (!ffmpeg) throw new Error('no ffmpeg for the timelapse bench');
  const dir = mkdtempSync(path.join(tmpdir(), 'timelapse-bench-'));
  const captures = path.join(dir, 'tmp');
  mkdirSync(captures);
  try {
    execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=640x480:rate=25', '-frames:v', String(options.frames), '-q:v', '4', path.join(captures, 'bench-%d.jpg')]);
    await printOnce(options.file); // warm-up (JIT)
    const alone: number[] = [];
    const rendering: number[] = [];
    let renders = 0;
    for (let i = 0; i < options.runs; i += 1) {
      alone.push((await printOnce(options.file)).linesPerSecond);
      const loop = renderLoop(ffmpeg, captures, dir);
      await new Promise((resolve) => setTimeout(resolve, 300)); // ffmpeg is up and encoding
      rendering.push((await printOnce(options.file)).linesPerSecond);
      renders += await loop.stop();
    }
    const ratio = rendering.map((value, i) => (100 * value) / (alone[i] ?? value));
    const note = `ffmpeg (libx264, 1 thread, niceness 19) re-rendering ${options.frames} 640×480 frames throughout; ${renders} renders finished`;
    return [
      { name: 'streaming, no timelapse render', unit: 'lines/s', samples: alone, target: '≥ 15,000 lines/s', meets: (m) => m >= 15_000 },
      { name: 'streaming while a timelapse renders', unit: 'lines/s', samples: rendering, target: '≥ 15,000 lines/s', meets: (m) => m >= 15_000, note },
      { name: 'streaming rate kept during a render', unit: '%', samples: ratio, target: '≥ 90 %', meets: (m) => m >= 90, note: 'lines/s with a render ÷ lines/s without, per run' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
