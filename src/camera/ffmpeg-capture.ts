// Runs one ffmpeg process that reads a camera and writes MJPEG to its stdout, split into frames as they arrive.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { JpegFrameSplitter } from './jpeg-frames.js';

export interface CaptureOptions {
  ffmpeg: string;
  /** ffmpeg's input arguments, e.g. `-f v4l2 -i /dev/video0` (tests use `-f lavfi -i testsrc=...`). */
  inputArgs: readonly string[];
  /** JPEG quality for ffmpeg's -q:v, 2 (best) to 31. */
  quality: number;
  onFrame(frame: Buffer): void;
  /** The process ended (by itself or stopped); `lastError` is the last line ffmpeg wrote to stderr. */
  onExit(code: number | null, lastError: string): void;
}

/** ffmpeg's argv: the input as configured, then MJPEG frames to stdout; no shell. */
export function captureArgs(inputArgs: readonly string[], quality: number): string[] {
  return ['-hide_banner', '-loglevel', 'error', '-nostdin', ...inputArgs, '-an', '-f', 'mjpeg', '-q:v', String(quality), 'pipe:1'];
}

export class FfmpegCapture {
  private readonly child: ChildProcess;
  private stderrTail = '';
  private exited = false;

  constructor(options: CaptureOptions) {
    const splitter = new JpegFrameSplitter(options.onFrame);
    this.child = spawn(options.ffmpeg, captureArgs(options.inputArgs, options.quality), { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (chunk: Buffer) => splitter.push(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-2000);
    });
    const finish = (code: number | null, error?: Error): void => {
      if (this.exited) return;
      this.exited = true;
      const lines = this.stderrTail.trim().split('\n');
      options.onExit(code, error ? error.message : (lines[lines.length - 1] ?? ''));
    };
    this.child.on('error', (error) => finish(null, error));
    this.child.on('close', (code) => finish(code));
  }

  get running(): boolean {
    return !this.exited;
  }

  stop(): void {
    if (!this.exited) this.child.kill('SIGTERM');
  }
}
