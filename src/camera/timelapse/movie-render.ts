// Renders one print's frames into a movie with ffmpeg, at the lowest CPU priority, into a temp file renamed when done.
import { spawn } from 'node:child_process';
import { rename, rm } from 'node:fs/promises';
import { setPriority } from 'node:os';
import path from 'node:path';
import { framesOf } from './timelapse-files.js';

export interface RenderRequest {
  ffmpeg: string;
  captures: string;
  movies: string;
  prefix: string;
  /** Added to the movie's name (`-fail` for a failed print). */
  postfix: string;
  fps: number;
  bitrate: string;
  threads: number;
  codec: string;
  flipH: boolean;
  flipV: boolean;
  rotate90: boolean;
  /** Niceness given to ffmpeg (19, the lowest priority, by default). */
  niceness?: number;
  /** Told ffmpeg's process id once it runs, after its priority was lowered. */
  onStart?(pid: number): void;
}

export type RenderOutcome =
  | { ok: true; movie: string; frames: number }
  | { ok: false; movie: string; returncode: number; out: string; error: string; reason: 'no_frames' | 'returncode' | 'unknown' };

/** The movie's path for a request, known before rendering starts (for MovieRendering). */
export function moviePath(request: Pick<RenderRequest, 'movies' | 'prefix' | 'postfix' | 'codec'>): string {
  const extension = request.codec === 'mpeg2video' ? 'mpg' : 'mp4';
  return path.join(request.movies, `${request.prefix}${request.postfix}.${extension}`);
}

/** ffmpeg's argv (no shell): numbered JPEGs in, the movie out. */
export function ffmpegArguments(request: RenderRequest, startNumber: number, output: string): string[] {
  const filters: string[] = [];
  if (request.flipH) filters.push('hflip');
  if (request.flipV) filters.push('vflip');
  if (request.rotate90) filters.push('transpose=2');
  // Even sizes and 4:2:0 chroma, which every player can show.
  filters.push('scale=trunc(iw/2)*2:trunc(ih/2)*2', 'format=yuv420p');
  const input = path.join(request.captures, `${request.prefix.replaceAll('%', '%%')}-%d.jpg`);
  return [
    '-hide_banner',
    '-nostdin',
    '-framerate',
    String(request.fps),
    '-start_number',
    String(startNumber),
    '-i',
    input,
    '-vcodec',
    request.codec,
    '-threads',
    String(request.threads),
    '-b:v',
    request.bitrate,
    '-vf',
    filters.join(','),
    '-f',
    request.codec === 'mpeg2video' ? 'vob' : 'mp4',
    '-y',
    output,
  ];
}

const TAIL = 4000;

/** Runs ffmpeg over the prefix's frames; `onProgress` hears percentages from ffmpeg's frame counter. */
export async function renderMovie(request: RenderRequest, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<RenderOutcome> {
  const movie = moviePath(request);
  const frames = await framesOf(request.captures, request.prefix);
  if (frames.length === 0) return { ok: false, movie, returncode: 0, out: '', error: '', reason: 'no_frames' };
  const startNumber = Number(/-(\d+)\.jpg$/.exec(frames[0]!)?.[1] ?? 0);
  const temp = path.join(request.movies, `.${path.basename(movie)}.part`);
  const result = await runFfmpeg(request, ffmpegArguments(request, startNumber, temp), frames.length, onProgress, signal);
  if (result.code === 0) {
    await rename(temp, movie);
    return { ok: true, movie, frames: frames.length };
  }
  await rm(temp, { force: true });
  return { ok: false, movie, returncode: result.code, out: result.out, error: result.error, reason: result.spawnError ? 'unknown' : 'returncode' };
}

interface FfmpegResult {
  code: number;
  out: string;
  error: string;
  spawnError: boolean;
}

function runFfmpeg(request: RenderRequest, args: string[], frameCount: number, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<FfmpegResult> {
  return new Promise((resolve) => {
    const child = spawn(request.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'], signal, killSignal: 'SIGKILL' });
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, request.niceness ?? 19);
      } catch {
        // Not allowed here (some containers): ffmpeg still runs with one thread by default.
      }
      request.onStart?.(child.pid);
    }
    let out = '';
    let error = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (out = (out + text).slice(-TAIL)));
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      error = (error + text).slice(-TAIL);
      const frames = [...text.matchAll(/frame=\s*(\d+)/g)].pop();
      if (frames) onProgress(Math.min(100, (Number(frames[1]) / frameCount) * 100));
    });
    child.on('error', (failure) => resolve({ code: 255, out, error: failure.message, spawnError: true }));
    child.on('close', (code) => resolve({ code: code ?? 255, out, error, spawnError: false }));
  });
}
