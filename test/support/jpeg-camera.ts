// Test helper: a snapshot camera over HTTP serving JPEG frames that the real ffmpeg generated (testsrc), in turn.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { locateFfmpeg, locateFfprobe } from '../../src/camera/index.js';

export interface JpegCamera {
  /** The snapshot URL (`/snapshot`); `/broken` answers 500. */
  url: string;
  /** Snapshots served so far. */
  served: number;
  close(): Promise<void>;
}

/** Makes `count` distinct JPEG frames (160×120) with the real ffmpeg. */
export function generateJpegFrames(count: number): Buffer[] {
  const ffmpeg = locateFfmpeg();
  if (!ffmpeg) throw new Error('no ffmpeg to generate test frames with');
  const dir = mkdtempSync(path.join(tmpdir(), 'jpeg-frames-'));
  try {
    execFileSync(ffmpeg.path, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=5', '-frames:v', String(count), path.join(dir, 'f-%03d.jpg')]);
    return readdirSync(dir)
      .sort()
      .map((name) => readFileSync(path.join(dir, name)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startJpegCamera(frameCount = 8): Promise<JpegCamera> {
  const frames = generateJpegFrames(frameCount);
  const camera = { url: '', served: 0, close: async () => undefined } as JpegCamera;
  const server = createServer((request, response) => {
    if (request.url !== '/snapshot') {
      response.writeHead(request.url === '/broken' ? 500 : 404).end();
      return;
    }
    const frame = frames[camera.served % frames.length]!;
    camera.served += 1;
    response.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': frame.length }).end(frame);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  camera.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/snapshot`;
  camera.close = () => new Promise((resolve) => server.close(() => resolve()));
  return camera;
}

/** What the real ffprobe says of a movie: frames counted by decoding, duration in seconds, the frame rate. */
export function probeMovie(file: string): { frames: number; duration: number; fps: number; codec: string } {
  const ffprobe = locateFfprobe();
  if (!ffprobe) throw new Error('no ffprobe');
  const text = execFileSync(ffprobe.path, ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames,avg_frame_rate,codec_name:format=duration', '-of', 'json', file], { encoding: 'utf8' });
  const data = JSON.parse(text) as { streams: Array<{ nb_read_frames: string; avg_frame_rate: string; codec_name: string }>; format: { duration: string } };
  const stream = data.streams[0]!;
  const [num, den] = stream.avg_frame_rate.split('/').map(Number);
  return { frames: Number(stream.nb_read_frames), duration: Number(data.format.duration), fps: num! / (den || 1), codec: stream.codec_name };
}

/** Writes a small real MP4 (`seconds` of testsrc at 10 fps) with ffmpeg. */
export function writeTestMovie(file: string, seconds = 1): void {
  const ffmpeg = locateFfmpeg();
  if (!ffmpeg) throw new Error('no ffmpeg');
  execFileSync(ffmpeg.path, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc=size=160x120:rate=10:duration=${seconds}`, '-pix_fmt', 'yuv420p', '-y', file]);
}
