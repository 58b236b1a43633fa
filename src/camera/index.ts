// The camera area's facade: webcam sources, frame fan-out, snapshots and timelapse, without HTTP.
export { locateFfmpeg, locateFfprobe } from './ffmpeg-locate.js';
export type { BinarySource, FoundBinary, LocateOptions } from './ffmpeg-locate.js';
export { CameraError, CameraService, NO_FFMPEG_MESSAGE } from './camera-service.js';
export type { CameraServiceOptions, CameraSettings, CameraSource, CameraStatus, CameraStream } from './camera-service.js';
export { JpegFrameSplitter } from './jpeg-frames.js';
export { MJPEG_BOUNDARY, MJPEG_CONTENT_TYPE, mjpegPart } from './mjpeg-multipart.js';
