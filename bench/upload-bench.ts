// Upload speed and memory: multipart POSTs of generated G-code (100 MB, 1 GB) to the real server, against loopback and disk speed.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { generatedGcode } from './lib/gcode-files.js';
import { cpuSeconds, rssBytes, sampleRss } from './lib/process-stats.js';
import type { Figure } from './lib/results.js';
import type { ServerPool } from './lib/server-pool.js';
import { benchConfig } from './lib/server-pool.js';

export interface UploadBenchOptions {
  /** File sizes in bytes. */
  sizes: number[];
  runs: number;
}

/** The instant virtual printer; uploads up to 2 GiB. Shared with the streaming suite. */
export const INSTANT_CONFIG = benchConfig({ instant: true });

const MB = 1e6;

function label(size: number): string {
  return size >= 1e9 ? `${size / 1e9} GB` : `${size / MB} MB`;
}

/** Writes the same bytes to a file in the basedir with fs streams and fsync: what the disk takes (MB/s). */
async function diskSpeed(dir: string, size: number): Promise<number> {
  const file = join(dir, 'disk-speed.tmp');
  const started = performance.now();
  const out = createWriteStream(file);
  for await (const chunk of generatedGcode(size)) {
    if (!out.write(chunk as Buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  const handle = await open(file, 'r+');
  await handle.sync();
  await handle.close();
  const seconds = (performance.now() - started) / 1000;
  await rm(file, { force: true });
  return size / MB / seconds;
}

/** Sends the bytes over a loopback TCP connection to a sink in another process, which only reads them (MB/s). */
async function loopbackSpeed(size: number): Promise<number> {
  const sink = spawn(
    process.execPath,
    ['-e', "const s=require('net').createServer(c=>{c.resume();c.on('end',()=>c.end('done'))});s.listen(0,'127.0.0.1',()=>console.log(s.address().port))"],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const port = await new Promise<number>((resolve, reject) => {
      sink.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
      sink.once('error', reject);
    });
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const started = performance.now();
    for await (const chunk of generatedGcode(size)) {
      if (!socket.write(chunk as Buffer)) await new Promise<void>((resolve) => socket.once('drain', () => resolve()));
    }
    socket.end();
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    const seconds = (performance.now() - started) / 1000;
    socket.destroy();
    return size / MB / seconds;
  } finally {
    sink.kill();
  }
}

interface UploadRun {
  mbPerSecond: number;
  rssGrowthMb: number;
  /** Server CPU time during the upload, in % of its duration. */
  cpuPercent: number;
}

export async function benchUpload(pool: ServerPool, options: UploadBenchOptions): Promise<Figure[]> {
  const { server, api } = await pool.get(INSTANT_CONFIG);
  const uploadOnce = async (size: number): Promise<UploadRun> => {
    const name = `upload-${size}.gcode`;
    const before = rssBytes(server.pid);
    const cpuBefore = cpuSeconds(server.pid);
    const sampler = sampleRss(server.pid, 20);
    const result = await api.upload(name, size, generatedGcode(size));
    const peak = sampler.stop();
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    if (result.status !== 201) throw new Error(`upload of ${label(size)} answered ${result.status}: ${result.body}`);
    // Deleting stops the analysis the upload queued, so it does not compete with the next run.
    await api.deleteFile(name);
    const seconds = result.ms / 1000;
    return { mbPerSecond: size / MB / seconds, rssGrowthMb: (peak - before) / 2 ** 20, cpuPercent: (cpu / seconds) * 100 };
  };
  await uploadOnce(Math.min(...options.sizes, 10 * MB)); // warm-up
  const figures: Figure[] = [];
  for (const size of options.sizes) {
    const runs: UploadRun[] = [];
    const disk: number[] = [];
    const loopback: number[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      runs.push(await uploadOnce(size));
      disk.push(await diskSpeed(server.basedir, size));
      loopback.push(await loopbackSpeed(size));
    }
    const diskMedian = disk.sort((a, b) => a - b)[Math.floor(disk.length / 2)] ?? NaN;
    const loopbackMedian = loopback.sort((a, b) => a - b)[Math.floor(loopback.length / 2)] ?? NaN;
    const limit = Math.min(diskMedian, loopbackMedian);
    figures.push(
      {
        name: `upload ${label(size)}`,
        unit: 'MB/s',
        samples: runs.map((r) => r.mbPerSecond),
        target: '≥ 400 MB/s',
        meets: (m) => m >= 400,
        limit,
        note: `multipart POST with an API key, first byte sent to 201; limit = slower of disk write + fsync (${Math.round(diskMedian)} MB/s) and loopback TCP to a reading process (${Math.round(loopbackMedian)} MB/s); OctoPrint ≈ 237 MB/s`,
      },
      {
        name: `upload ${label(size)} RSS growth`,
        unit: 'MB',
        samples: runs.map((r) => r.rssGrowthMb),
        target: '< 32 MB',
        meets: (m) => m < 32,
        note: 'server peak RSS during the upload (sampled every 20 ms from /proc) minus RSS before it',
      },
      {
        name: `upload ${label(size)} server CPU`,
        unit: '% of a core',
        samples: runs.map((r) => r.cpuPercent),
        target: '–',
        meets: () => true,
        note: 'server CPU time during the upload: well under 100 % means it waits (on the disk or the client) rather than computes',
      },
    );
  }
  return figures;
}
