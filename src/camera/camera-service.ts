// The camera: one set of pictures (stream and snapshot) from an external streamer or a camera on this host.
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import type { Disposable } from '../shared/index.js';
import { locateFfmpeg } from './ffmpeg-locate.js';
import type { FoundBinary } from './ffmpeg-locate.js';
import { fetchUpstream, openUpstream } from './http-upstream.js';
import { JpegFrameSplitter } from './jpeg-frames.js';
import { LocalCamera } from './local-camera.js';
import { MJPEG_CONTENT_TYPE } from './mjpeg-multipart.js';

export type CameraSource = 'none' | 'proxy' | 'local';

/** What the camera reads from the settings, at each use (so changes apply at once). */
export interface CameraSettings {
  source: CameraSource;
  /** The external streamer's stream and snapshot URLs (source `proxy`). */
  streamUrl: string;
  snapshotUrl: string;
  /** ffmpeg's input arguments for the camera on this host (source `local`). */
  inputArgs: readonly string[];
  /** JPEG quality, 2 (best) to 31. */
  quality: number;
  /** How long ffmpeg keeps running after the last viewer left. */
  lingerMs: number;
  streamTimeoutMs: number;
  snapshotTimeoutMs: number;
  validateCertificate: boolean;
  /** `webcam.ffmpegPath`: an ffmpeg of the user's choice. */
  ffmpegPath: string | null;
  /** With no source of our own, the classic webcam's absolute snapshot URL (for timelapses), or ''. */
  fallbackSnapshotUrl: string;
}

export interface CameraStream {
  contentType: string;
  body: Readable;
  /** Ends the stream and releases the camera (the viewer left). Safe to call twice. */
  close(): void;
}

export interface CameraStatus {
  source: CameraSource;
  ffmpeg: { found: boolean; source: FoundBinary['source'] | null };
  viewers: number;
  /** Plain words for the UI when something is missing, else null. */
  problem: string | null;
}

export class CameraError extends Error {
  constructor(
    readonly code: 'off' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'CameraError';
  }
}

export const NO_FFMPEG_MESSAGE =
  'No ffmpeg was found (not at webcam.ffmpegPath, not on the system PATH, and no bundled copy for this platform): the camera on this host and timelapse rendering are unavailable; everything else works.';
const NO_CAMERA_MESSAGE = 'No camera is configured.';
/** A snapshot may be this much older than the newest frame of a running capture. */
const SNAPSHOT_MAX_AGE_MS = 1000;
const MAX_SNAPSHOT_BYTES = 20 * 1024 * 1024;
/** A viewer that has this many parts unsent skips frames until it catches up. */
const QUEUED_PARTS = 2;
/** A snapshot URL Argonaut can fetch itself; a relative one (`/webcam/?action=snapshot`) only makes sense to browsers. */
const ABSOLUTE_URL = /^https?:\/\//i;

export interface CameraServiceOptions {
  settings(): CameraSettings;
  log(level: 'info' | 'warn', message: string): void;
  /**
   * Whether an external camera may be reached at this address, checked at connect time for every stream and
   * snapshot URL (the app refuses link-local and cloud-metadata addresses, as POST /api/util/test does).
   */
  addressAllowed(address: string): boolean;
  /** Finds ffmpeg (configured path, system, bundled); tests pass one that finds none. */
  locate?(configured: string | null): FoundBinary | undefined;
}

export class CameraService implements Disposable {
  private readonly local: LocalCamera;
  private readonly proxied = new Set<() => void>();
  private found: { configured: string | null; binary: FoundBinary | undefined } | undefined;

  constructor(private readonly options: CameraServiceOptions) {
    this.local = new LocalCamera({
      ffmpeg: () => this.ffmpeg()?.path,
      settings: () => {
        const settings = options.settings();
        return { inputArgs: settings.inputArgs, quality: settings.quality, lingerMs: settings.lingerMs };
      },
      log: options.log,
    });
  }

  /** The ffmpeg in use (configured, system or bundled), looked up again when `webcam.ffmpegPath` changes. */
  ffmpeg(): FoundBinary | undefined {
    const configured = this.options.settings().ffmpegPath;
    if (this.found?.configured !== configured) this.found = { configured, binary: this.options.locate ? this.options.locate(configured) : locateFfmpeg({ configured }) };
    return this.found.binary;
  }

  /** Says in the log which ffmpeg is used, or that there is none. */
  announce(): void {
    const found = this.ffmpeg();
    if (found) this.options.log('info', `ffmpeg: ${found.path} (${found.source})`);
    else this.options.log('warn', NO_FFMPEG_MESSAGE);
  }

  /** Viewers now: proxied streams plus viewers of the local capture. */
  get viewerCount(): number {
    return this.proxied.size + this.local.viewerCount;
  }

  /** Whether ffmpeg is reading the local camera now. */
  get capturing(): boolean {
    return this.local.capturing;
  }

  status(): CameraStatus {
    const settings = this.options.settings();
    const found = this.ffmpeg();
    let problem: string | null = null;
    if (settings.source === 'local' && !found) problem = NO_FFMPEG_MESSAGE;
    else if (settings.source === 'proxy' && settings.streamUrl === '') problem = 'The external streamer\'s stream URL is not set.';
    return { source: settings.source, ffmpeg: { found: found !== undefined, source: found?.source ?? null }, viewers: this.viewerCount, problem };
  }

