// Timelapses as OctoPrint makes them: captures during a print (on Z change or timed), post-roll, then a queued render.
import { lstat, rm, statfs } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigStore } from '../../config/index.js';
import type { EventBus } from '../../events/index.js';
import { DisposableStore } from '../../shared/index.js';
import type { Disposable, UnrenderedEntry } from '../../shared/index.js';
import type { SnapshotSource } from '../snapshot-source.js';
import { CaptureSession } from './capture-session.js';
import { RenderQueue } from './render-queue.js';
import type { RenderJob } from './render-queue.js';
import { pushConfig, rendersAfter, restConfig } from './timelapse-config.js';
import type { TimelapseSettings } from './timelapse-config.js';
import { deleteFrames, isMovieName, listCaptureGroups, listMovies } from './timelapse-files.js';
import type { MovieEntry } from './timelapse-files.js';

/** Time and repeating timers; tests pass a clock they move by hand. */
export interface TimelapseClock {
  now(): number;
  every(ms: number, task: () => void): Disposable;
}

export const systemClock: TimelapseClock = {
  now: () => Date.now(),
  every(ms, task) {
    const timer = setInterval(task, ms);
    timer.unref();
    return { dispose: () => clearInterval(timer) };
  },
};

export interface TimelapseServiceOptions {
  folders: { movies: string; captures: string };
  config: ConfigStore;
  events: EventBus;
  snapshot: SnapshotSource;
  /** The ffmpeg to render with, or undefined when there is none. */
  ffmpeg(): string | undefined;
  /** Whether pictures can be had at all (a snapshot URL or a camera is configured). */
  cameraAvailable(): boolean;
  clock?: TimelapseClock;
  /** Free bytes on the disk holding a folder (statfs by default). */
  freeBytes?(folder: string): Promise<number>;
  warn(message: string): void;
}

