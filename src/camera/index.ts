// The camera area's facade: webcam sources, frame fan-out, snapshots and timelapse, without HTTP.
export { locateFfmpeg, locateFfprobe } from './ffmpeg-locate.js';
export type { BinarySource, FoundBinary, LocateOptions } from './ffmpeg-locate.js';
