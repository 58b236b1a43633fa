// G-code analysis speed on one core: a ~100 MB file made of copies of the bunny fixture, streamed from disk.
// Run alone with `node --import tsx bench/analysis-bench.ts [--size-mb=100] [--runs=3]`.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyseFile } from '../src/files/analysis/queue/index.js';
import type { Figure } from './lib/results.js';

const BUNNY = fileURLToPath(new URL('../test/fixtures/gcode/bunny.gcode', import.meta.url));
/** OctoPrint 1.11.8 on this kind of machine (shared/fixtures/README.md). */
const OCTOPRINT_MB_PER_S = 2.4;

export interface AnalysisBenchOptions {
  sizeMb?: number;
  runs?: number;
  timeModel?: 'planner' | 'feedrate';
}

async function makeFile(dir: string, sizeMb: number): Promise<string> {
  const bunny = await readFile(BUNNY);
  const copies = Math.max(1, Math.ceil((sizeMb * 1e6) / bunny.length));
  const file = join(dir, `bunny-x${copies}.gcode`);
  const out = createWriteStream(file);
  for (let i = 0; i < copies; i++) {
    if (!out.write(bunny)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return file;
}

interface Run {
  mbPerSecond: number;
  cpuMbPerSecond: number;
  heapGrowthMb: number;
}

async function runOnce(file: string, size: number, timeModel: 'planner' | 'feedrate'): Promise<Run> {
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await analyseFile(
    file,
    () => {
      const heap = process.memoryUsage().heapUsed;
      if (heap > heapPeak) heapPeak = heap;
    },
    { analyser: { timeModel } },
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { mbPerSecond: size / 1e6 / seconds, cpuMbPerSecond: size / 1e6 / cpuSeconds, heapGrowthMb: (heapPeak - heapBefore) / 1e6 };
}

/** Figures for the bench table: throughput (wall clock and CPU time) and how much the heap grew during a run. */
export async function benchAnalysis(options: AnalysisBenchOptions = {}): Promise<Figure[]> {
  const { sizeMb = 100, runs = 3, timeModel = 'planner' } = options;
  const dir = await mkdtemp(join(tmpdir(), 'argonaut-analysis-bench-'));
  try {
    const file = await makeFile(dir, sizeMb);
    const size = (await stat(file)).size;
    for (let i = 0; i < 3; i++) await analyseFile(BUNNY, undefined, { analyser: { timeModel } }); // warm-up (JIT)
    const results: Run[] = [];
    for (let i = 0; i < runs; i++) results.push(await runOnce(file, size, timeModel));
    const note = `${(size / 1e6).toFixed(0)} MB (bunny × ${Math.round(size / 3252121)}), ${timeModel} time model`;
    return [
      {
        name: 'G-code analysis',
        unit: 'MB/s',
        samples: results.map((r) => r.mbPerSecond),
        target: '≥ 60 MB/s',
        meets: (m) => m >= 60,
        note: `${note}; OctoPrint ≈ ${OCTOPRINT_MB_PER_S} MB/s`,
      },
      {
        name: 'G-code analysis (CPU time)',
        unit: 'MB/s',
        samples: results.map((r) => r.cpuMbPerSecond),
        target: '≥ 60 MB/s',
        meets: (m) => m >= 60,
        note: 'bytes per second of the process\'s CPU time (less sensitive to a busy machine)',
      },
      {
        name: 'G-code analysis heap growth',
        unit: 'MB',
        samples: results.map((r) => r.heapGrowthMb),
        target: '< 32 MB (flat)',
        meets: (m) => m < 32,
        note: 'peak heap during a run minus the heap before it',
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const model = arg('time-model') === 'feedrate' ? 'feedrate' : 'planner';
  const figures = await benchAnalysis({ sizeMb: Number(arg('size-mb') ?? 100), runs: Number(arg('runs') ?? 3), timeModel: model });
  for (const figure of figures) {
    const sorted = [...figure.samples].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    const samples = figure.samples.map((s) => s.toFixed(1)).join(', ');
    process.stdout.write(`${figure.name}: ${median.toFixed(1)} ${figure.unit} (runs: ${samples}; target ${figure.target}) ${figure.note ?? ''}\n`);
  }
}