export type { UnrenderedEntry } from '../../shared/index.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export class TimelapseService implements Disposable {
  private readonly store = new DisposableStore();
  private readonly clock: TimelapseClock;
  private readonly renders: RenderQueue;
  /** The active configuration; POST /api/timelapse without `save` changes it until the settings change or a restart. */
  private active: TimelapseSettings | null;
  private session: CaptureSession | null = null;
  private timer: Disposable | null = null;
  private lastZCapture: number | null = null;
  /** Whether the low-disk warning went to the log (once until there is room again). */
  private lowDiskLogged = false;
  private readonly configListeners = new Set<(config: Record<string, unknown> | null) => void>();

  constructor(private readonly options: TimelapseServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.renders = new RenderQueue({ events: options.events, warn: options.warn });
    this.active = this.fromSettings();
    const { events } = options;
    this.store.add(events.on('PrintStarted', (payload) => this.start(payload.name)));
    this.store.add(events.on('PrintResumed', (payload) => this.session === null && this.start(payload.name)));
    this.store.add(events.on('PrintDone', () => void this.stop(true)));
    this.store.add(events.on('PrintFailed', () => void this.stop(false)));
    this.store.add(events.on('ZChange', (payload) => this.onZChange(payload.new, payload.old)));
    this.store.add(
      options.config.onDidChange((_config, change) => {
        if (change.paths.some((p) => p.startsWith('webcam.timelapse'))) this.apply(this.fromSettings());
      }),
    );
  }

  /** `config` of GET /api/timelapse. */
  restConfig(): Record<string, unknown> {
    return restConfig(this.active);
  }

  /** The push `timelapse` message's payload. */
  pushConfig(): Record<string, unknown> | null {
    return pushConfig(this.active);
  }

  /** `enabled` of GET /api/timelapse: timelapses are switched on and can be made. */
  get enabled(): boolean {
    return this.options.config.config.webcam.timelapseEnabled && this.options.cameraAvailable() && this.options.ffmpeg() !== undefined;
  }

  /** Told of every change of the active configuration (for the push `timelapse` message). */
  onDidChangeConfig(listener: (config: Record<string, unknown> | null) => void): Disposable {
    this.configListeners.add(listener);
    return { dispose: () => this.configListeners.delete(listener) };
  }

  /** Told of render progress (percent), for the push `renderProgress` message. */
  onDidRenderProgress(listener: (percent: number) => void): Disposable {
    return this.renders.onDidProgress(listener);
  }

  /** Sets the configuration (POST /api/timelapse); `persist` also writes it to config.yaml. */
  async configure(settings: TimelapseSettings, persist: boolean): Promise<void> {
    if (persist) await this.options.config.set('webcam.timelapse', settings);
    this.apply(this.fromSettings(settings));
  }

  async movies(): Promise<MovieEntry[]> {
    return listMovies(this.options.folders.movies);
  }

  async unrendered(): Promise<UnrenderedEntry[]> {
    await this.cleanOld();
    const rendering = this.renders.current?.prefix;
    return (await listCaptureGroups(this.options.folders.captures)).map(({ timestamp: _timestamp, ...group }) => {
      const recording = this.session?.prefix === group.name;
      const isRendering = rendering === group.name;
      return { ...group, recording, rendering: isRendering, processing: recording || isRendering };
    });
  }

  /** Deletes a rendered movie (a plain movie file in the movie folder; anything else is left alone). */
  async deleteMovie(name: string): Promise<void> {
    if (!isMovieName(name)) return;
    const file = path.join(this.options.folders.movies, name);
    const info = await lstat(file).catch(() => null);
    if (info?.isFile()) await rm(file, { force: true });
  }

  /** Where a movie is, if it is one (for downloads). */
  async moviePath(name: string): Promise<string | null> {
    if (!isMovieName(name)) return null;
    const file = path.join(this.options.folders.movies, name);
    const info = await lstat(file).catch(() => null);
    return info?.isFile() ? file : null;
  }

  async deleteUnrendered(name: string): Promise<void> {
    if (this.session?.prefix === name || this.renders.current?.prefix === name) return;
    await deleteFrames(this.options.folders.captures, name);
  }

  /** Queues a render of captured frames (from the API, so the print's file is unknown). */
  renderUnrendered(name: string): void {
    void this.render(name, 'unknown', '', this.active?.fps ?? this.options.config.config.webcam.timelapse.fps);
  }

  /** The render running now: its prefix and progress. */
  get rendering(): { prefix: string; progress: number } | null {
    const job = this.renders.current;
    return job ? { prefix: job.prefix, progress: this.renders.progress } : null;
  }

  /** Removes capture groups older than webcam.cleanTmpAfterDays, except the ones in use. */
  async cleanOld(): Promise<void> {
    const cutoff = (this.clock.now() - this.options.config.config.webcam.cleanTmpAfterDays * DAY_MS) / 1000;
    for (const group of await listCaptureGroups(this.options.folders.captures)) {
      if (group.timestamp >= cutoff || group.name === this.session?.prefix || group.name === this.renders.current?.prefix) continue;
      await deleteFrames(this.options.folders.captures, group.name);
    }
  }

  /** Waits until captures and renders queued so far are finished (tests, shutdown). */
  async idle(): Promise<void> {
    await this.session?.drained();
    await this.renders.idle();
  }

  dispose(): void {
    this.renders.close();
    this.timer?.dispose();
    this.timer = null;
    this.store.dispose();
  }

  private fromSettings(settings: TimelapseSettings = this.options.config.config.webcam.timelapse as TimelapseSettings): TimelapseSettings | null {
    if (!this.options.config.config.webcam.timelapseEnabled || settings.type === 'off') return null;
    return structuredClone(settings);
  }

  private apply(next: TimelapseSettings | null): void {
    if (JSON.stringify(next) === JSON.stringify(this.active)) return;
    // A print being recorded ends its timelapse without a movie, as OctoPrint does when the configuration changes.
    if (this.session) this.abandon();
    this.active = next;
    const message = pushConfig(next);
    for (const listener of [...this.configListeners]) listener(message);
  }

  private start(gcodeName: string): void {
    const settings = this.active;
    if (!settings) return;
    if (this.session) this.abandon();
    const stem = gcodeName.replace(/\.[^.]*$/, '').replace(/[/\\]/g, '_');
    const session = new CaptureSession({
      folder: this.options.folders.captures,
      prefix: `${stem}_${timestampText(this.clock.now())}`,
      gcode: gcodeName,
      events: this.options.events,
      snapshot: this.options.snapshot,
      url: () => this.options.config.config.webcam.snapshot,
      refusal: () => this.diskRefusal(),
      now: () => this.clock.now(),
    });
    this.session = session;
    this.lastZCapture = null;
    void this.cleanOld().catch((error: unknown) => this.options.warn(`could not clean old timelapse captures: ${String(error)}`));
    if (settings.type === 'timed') {
      void session.capture();
      this.timer = this.clock.every(settings.options.interval * 1000, () => void session.capture());
    }
  }

  private onZChange(next: number, old: number | null): void {
    const settings = this.active;
    const session = this.session;
    if (!settings || settings.type !== 'zchange' || !session) return;
    const hop = settings.options.retractionZHop;
    // A move up or down by exactly the retraction z-hop is not a new layer.
    if (hop > 0 && old !== null && round3(Math.abs(next - old)) === round3(hop)) return;
    const now = this.clock.now();
    const minDelayMs = settings.options.minDelay * 1000;
    if (minDelayMs > 0 && this.lastZCapture !== null && now - this.lastZCapture < minDelayMs) return;
    this.lastZCapture = now;
    void session.capture();
  }

  /** Stops recording without a movie (a new print, a new configuration); the frames stay unrendered. */
  private abandon(): void {
    this.timer?.dispose();
    this.timer = null;
    this.session = null;
  }

  private async stop(success: boolean): Promise<void> {
    const session = this.session;
    const settings = this.active;
    if (!session || !settings) return;
    this.timer?.dispose();
    this.timer = null;
    await session.drained();
    if (session.frames === 0) {
      this.session = null;
      if (session.errors > 0) this.renders.failNoFrames(session.prefix, session.gcode);
      return;
    }
    if (settings.postRoll > 0) await this.postRoll(session, settings);
    if (this.session === session) this.session = null;
    if (rendersAfter(settings.renderAfterPrint, success)) await this.render(session.prefix, session.gcode, success ? '' : '-fail', settings.fps);
  }

  private async postRoll(session: CaptureSession, settings: TimelapseSettings): Promise<void> {
    const frames = settings.postRoll * settings.fps;
    const timedCapture = settings.type === 'timed' && settings.options.capturePostRoll;
    const duration = timedCapture ? frames * settings.options.interval : settings.postRoll;
    this.options.events.emit('PostRollStart', { postroll_duration: duration, postroll_length: settings.postRoll, postroll_fps: settings.fps });
    if (timedCapture) {
      // One capture per interval, `frames` times (failed ones are not retried, so the post-roll always ends).
      let left = frames;
      await new Promise<void>((resolve) => {
        const timer = this.clock.every(settings.options.interval * 1000, () => {
          if (left > 0 && this.session === session) {
            left -= 1;
            void session.capture();
          }
          if (left === 0 || this.session !== session) {
            timer.dispose();
            resolve();
          }
        });
      });
      await session.drained();
    } else {
      await session.capture();
      await session.holdLast(frames);
    }
    this.options.events.emit('PostRollEnd', {});
  }

  private render(prefix: string, gcode: string, postfix: string, fps: number): Promise<void> {
    const webcam = this.options.config.config.webcam;
    const job: RenderJob = {
      prefix,
      gcode,
      ffmpeg: this.options.ffmpeg(),
      request: {
        captures: this.options.folders.captures,
        movies: this.options.folders.movies,
        prefix,
        postfix,
        fps,
        bitrate: webcam.bitrate,
        threads: webcam.ffmpegThreads,
        codec: webcam.ffmpegVideoCodec,
        flipH: webcam.flipH,
        flipV: webcam.flipV,
        rotate90: webcam.rotate90,
      },
    };
    return this.renders.enqueue(job);
  }

  private async diskRefusal(): Promise<string | null> {
    const floorMb = this.options.config.config.webcam.timelapseMinFreeMb;
    if (floorMb <= 0) return null;
    const free = await (this.options.freeBytes ?? freeBytesOf)(this.options.folders.captures);
    if (free >= floorMb * 1024 * 1024) {
      this.lowDiskLogged = false;
      return null;
    }
    const message = `less than ${floorMb} MB free on the disk: timelapse capture paused (webcam.timelapseMinFreeMb)`;
    if (!this.lowDiskLogged) this.options.warn(message);
    this.lowDiskLogged = true;
    return message;
  }
}

async function freeBytesOf(folder: string): Promise<number> {
  const stats = await statfs(folder);
  return stats.bavail * stats.bsize;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** `YYYYMMDDHHMMSS`, local time, as OctoPrint's capture prefixes end. */
function timestampText(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
}
