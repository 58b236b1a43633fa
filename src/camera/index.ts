// The camera area's facade: webcam sources, frame fan-out, snapshots and timelapse, without HTTP.
export { locateFfmpeg, locateFfprobe } from './ffmpeg-locate.js';
export type { BinarySource, FoundBinary, LocateOptions } from './ffmpeg-locate.js';
export { CameraError, CameraService, NO_FFMPEG_MESSAGE } from './camera-service.js';
export type { CameraServiceOptions, CameraSettings, CameraSource, CameraStatus, CameraStream } from './camera-service.js';
export { JpegFrameSplitter } from './jpeg-frames.js';
export { MJPEG_BOUNDARY, MJPEG_CONTENT_TYPE, mjpegPart } from './mjpeg-multipart.js';
export type { SnapshotSource } from './snapshot-source.js';
export { TimelapseService, systemClock } from './timelapse/timelapse-service.js';
export type { TimelapseClock, TimelapseServiceOptions, UnrenderedEntry } from './timelapse/timelapse-service.js';
export { RENDER_AFTER_PRINT, TIMELAPSE_TYPES } from './timelapse/timelapse-config.js';
export type { RenderAfterPrint, TimelapseSettings, TimelapseType } from './timelapse/timelapse-config.js';
export { isMovieName, isPlainName } from './timelapse/timelapse-files.js';
export type { MovieEntry } from './timelapse/timelapse-files.js';
export { renderMovie } from './timelapse/movie-render.js';
export type { RenderOutcome, RenderRequest } from './timelapse/movie-render.js';
