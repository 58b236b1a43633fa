// Upload speed and memory: multipart POSTs of generated G-code (100 MB, 1 GB) to the real server, and the same bytes
// to a bare node:http server that writes the body to a file with the same durability (fsync, rename), in turn.
import { join } from 'node:path';
import { ApiClient } from './lib/api-client.js';
import { startBareServer } from './lib/bare-process.js';
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

interface UploadRun {
  mbPerSecond: number;
  rssGrowthMib: number;
  /** Server CPU time during the upload, in % of its duration. */
  cpuPercent: number;
}

/** One upload to a server process, timed from the first byte sent to the answer, with its RSS growth and CPU. */
async function uploadTo(api: ApiClient, pid: number, name: string, size: number): Promise<UploadRun> {
  const before = rssBytes(pid);
  const cpuBefore = cpuSeconds(pid);
  const sampler = sampleRss(pid, 20);
  const result = await api.upload(name, size, generatedGcode(size));
  const peak = sampler.stop();
  const cpu = cpuSeconds(pid) - cpuBefore;
  if (result.status !== 201) throw new Error(`upload of ${label(size)} answered ${result.status}: ${result.body}`);
  const seconds = result.ms / 1000;
  return { mbPerSecond: size / MB / seconds, rssGrowthMib: (peak - before) / 2 ** 20, cpuPercent: (cpu / seconds) * 100 };
}

export async function benchUpload(pool: ServerPool, options: UploadBenchOptions): Promise<Figure[]> {
  const { server, api } = await pool.get(INSTANT_CONFIG);
  // The bare writer puts its files in the same folder as the server's uploads (same disk, same file system).
  const bare = await startBareServer('upload', join(server.basedir, 'data'));
  const bareApi = new ApiClient(bare.baseUrl, 'none');
  try {
    const argonautOnce = async (size: number): Promise<UploadRun> => {
      const name = `upload-${size}.gcode`;
      const run = await uploadTo(api, server.pid, name, size);
      // Deleting stops the analysis the upload queued, so it does not compete with the next run.
      await api.deleteFile(name);
      return run;
    };
    // The first large upload grows the young generation and the allocator to their working size once; the warm-up
    // takes that step, so that the figures show what each upload adds.
    const warmUp = Math.min(...options.sizes);
    await argonautOnce(warmUp);
    await uploadTo(bareApi, bare.pid, 'warm-up.gcode', warmUp);
    const figures: Figure[] = [];
    for (const size of options.sizes) {
      const runs: UploadRun[] = [];
      const bareRuns: UploadRun[] = [];
      const shares: number[] = [];
      for (let run = 0; run < options.runs; run += 1) {
        // In turn, so that both see the same state of the machine.
        const ours = await argonautOnce(size);
        const theirs = await uploadTo(bareApi, bare.pid, `bare-${size}.gcode`, size);
        runs.push(ours);
        bareRuns.push(theirs);
        shares.push((ours.mbPerSecond / theirs.mbPerSecond) * 100);
      }
      figures.push(
        {
          name: `upload ${label(size)}`,
          unit: 'MB/s',
          samples: runs.map((r) => r.mbPerSecond),
          target: '–',
          meets: () => true,
          note: 'multipart POST with an API key, first byte sent to 201 (hash, metadata and the file in place); OctoPrint 1.11.8 ≈ 441 MB/s at 100 MB',
        },
        {
          name: `upload ${label(size)}, bare node:http writer`,
          unit: 'MB/s',
          samples: bareRuns.map((r) => r.mbPerSecond),
          target: '–',
          meets: () => true,
          note: 'the same request to a plain node:http server piping the body into a file, fsync, rename (bench/lib/bare-servers.mjs), run in turn with the one above',
        },
        {
          name: `upload ${label(size)} of bare`,
          unit: '%',
          samples: shares,
          target: '≥ 85 %',
          meets: (m) => m >= 85,
          note: 'each run divided by the bare writer run right after it',
        },
        {
          name: `upload ${label(size)} RSS growth`,
          unit: 'MiB',
          samples: runs.map((r) => r.rssGrowthMib),
          target: '< 8 MiB',
          meets: (m) => m < 8,
          note: `server peak RSS during the upload (sampled every 20 ms from /proc) minus RSS before it; the bare writer's: ${bareRuns.map((r) => r.rssGrowthMib.toFixed(1)).join(', ')} MiB`,
        },
        {
          name: `upload ${label(size)} server CPU`,
          unit: '% of a core',
          samples: runs.map((r) => r.cpuPercent),
          target: '–',
          meets: () => true,
          note: `server CPU time during the upload (the bare writer's: ${bareRuns.map((r) => r.cpuPercent.toFixed(0)).join(', ')} %)`,
        },
      );
    }
    return figures;
  } finally {
    await bare.stop();
  }
}
