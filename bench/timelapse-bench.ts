// Does a timelapse render slow printing? G-code streaming (the driver and the instant virtual printer, as in
// streaming-bench.ts) measured alone and while ffmpeg renders a timelapse, at niceness 19, in a loop. The two are
// measured in pairs, back to back, in alternating order (alone first, then rendering first), and compared pair by
// pair: on a shared machine the load moves between prints as much as a render could, so only neighbours compare.
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

/** Renders the frames again and again until stopped; `encoding` resolves once ffmpeg reports its first frames. */
function renderLoop(ffmpeg: string, captures: string, movies: string): { encoding: Promise<void>; stop(): Promise<number> } {
  const abort = new AbortController();
  let finished = 0;
  let started: () => void = () => undefined;
  const encoding = new Promise<void>((resolve) => (started = resolve));
  const loop = (async () => {
    while (!abort.signal.aborted) {
      const request = { ffmpeg, captures, movies, prefix: 'bench', postfix: '', fps: 25, bitrate: '10000k', threads: 1, codec: 'libx264', flipH: false, flipV: false, rotate90: false };
      const outcome = await renderMovie(request, () => started(), abort.signal);
      if (outcome.ok) finished += 1;
      else if (!abort.signal.aborted) throw new Error(`the bench render failed: ${outcome.error.slice(-300)}`);
    }
  })();
  return {
    encoding: Promise.race([encoding, loop]),
    async stop() {
      abort.abort();
      await loop;
      return finished;
    },
  };
}

async function printWhileRendering(file: string, ffmpeg: string, captures: string, movies: string): Promise<{ linesPerSecond: number; renders: number }> {
  const loop = renderLoop(ffmpeg, captures, movies);
  await loop.encoding; // ffmpeg is up and encoding before the print starts
  const { linesPerSecond } = await printOnce(file);
  return { linesPerSecond, renders: await loop.stop() };
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
      // Pairs alternate their order, so a load that rises or falls through a pair favours neither side.
      if (i % 2 === 0) alone.push((await printOnce(options.file)).linesPerSecond);
      const during = await printWhileRendering(options.file, ffmpeg, captures, dir);
      rendering.push(during.linesPerSecond);
      renders += during.renders;
      if (i % 2 === 1) alone.push((await printOnce(options.file)).linesPerSecond);
    }
    const ratio = rendering.map((value, i) => (100 * value) / (alone[i] ?? value));
    const note = `ffmpeg (libx264, 1 thread, niceness 19) re-rendering ${options.frames} 640×480 frames throughout; ${renders} renders finished; ${options.runs} pairs, alternating order`;
    return [
      { name: 'streaming, no timelapse render', unit: 'lines/s', samples: alone, target: '≥ 15,000 lines/s', meets: (m) => m >= 15_000 },
      { name: 'streaming while a timelapse renders', unit: 'lines/s', samples: rendering, target: '≥ 15,000 lines/s', meets: (m) => m >= 15_000, note },
      { name: 'streaming rate kept during a render', unit: '%', samples: ratio, target: '≥ 90 %', meets: (m) => m >= 90, note: 'lines/s with a render ÷ lines/s without, per back-to-back pair; the median pair (a loaded machine scatters single pairs)' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
