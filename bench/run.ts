// `npm run bench`: runs every benchmark against the real server and prints the table (and writes JSON).
// Flags: --quick (under two minutes), --smoke (tiny sizes, one sample each; used by the tests), --only=suite,suite.
import { join } from 'node:path';
import { benchAnalysis } from './analysis-bench.js';
import { benchServerAnalysis } from './analysis-server-bench.js';
import { benchApiStreaming } from './api-streaming-bench.js';
import { benchCamera } from './camera-bench.js';
import { BUNNY, TORUS } from './lib/gcode-files.js';
import { issueTable } from './lib/issue-table.js';
import { loadAverage, machineDescription, table, writeJson } from './lib/results.js';
import type { Figure } from './lib/results.js';
import { ServerPool } from './lib/server-pool.js';
import { repoRoot } from './lib/server-process.js';
import { benchPush } from './push-bench.js';
import { benchSerial } from './serial-bench.js';
import { benchSerialServer } from './serial-server-bench.js';
import { benchServer } from './server-bench.js';
import { benchStreaming } from './streaming-bench.js';
import { benchTimelapse } from './timelapse-bench.js';
import { benchUpload } from './upload-bench.js';
import { benchWire } from './wire-bench.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const smoke = args.includes('--smoke');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const MB = 1e6;

interface Suite {
  name: string;
  run(): Promise<Figure[]>;
}

const pool = new ServerPool();
// Interrupted or crashed runs leave no servers behind.
process.on('exit', () => pool.killNow());
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
const pick = <T>(values: { smoke: T; quick: T; full: T }): T => (smoke ? values.smoke : quick ? values.quick : values.full);

const suites: Suite[] = [
  {
    name: 'server',
    run: () =>
      benchServer(
        pick({
          smoke: { runs: 1, apiSeconds: 1, idleWaitMs: 500 },
          quick: { runs: 2, apiSeconds: 2, idleWaitMs: 5000 },
          full: { runs: 5, apiSeconds: 10, idleWaitMs: 5000 },
        }),
      ),
  },
  {
    name: 'analysis',
    run: () => benchAnalysis(pick({ smoke: { sizeMb: 5, runs: 1 }, quick: { sizeMb: 30, runs: 2 }, full: { runs: 3 } })),
  },
  {
    name: 'analysis-server',
    run: () =>
      benchServerAnalysis(pool, pick({ smoke: { sizeMb: 5, runs: 1, cliRuns: 1 }, quick: { sizeMb: 50, runs: 1, cliRuns: 3 }, full: { sizeMb: 100, runs: 3, cliRuns: 5 } })),
  },
  {
    name: 'upload',
    run: () =>
      benchUpload(pool, pick({ smoke: { sizes: [5 * MB], runs: 1 }, quick: { sizes: [100 * MB, 1000 * MB], runs: 1 }, full: { sizes: [100 * MB, 1000 * MB], runs: 3 } })),
  },
  {
    name: 'streaming',
    run: () => benchApiStreaming(pool, pick({ smoke: { file: TORUS, runs: 1, pushClients: 10 }, quick: { file: BUNNY, runs: 1, pushClients: 100 }, full: { file: BUNNY, runs: 3, pushClients: 100 } })),
  },
  {
    // The driver alone, in this process (no HTTP, no push): what the streaming figures above are made of.
    name: 'driver',
    run: () => benchStreaming(pick({ smoke: { runs: 1, file: TORUS }, quick: { runs: 1 }, full: { runs: 3 } })),
  },
  {
    name: 'wire',
    run: () =>
      benchWire(
        pool,
        pick({
          smoke: { baudrates: [250000], ceilingCommands: 100, plannerCommands: 30, runs: 1 },
          quick: { baudrates: [115200, 250000], ceilingCommands: 300, plannerCommands: 60, runs: 1 },
          full: { baudrates: [115200, 250000], ceilingCommands: 3000, plannerCommands: 200, runs: 3 },
        }),
      ),
  },
  {
    // The real serial code path over a pseudo-terminal to the fake Marlin process (driver level, see serial-bench.ts).
    name: 'serial',
    run: () =>
      benchSerial(
        pool,
        pick({
          smoke: { commands: 100, runs: 1, baudrate: 250000 },
          quick: { commands: 1000, runs: 1, baudrate: 250000 },
          full: { commands: 3000, runs: 3, baudrate: 250000 },
        }),
      ),
  },
  {
    // The whole server on the real serial path (pty, fake Marlin), and the instant virtual printer on one core (taskset).
    name: 'serial-server',
    run: () =>
      benchSerialServer(
        pool,
        pick({
          smoke: { commands: 100, file: TORUS, runs: 1, baudrate: 250000 },
          quick: { commands: 1000, file: BUNNY, runs: 2, baudrate: 250000 },
          full: { commands: 3000, file: BUNNY, runs: 3, baudrate: 250000 },
        }),
      ),
  },
  {
    // Printing while ffmpeg renders a timelapse at low priority.
    name: 'timelapse',
    run: () => benchTimelapse(pick({ smoke: { file: TORUS, runs: 1, frames: 25 }, quick: { file: BUNNY, runs: 6, frames: 250 }, full: { file: BUNNY, runs: 12, frames: 500 } })),
  },
  {
    name: 'push',
    run: () =>
      benchPush(
        pool,
        pick({
          smoke: { clients: [1, 10], windowSeconds: 1, runs: 1 },
          quick: { clients: [1, 10, 100], windowSeconds: 2, runs: 1 },
          full: { clients: [1, 10, 100], windowSeconds: 10, runs: 3 },
        }),
      ),
  },
  {
    // The local camera (ffmpeg's testsrc) watched by 1 and by 10 viewers: frames are read once and fanned out.
    name: 'camera',
    run: () => benchCamera(pool, pick({ smoke: { windowSeconds: 1, runs: 1 }, quick: { windowSeconds: 5, runs: 1 }, full: { windowSeconds: 10, runs: 3 } })),
  },
];

const loadBefore = loadAverage();
const started = performance.now();
const figures: Figure[] = [];
try {
  for (const suite of suites) {
    if (only && !only.includes(suite.name)) continue;
    process.stdout.write(`running ${suite.name} …`);
    const suiteStarted = performance.now();
    figures.push(...(await suite.run()));
    process.stdout.write(` ${((performance.now() - suiteStarted) / 1000).toFixed(1)} s\n`);
  }
} finally {
  await pool.close();
}
const loadAfter = loadAverage();
const minutes = (performance.now() - started) / 60_000;
const mode = quick ? ' (quick)' : smoke ? ' (smoke)' : '';
process.stdout.write(`\nArgonaut benchmarks on ${machineDescription()}${mode}, ${minutes.toFixed(1)} min\n`);
process.stdout.write(`load average (1 / 5 / 15 min): ${loadBefore} before, ${loadAfter} after\n\n`);
process.stdout.write(table(figures) + '\n');
process.stdout.write(`\nIssue 19's table (OctoPrint 1.11.8's figures from the issue's side-by-side run):\n\n${issueTable(figures)}\n`);
if (!smoke) {
  const file = writeJson(join(repoRoot, 'bench', 'results'), figures, { mode: quick ? 'quick' : 'full', minutes, loadBefore, loadAfter });
  process.stdout.write(`\nresults written to ${file}\n`);
}
