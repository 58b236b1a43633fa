// G-code analysis as users get it: in the server (upload, then the analysis worker's events) and `argonaut analyse FILE`.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNNY, generatedGcode } from './lib/gcode-files.js';
import { cpuSeconds } from './lib/process-stats.js';
import { PushClient } from './lib/push-client.js';
import type { Figure } from './lib/results.js';
import type { ServerPool } from './lib/server-pool.js';
import { repoRoot } from './lib/server-process.js';
import { INSTANT_CONFIG } from './upload-bench.js';

export interface ServerAnalysisOptions {
  /** Size of the uploaded file (copies of the bunny), MB. */
  sizeMb: number;
  runs: number;
  /** Runs of `argonaut analyse` on the bunny × 3 (9.8 MB). */
  cliRuns: number;
}

/** OctoPrint 1.11.8 on this kind of machine, from issue 19's side-by-side run. */
const OCTOPRINT_SERVER_MB_PER_S = 3.62;
const OCTOPRINT_OFFLINE_MB_PER_S = 3.9;
const MB = 1e6;

/** Peak RSS (VmHWM) of a running process in bytes, 0 once it is gone. */
function peakRss(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** `node bin/argonaut.js analyse FILE` as a whole process: wall time from spawn to exit, and its peak RSS. */
async function analyseCommand(file: string): Promise<{ seconds: number; peakMib: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'argonaut.js'), 'analyse', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  let peak = 0;
  // VmHWM only grows: the last reading before the exit is the peak (to within the last 2 ms).
  const sampler = setInterval(() => (peak = Math.max(peak, peakRss(child.pid ?? 0))), 2);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (code !== 0) throw new Error(`argonaut analyse exited with ${code}`);
  return { seconds, peakMib: peak / 2 ** 20 };
}

export async function benchServerAnalysis(pool: ServerPool, options: ServerAnalysisOptions): Promise<Figure[]> {
  const { server, api } = await pool.get(INSTANT_CONFIG);
  const push = await PushClient.open(server.baseUrl, await api.passiveLogin());
  const dir = await mkdtemp(join(tmpdir(), 'argonaut-analysis-cli-'));
  try {
    const analyseInServer = async (name: string, size: number): Promise<{ mbPerSecond: number; cpuMbPerSecond: number }> => {
      const started = push.nextEvent(['MetadataAnalysisStarted'], 120_000);
      const finished = push.nextEvent(['MetadataAnalysisFinished'], 600_000);
      const upload = await api.upload(name, size, generatedGcode(size));
      if (upload.status !== 201) throw new Error(`upload answered ${upload.status}`);
      const start = await started;
      const cpuAtStart = cpuSeconds(server.pid);
      const end = await finished;
      const cpu = cpuSeconds(server.pid) - cpuAtStart;
      await api.deleteFile(name);
      const seconds = (end.at - start.at) / 1000;
      return { mbPerSecond: size / MB / seconds, cpuMbPerSecond: size / MB / cpu };
    };
    // Warm-up: starts the worker thread and lets its code reach the optimising compiler.
    await analyseInServer('analysis-warm-up.gcode', 20 * MB);
    const size = Math.round(options.sizeMb * MB);
    const runs: Array<{ mbPerSecond: number; cpuMbPerSecond: number }> = [];
    for (let run = 0; run < options.runs; run += 1) runs.push(await analyseInServer(`analysis-${run}.gcode`, size));

    const bunny = readFileSync(BUNNY);
    const file = join(dir, 'bunny-x3.gcode');
    await writeFile(file, Buffer.concat([bunny, bunny, bunny]));
    await analyseCommand(file); // warm-up: file cache and the command's code cache
    const cli: Array<{ seconds: number; peakMib: number }> = [];
    for (let run = 0; run < options.cliRuns; run += 1) cli.push(await analyseCommand(file));
    const fileMb = (bunny.length * 3) / MB;
    return [
      {
        name: 'G-code analysis in the server',
        unit: 'MB/s',
        samples: runs.map((r) => r.mbPerSecond),
        target: '≥ 145 MB/s',
        meets: (m) => m >= 145,
        note: `${options.sizeMb} MB upload (bunny copies), MetadataAnalysisStarted to Finished on the push socket; OctoPrint 1.11.8 ${OCTOPRINT_SERVER_MB_PER_S} MB/s`,
      },
      {
        name: 'G-code analysis in the server (CPU time)',
        unit: 'MB/s',
        samples: runs.map((r) => r.cpuMbPerSecond),
        target: '≥ 145 MB/s',
        meets: (m) => m >= 145,
        note: "bytes per second of the server process's CPU time over the same interval (less sensitive to a busy machine)",
      },
      {
        name: '`argonaut analyse` 9.8 MB, whole process',
        unit: 'MB/s',
        samples: cli.map((r) => fileMb / r.seconds),
        target: '≥ 78 MB/s',
        meets: (m) => m >= 78,
        note: `node bin/argonaut.js analyse on bunny × 3, spawn to exit; OctoPrint's \`octoprint analysis gcode\` ${OCTOPRINT_OFFLINE_MB_PER_S} MB/s`,
      },
      {
        name: '`argonaut analyse` peak RSS',
        unit: 'MiB',
        samples: cli.map((r) => r.peakMib),
        target: '< 60 MiB',
        meets: (m) => m < 60,
        note: 'VmHWM of the process',
      },
    ];
  } finally {
    await push.close();
    await rm(dir, { recursive: true, force: true });
  }
}
