// Renders one movie at a time, in order, and announces each with MovieRendering, MovieDone or MovieFailed.
import path from 'node:path';
import type { EventBus, MoviePayload } from '../../events/index.js';
import type { Disposable } from '../../shared/index.js';
import { moviePath, renderMovie } from './movie-render.js';
import type { RenderRequest } from './movie-render.js';
import { deleteFrames } from './timelapse-files.js';

export interface RenderJob {
  prefix: string;
  /** The printed file's name, or `unknown` for a render asked for through the API. */
  gcode: string;
  ffmpeg: string | undefined;
  request: Omit<RenderRequest, 'ffmpeg'>;
}

export interface RenderQueueOptions {
  events: EventBus;
  warn(message: string): void;
}

export class RenderQueue {
  private chain: Promise<void> = Promise.resolve();
  private running: RenderJob | null = null;
  private percent = 0;
  private readonly abort = new AbortController();
  private readonly progressListeners = new Set<(percent: number) => void>();

  constructor(private readonly options: RenderQueueOptions) {}

  get current(): RenderJob | null {
    return this.running;
  }

  get progress(): number {
    return this.percent;
  }

  onDidProgress(listener: (percent: number) => void): Disposable {
    this.progressListeners.add(listener);
    return { dispose: () => this.progressListeners.delete(listener) };
  }

  /** Queues a job; resolves when it has finished (rendered or failed). */
  enqueue(job: RenderJob): Promise<void> {
    const run = this.chain.then(() => this.run(job));
    this.chain = run.catch(() => undefined);
    return this.chain;
  }

  idle(): Promise<void> {
    return this.chain;
  }

  /** Stops the running ffmpeg (server shutdown); queued jobs then fail at once and their captures stay. */
  close(): void {
    this.abort.abort();
  }

  /** A print whose every capture failed: MovieFailed with reason no_frames, as OctoPrint reports it. */
  failNoFrames(prefix: string, gcode: string): void {
    this.options.events.emit('MovieFailed', { gcode, movie: 'n/a', movie_basename: 'n/a', movie_prefix: prefix, returncode: 0, out: '', error: '', reason: 'no_frames' });
  }

  private async run(job: RenderJob): Promise<void> {
    const { events } = this.options;
    const movie = moviePath(job.request);
    const payload: MoviePayload = { gcode: job.gcode, movie, movie_basename: path.basename(movie), movie_prefix: job.prefix };
    if (!job.ffmpeg) {
      this.options.warn('cannot render the timelapse: no ffmpeg was found (set webcam.ffmpegPath)');
      events.emit('MovieFailed', { ...payload, returncode: 255, out: '', error: 'ffmpeg was not found', reason: 'unknown' });
      return;
    }
    this.running = job;
    this.setProgress(0);
    events.emit('MovieRendering', payload);
    try {
      const outcome = await renderMovie({ ...job.request, ffmpeg: job.ffmpeg }, (percent) => this.setProgress(percent), this.abort.signal);
      if (outcome.ok) {
        await deleteFrames(job.request.captures, job.prefix);
        events.emit('MovieDone', payload);
      } else {
        if (outcome.reason !== 'no_frames') this.options.warn(`could not render the timelapse ${payload.movie_basename}: ffmpeg exited with ${outcome.returncode}`);
        events.emit('MovieFailed', { ...payload, returncode: outcome.returncode, out: outcome.out, error: outcome.error, reason: outcome.reason });
      }
    } catch (error) {
      events.emit('MovieFailed', { ...payload, returncode: 255, out: '', error: error instanceof Error ? error.message : String(error), reason: 'unknown' });
    } finally {
      this.running = null;
    }
  }

  private setProgress(percent: number): void {
    this.percent = percent;
    for (const listener of [...this.progressListeners]) listener(percent);
  }
}