  /**
   * Whether snapshots can be had at all (timelapses): a source of Argonaut's own, else an absolute `webcam.snapshot`
   * URL. A relative one points back at Argonaut's own /webcam/ URLs, which have no picture without a source.
   */
  canSnapshot(): boolean {
    const settings = this.options.settings();
    if (settings.source === 'local') return true;
    if (settings.source === 'proxy') return settings.snapshotUrl !== '' || settings.streamUrl !== '';
    return ABSOLUTE_URL.test(settings.fallbackSnapshotUrl);
  }

  /** A live MJPEG stream. Throws CameraError when there is no camera or it cannot be reached. */
  async openStream(): Promise<CameraStream> {
    const settings = this.options.settings();
    if (settings.source === 'local') return this.localStream();
    if (settings.source === 'proxy' && settings.streamUrl !== '') return this.proxyStream(settings);
    throw new CameraError('off', NO_CAMERA_MESSAGE);
  }

  /** One JPEG picture now (for `?action=snapshot`, `/downloads/camera/current` and timelapses). */
  async snapshot(): Promise<Buffer> {
    const settings = this.options.settings();
    try {
      if (settings.source === 'local') return await this.local.snapshot(SNAPSHOT_MAX_AGE_MS, settings.snapshotTimeoutMs);
      if (settings.source === 'proxy' && settings.snapshotUrl !== '') return await this.fetchSnapshot(settings.snapshotUrl, settings);
      if (settings.source === 'proxy' && settings.streamUrl !== '') return await this.firstStreamFrame(settings);
      if (settings.source === 'none' && ABSOLUTE_URL.test(settings.fallbackSnapshotUrl)) return await this.fetchSnapshot(settings.fallbackSnapshotUrl, settings);
    } catch (error) {
      throw error instanceof CameraError ? error : new CameraError('unavailable', (error as Error).message);
    }
    throw new CameraError('off', NO_CAMERA_MESSAGE);
  }

  /** The camera settings changed: a running capture restarts with them; proxied viewers reconnect. */
  settingsChanged(): void {
    const settings = this.options.settings();
    for (const close of [...this.proxied]) close();
    if (settings.source === 'local') this.local.restart();
    else this.local.stopAll('The camera settings changed.');
  }

  dispose(): void {
    for (const close of [...this.proxied]) close();
    this.local.dispose();
  }

  private localStream(): CameraStream {
    if (!this.ffmpeg()) throw new CameraError('unavailable', NO_FFMPEG_MESSAGE);
    const body = new PassThrough({ highWaterMark: 64 * 1024 });
    const held: { subscription?: Disposable } = {};
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      held.subscription?.dispose();
      body.end();
    };
    held.subscription = this.local.watch({
      frame: (part) => {
        // A slow viewer skips frames instead of queueing them; the others are not held back.
        if (!closed && body.readableLength + body.writableLength <= part.length * QUEUED_PARTS) body.write(part);
      },
      end: close,
    });
    if (closed) held.subscription.dispose();
    body.on('close', close);
    return { contentType: MJPEG_CONTENT_TYPE, body, close };
  }

  private async proxyStream(settings: CameraSettings): Promise<CameraStream> {
    const { response, abort } = await this.upstream(settings.streamUrl, settings.streamTimeoutMs, settings);
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      this.proxied.delete(close);
      abort();
      response.destroy();
    };
    this.proxied.add(close);
    response.on('close', close);
    response.on('error', close);
    return { contentType: String(response.headers['content-type'] ?? MJPEG_CONTENT_TYPE), body: response, close };
  }

  private async upstream(url: string, timeoutMs: number, settings: CameraSettings): ReturnType<typeof openUpstream> {
    try {
      return await openUpstream(url, { timeoutMs, validateCertificate: settings.validateCertificate, addressAllowed: this.options.addressAllowed });
    } catch (error) {
      throw new CameraError('unavailable', (error as Error).message);
    }
  }

  private async fetchSnapshot(url: string, settings: CameraSettings): Promise<Buffer> {
    const upstream = { timeoutMs: settings.snapshotTimeoutMs, validateCertificate: settings.validateCertificate, addressAllowed: this.options.addressAllowed };
    const { body } = await fetchUpstream(url, upstream, MAX_SNAPSHOT_BYTES);
    return body;
  }

  /** A streamer without a snapshot URL: the first whole JPEG of its stream. */
  private async firstStreamFrame(settings: CameraSettings): Promise<Buffer> {
    const stream = await this.proxyStream(settings);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new CameraError('unavailable', 'The camera stream gave no picture in time.')), settings.snapshotTimeoutMs);
      let done = false;
      const finish = (result: Buffer | Error): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        stream.close();
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      const splitter = new JpegFrameSplitter((frame) => finish(Buffer.from(frame)));
      stream.body.on('data', (chunk: Buffer) => splitter.push(chunk));
      stream.body.on('close', () => finish(new CameraError('unavailable', 'The camera stream ended before a whole picture.')));
    });
  }
}
