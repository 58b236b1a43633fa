// config.yaml `camera`: Argonaut's own picture source behind /webcam/ (an external streamer proxied, or a camera on this host).
import { field } from './fields.js';

export const cameraSchema = {
  source: field.string(
    'none',
    'Where /webcam/?action=stream and ?action=snapshot get pictures: none, proxy (an external streamer such as mjpg-streamer, ustreamer or camera-streamer) or local (a camera on this host, read with ffmpeg).',
    ['none', 'proxy', 'local'],
  ),
  proxyStreamUrl: field.string('', 'The external streamer\'s MJPEG stream URL (source proxy), e.g. http://127.0.0.1:8080/?action=stream.'),
  proxySnapshotUrl: field.string('', 'The external streamer\'s snapshot URL (source proxy); empty takes a frame of the stream.'),
  device: field.string('/dev/video0', 'The V4L2 camera device (source local).'),
  inputFormat: field.string('mjpeg', 'The pixel format asked of the camera (ffmpeg -input_format); empty lets the camera choose.'),
  size: field.string('1280x720', 'The picture size asked of the camera (ffmpeg -video_size); empty lets the camera choose.'),
  framerate: field.integer(15, 'Frames per second asked of the camera.', 1, 120),
  quality: field.integer(5, 'JPEG quality of the local camera\'s frames, 2 (best, largest) to 31.', 2, 31),
  inputArgs: field.stringList([], 'ffmpeg input arguments replacing the V4L2 ones built from device, inputFormat, size and framerate (e.g. -f lavfi -i testsrc).'),
  lingerSeconds: field.number(5, 'Seconds ffmpeg keeps reading the local camera after the last viewer left.', 0, 3600),
} as const;
