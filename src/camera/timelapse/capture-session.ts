// One print's captures: frames taken one after another into the capture folder, numbered without gaps.
import { copyFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EventBus } from '../../events/index.js';
import type { SnapshotSource } from '../snapshot-source.js';
import { frameName } from './timelapse-files.js';

export interface CaptureSessionOptions {
  folder: string;
  prefix: string;
  gcode: string;
  events: EventBus;
  snapshot: SnapshotSource;
  /** The snapshot URL for CaptureFailed (empty when the source is not a URL). */
  url(): string;
  /** Why no frame may be taken now (the disk-space floor), or null. */
  refusal(): Promise<string | null>;
  now(): number;
}

export class CaptureSession {
  /** Frames written so far. */
  frames = 0;
  /** Captures that failed. */
  errors = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: CaptureSessionOptions) {}

  get prefix(): string {
    return this.options.prefix;
  }

  get gcode(): string {
    return this.options.gcode;
  }

  /** Queues one capture; they run one at a time in order. */
  capture(): Promise<void> {
    this.chain = this.chain.then(() => this.takeOne());
    return this.chain;
  }

  /** Resolves once every queued capture is done. */
  drained(): Promise<void> {
    return this.chain;
  }

  /** Copies the last frame `count` times (a post-roll that holds the final picture). */
  async holdLast(count: number): Promise<void> {
    await this.drained();
    if (this.frames === 0) return;
    const last = path.join(this.options.folder, frameName(this.prefix, this.frames - 1));
    for (let i = 0; i < count; i += 1) {
      await copyFile(last, path.join(this.options.folder, frameName(this.prefix, this.frames)));
      this.frames += 1;
    }
  }

  private async takeOne(): Promise<void> {
    const { events, folder } = this.options;
    // The number a frame would get; the file is named once it is there, so that failures leave no gap.
    const file = path.join(folder, frameName(this.prefix, this.frames));
    const started = this.options.now();
    events.emit('CaptureStart', { file });
    const temp = path.join(folder, `.${this.prefix}-${this.frames}.part`);
    try {
      const refusal = await this.options.refusal();
      if (refusal) throw new Error(refusal);
      const picture = await this.options.snapshot();
      await writeFile(temp, picture);
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      this.errors += 1;
      const message = error instanceof Error ? error.message : String(error);
      events.emit('CaptureFailed', { file, time: (this.options.now() - started) / 1000, error: message, url: this.options.url() });
      return;
    }
    this.frames += 1;
    events.emit('CaptureDone', { file, time: (this.options.now() - started) / 1000 });
  }
}
