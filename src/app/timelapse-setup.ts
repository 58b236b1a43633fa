// Builds the timelapse service: frames from the camera service, ffmpeg found as configured, or bundled.
import type { Logger } from 'pino';
import { locateFfmpeg, TimelapseService } from '../camera/index.js';
import type { SnapshotSource } from '../camera/index.js';
import type { Basedir, ConfigStore } from '../config/index.js';
import type { EventBus } from '../events/index.js';

export interface TimelapseSetupOptions {
  config: ConfigStore;
  basedir: Basedir;
  events: EventBus;
  logger: Logger;
  /** Where frames come from: the camera service, whose URL fetches are checked against forbidden addresses. */
  snapshot: SnapshotSource;
  /** Whether pictures can be had (the camera service's canSnapshot). */
  cameraAvailable: () => boolean;
}

export function createTimelapse(options: TimelapseSetupOptions): TimelapseService {
  const { config, logger } = options;
  const webcam = (): typeof config.config.webcam => config.config.webcam;
  const ffmpeg = (): string | undefined => locateFfmpeg({ configured: webcam().ffmpegPath })?.path;
  const service = new TimelapseService({
    folders: { movies: options.basedir.timelapse, captures: options.basedir.timelapseTmp },
    config,
    events: options.events,
    snapshot: options.snapshot,
    ffmpeg,
    cameraAvailable: options.cameraAvailable,
    warn: (message) => logger.warn(message),
  });
  if (!ffmpeg()) logger.warn('No ffmpeg found: timelapses cannot be rendered (install ffmpeg or set webcam.ffmpegPath).');
  void service.cleanOld().catch((error: unknown) => logger.warn({ err: error }, 'could not clean old timelapse captures'));
  return service;
}
