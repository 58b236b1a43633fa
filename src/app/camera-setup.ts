// Builds the camera from config.yaml (`camera`, `webcam`) and keeps it in step with changed settings.
import type { Logger } from 'pino';
import { isNeverFetchedAddress } from '../auth/index.js';
import { CameraService } from '../camera/index.js';
import type { CameraSettings, CameraSource } from '../camera/index.js';
import type { Config, ConfigStore } from '../config/index.js';

/** ffmpeg's input arguments for the V4L2 camera, unless `camera.inputArgs` replaces them. */
export function cameraInputArgs(camera: Config['camera']): string[] {
  if (camera.inputArgs.length > 0) return [...camera.inputArgs];
  const args = ['-f', 'v4l2'];
  if (camera.inputFormat !== '') args.push('-input_format', camera.inputFormat);
  if (camera.size !== '') args.push('-video_size', camera.size);
  args.push('-framerate', String(camera.framerate), '-i', camera.device);
  return args;
}

export function cameraSettingsOf(config: Config): CameraSettings {
  const { camera, webcam } = config;
  return {
    source: camera.source as CameraSource,
    streamUrl: camera.proxyStreamUrl,
    snapshotUrl: camera.proxySnapshotUrl,
    inputArgs: cameraInputArgs(camera),
    quality: camera.quality,
    lingerMs: camera.lingerSeconds * 1000,
    streamTimeoutMs: webcam.streamTimeout * 1000,
    snapshotTimeoutMs: webcam.snapshotTimeout * 1000,
    validateCertificate: webcam.snapshotSslValidation,
    ffmpegPath: webcam.ffmpegPath,
    fallbackSnapshotUrl: webcam.snapshot,
  };
}

export function createCamera(config: ConfigStore, logger: Logger): { camera: CameraService; dispose(): void } {
  const camera = new CameraService({
    settings: () => cameraSettingsOf(config.config),
    log: (level, message) => logger[level](message),
    // Camera URLs come from the settings: never link-local or cloud-metadata addresses (as POST /api/util/test).
    addressAllowed: (address) => !isNeverFetchedAddress(address),
  });
  camera.announce();
  const listener = config.onDidChange((_config, change) => {
    if (change.paths.some((path) => path.startsWith('camera.') || path === 'webcam.ffmpegPath')) {
      if (change.paths.includes('webcam.ffmpegPath')) camera.announce();
      camera.settingsChanged();
    }
  });
  return {
    camera,
    dispose() {
      listener.dispose();
      camera.dispose();
    },
  };
}
