// A fake camera for tests: real JPEG frames made by the bundled ffmpeg, ffmpeg's testsrc as a V4L2 stand-in, and a small MJPEG HTTP server like mjpg-streamer.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { JpegFrameSplitter, MJPEG_CONTENT_TYPE, locateFfmpeg, mjpegPart } from '../../src/camera/index.js';

export function bundledFfmpeg(): string {
  const found = locateFfmpeg();
  if (!found) throw new Error('no ffmpeg for the camera tests (the @ffmpeg-installer package should ship one)');
  return found.path;
}

/** ffmpeg input arguments standing in for `-f v4l2 -i /dev/video0`: a test pattern paced in real time. */
export function testPatternInput(size = '320x240', rate = 10, durationSeconds?: number): string[] {
  const duration = durationSeconds === undefined ? '' : `:duration=${durationSeconds}`;
  return ['-re', '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=${rate}${duration}`];
}

/** `count` JPEG pictures of ffmpeg's test pattern, made by the real ffmpeg. */
export function makeJpegFrames(count: number, size = '320x240'): Buffer[] {
  const output = execFileSync(bundledFfmpeg(), ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=10`, '-frames:v', String(count), '-f', 'mjpeg', '-q:v', '5', 'pipe:1'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const frames: Buffer[] = [];
  new JpegFrameSplitter((frame) => frames.push(Buffer.from(frame))).push(output);
  if (frames.length !== count) throw new Error(`ffmpeg made ${frames.length} frames, not ${count}`);
  return frames;
}

/** The width and height in a JPEG's SOF header. */
export function jpegSize(jpeg: Buffer): { width: number; height: number } {
  let at = 2;
  while (at + 9 < jpeg.length) {
    const marker = jpeg[at + 1] as number;
    const length = jpeg.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xc3) return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  throw new Error('no SOF marker in the JPEG');
}

export interface FakeStreamer {
  readonly port: number;
  readonly streamUrl: string;
  readonly snapshotUrl: string;
  /** Stream connections open now, and all ever opened. */
  readonly openStreams: number;
  readonly streamsServed: number;
  close(): Promise<void>;
}

/** An mjpg-streamer look-alike: `/?action=stream` sends the frames in a loop at `fps`, `/?action=snapshot` one frame. */
export async function startFakeStreamer(frames: readonly Buffer[], fps = 10): Promise<FakeStreamer> {
  let open = 0;
  let served = 0;
  const server = http.createServer((request, response) => {
    const action = new URL(request.url ?? '/', 'http://x').searchParams.get('action');
    if (action === 'snapshot') {
      response.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': frames[0]!.length });
      response.end(frames[0]);
      return;
    }
    if (action !== 'stream') {
      response.writeHead(404).end();
      return;
    }
    open += 1;
    served += 1;
    response.writeHead(200, { 'Content-Type': MJPEG_CONTENT_TYPE, 'Cache-Control': 'no-cache' });
    let index = 0;
    const send = (): void => {
      response.write(mjpegPart(frames[index % frames.length]!, Date.now()));
      index += 1;
    };
    send();
    const timer = setInterval(send, 1000 / fps);
    response.on('close', () => {
      clearInterval(timer);
      open -= 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    streamUrl: `http://127.0.0.1:${port}/?action=stream`,
    snapshotUrl: `http://127.0.0.1:${port}/?action=snapshot`,
    get openStreams() {
      return open;
    },
    get streamsServed() {
      return served;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Reads an MJPEG HTTP response until `count` whole frames arrived; resolves with them. */
export function readFrames(response: http.IncomingMessage, count: number): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const frames: Buffer[] = [];
    const splitter = new JpegFrameSplitter((frame) => {
      frames.push(Buffer.from(frame));
      if (frames.length === count) {
        response.off('data', onData);
        resolve(frames);
      }
    });
    const onData = (chunk: Buffer): void => splitter.push(chunk);
    response.on('data', onData);
    response.on('error', reject);
    response.on('end', () => reject(new Error(`the stream ended after ${frames.length} frames`)));
  });
}
