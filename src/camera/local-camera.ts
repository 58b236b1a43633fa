// A camera on this host read by one ffmpeg: started for the first viewer, stopped after the last, restarted with backoff.
import type { Disposable } from '../shared/index.js';
import { FfmpegCapture } from './ffmpeg-capture.js';
import { mjpegPart } from './mjpeg-multipart.js';

/** One viewer: gets every frame (as a ready multipart part and as the bare JPEG), and hears when the camera ends. */
export interface FrameViewer {
  frame(part: Buffer, jpeg: Buffer): void;
  end(reason: string): void;
}

export interface LocalCameraOptions {
  /** The ffmpeg to run, or undefined when there is none. */
  ffmpeg(): string | undefined;
  /** Read at each start, so changed settings apply at the next (re)start. */
  settings(): { inputArgs: readonly string[]; quality: number; lingerMs: number };
  log(level: 'info' | 'warn', message: string): void;
  now?: () => number;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

export class LocalCamera implements Disposable {
  private readonly viewers = new Set<FrameViewer>();
  private capture: FfmpegCapture | undefined;
  private lingerTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private latest: { jpeg: Buffer; at: number } | undefined;
  private disposed = false;
  private readonly now: () => number;

  constructor(private readonly options: LocalCameraOptions) {
    this.now = options.now ?? Date.now;
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  /** Whether an ffmpeg process is running now. */
  get capturing(): boolean {
    return this.capture?.running ?? false;
  }

  /** Adds a viewer; the capture starts if it is not running. Dispose to leave. */
  watch(viewer: FrameViewer): Disposable {
    if (this.disposed) {
      viewer.end('The camera is shut down.');
      return { dispose: () => undefined };
    }
    this.viewers.add(viewer);
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    if (!this.capture?.running && !this.retryTimer) this.start();
    return { dispose: () => this.leave(viewer) };
  }

  /** The newest frame if it is younger than `maxAgeMs`, else the next one (waiting up to `timeoutMs`). */
  snapshot(maxAgeMs: number, timeoutMs: number): Promise<Buffer> {
    if (this.latest && this.capturing && this.now() - this.latest.at <= maxAgeMs) return Promise.resolve(this.latest.jpeg);
    return new Promise((resolve, reject) => {
      const held: { subscription?: Disposable } = {};
      let done = false;
      const timer = setTimeout(() => finish(new Error(`The camera gave no picture within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
      const finish = (result: Buffer | Error): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        held.subscription?.dispose();
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      held.subscription = this.watch({ frame: (_part, jpeg) => finish(jpeg), end: (reason) => finish(new Error(reason)) });
      if (done) held.subscription.dispose();
    });
  }

  /** Settings changed: a running capture is restarted with them (viewers stay). */
  restart(): void {
    if (!this.capture?.running) return;
    const old = this.capture;
    this.capture = undefined;
    old.stop();
    if (this.viewers.size > 0) this.start();
  }

  /** Ends every viewer and stops ffmpeg at once. */
  stopAll(reason: string): void {
    clearTimeout(this.lingerTimer);
    clearTimeout(this.retryTimer);
    this.lingerTimer = this.retryTimer = undefined;
    for (const viewer of [...this.viewers]) viewer.end(reason);
    this.viewers.clear();
    this.capture?.stop();
    this.capture = undefined;
    this.latest = undefined;
  }

  dispose(): void {
    this.stopAll('The camera is shut down.');
    this.disposed = true;
  }

  private leave(viewer: FrameViewer): void {
    if (!this.viewers.delete(viewer) || this.viewers.size > 0) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = undefined;
      if (this.viewers.size > 0) return;
      this.capture?.stop();
      this.capture = undefined;
      this.latest = undefined;
    }, this.options.settings().lingerMs);
    this.lingerTimer.unref();
  }

  private start(): void {
    this.retryTimer = undefined;
    const ffmpeg = this.options.ffmpeg();
    if (!ffmpeg) {
      this.stopAll('No ffmpeg was found, so the camera on this host cannot be read. Install ffmpeg or set its path in the camera settings.');
      return;
    }
    const { inputArgs, quality } = this.options.settings();
    const capture: FfmpegCapture = new FfmpegCapture({
      ffmpeg,
      inputArgs,
      quality,
      onFrame: (jpeg) => {
        if (this.capture !== capture) return;
        this.failures = 0;
        const at = this.now();
        this.latest = { jpeg, at };
        const part = mjpegPart(jpeg, at);
        for (const viewer of this.viewers) viewer.frame(part, jpeg);
      },
      onExit: (code, lastError) => this.exited(capture, code, lastError),
    });
    this.capture = capture;
    this.options.log('info', `camera capture started (${inputArgs.join(' ')})`);
  }

  private exited(capture: FfmpegCapture, code: number | null, lastError: string): void {
    if (this.capture !== capture) return; // stopped on purpose
    this.capture = undefined;
    this.latest = undefined;
    if (this.viewers.size === 0 || this.disposed) return;
    this.failures += 1;
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.failures - 1));
    this.options.log('warn', `ffmpeg reading the camera ended (exit code ${code ?? 'none'}: ${lastError || 'no message'}); trying again in ${delay / 1000} s`);
    this.retryTimer = setTimeout(() => this.start(), delay);
    this.retryTimer.unref();
  }
}
