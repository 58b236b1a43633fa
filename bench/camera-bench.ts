// The camera's fan-out: server CPU (ffmpeg included) with 1 and with 10 viewers of the local camera's MJPEG stream.
// ffmpeg's testsrc at 640x480, 15 frames/s stands in for a V4L2 camera; frames are read once and sent to every viewer.
import http from 'node:http';
import { stringify } from 'yaml';
import { cpuSeconds } from './lib/process-stats.js';
import type { Figure } from './lib/results.js';
import type { ServerPool } from './lib/server-pool.js';

export interface CameraBenchOptions {
  /** Seconds per measured window. */
  windowSeconds: number;
  runs: number;
}

export const CAMERA_CONFIG = stringify({
  plugins: { discovery: { enabled: false }, virtual_printer: { enabled: false } },
  camera: { source: 'local', lingerSeconds: 30, inputArgs: ['-re', '-f', 'lavfi', '-i', 'testsrc=size=640x480:rate=15'] },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Viewer {
  bytes: number;
  close(): void;
}

function openViewer(baseUrl: string, apiKey: string): Promise<Viewer> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}/webcam/?action=stream`, { headers: { 'X-Api-Key': apiKey } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`the stream answered ${response.statusCode}`));
        return;
      }
      const viewer = { bytes: 0, close: () => request.destroy() };
      response.on('data', (chunk: Buffer) => {
        viewer.bytes += chunk.length;
      });
      response.on('error', () => undefined);
      resolve(viewer);
    });
    request.on('error', reject);
  });
}

/** CPU % of the server and its children (ffmpeg) while `count` viewers watch, and the bytes each got per second. */
async function measure(pid: number, baseUrl: string, apiKey: string, count: number, seconds: number): Promise<{ cpuPercent: number; bytesPerViewer: number }> {
  const viewers = await Promise.all(Array.from({ length: count }, () => openViewer(baseUrl, apiKey)));
  try {
    await sleep(2000); // ffmpeg started (first window) and every viewer is receiving
    const bytesBefore = viewers.map((v) => v.bytes);
    const cpuBefore = cpuSeconds(pid);
    const started = performance.now();
    await sleep(seconds * 1000);
    const elapsed = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(pid) - cpuBefore;
    const received = viewers.map((v, i) => v.bytes - (bytesBefore[i] ?? 0));
    const slowest = Math.min(...received);
    return { cpuPercent: (cpu / elapsed) * 100, bytesPerViewer: slowest / elapsed };
  } finally {
    for (const viewer of viewers) viewer.close();
  }
}

export async function benchCamera(pool: ServerPool, options: CameraBenchOptions): Promise<Figure[]> {
  const { server } = await pool.get(CAMERA_CONFIG);
  const apiKey = server.apiKey ?? '';
  const one: number[] = [];
  const ten: number[] = [];
  const ratio: number[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    const single = await measure(server.pid, server.baseUrl, apiKey, 1, options.windowSeconds);
    const many = await measure(server.pid, server.baseUrl, apiKey, 10, options.windowSeconds);
    one.push(single.cpuPercent);
    ten.push(many.cpuPercent);
    ratio.push(many.cpuPercent / single.cpuPercent);
  }
  await pool.release(CAMERA_CONFIG);
  const note = 'server + ffmpeg, testsrc 640x480 at 15 frames/s';
  return [
    { name: 'camera CPU, 1 viewer', unit: '%', samples: one, target: 'reported', meets: () => true, note },
    { name: 'camera CPU, 10 viewers', unit: '%', samples: ten, target: 'reported', meets: () => true, note },
    { name: 'camera CPU, 10 viewers / 1 viewer', unit: '×', samples: ratio, target: '< 2', meets: (median) => median < 2, note: 'frames read once, fanned out' },
  ];
}
