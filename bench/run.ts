// `npm run bench`: runs every benchmark against the real server and prints the table (and writes JSON).
import { join } from 'node:path';
import { benchAnalysis } from './analysis-bench.js';
import { machineDescription, table, writeJson } from './lib/results.js';
import type { Figure } from './lib/results.js';
import { repoRoot } from './lib/server-process.js';
import { benchServer } from './server-bench.js';
import { TORUS, benchStreaming } from './streaming-bench.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const smoke = args.includes('--smoke');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');

interface Suite {
  name: string;
  run(): Promise<Figure[]>;
}

const suites: Suite[] = [
  {
    name: 'server',
    run: () =>
      benchServer(
        smoke ? { runs: 1, apiSeconds: 1, idleWaitMs: 500 } : quick ? { runs: 3, apiSeconds: 3, idleWaitMs: 5000 } : { runs: 5, apiSeconds: 10, idleWaitMs: 5000 },
      ),
  },
  {
    name: 'analysis',
    run: () => benchAnalysis(smoke ? { sizeMb: 5, runs: 1 } : quick ? { runs: 2 } : { runs: 3 }),
  },
  {
    name: 'streaming',
    run: () => benchStreaming(smoke ? { runs: 1, file: TORUS } : { runs: 3 }),
  },
];

const figures: Figure[] = [];
for (const suite of suites) {
  if (only && !only.includes(suite.name)) continue;
  process.stdout.write(`running ${suite.name} …\n`);
  figures.push(...(await suite.run()));
}
process.stdout.write(`\nArgonaut benchmarks on ${machineDescription()}${quick ? ' (quick)' : smoke ? ' (smoke)' : ''}\n\n`);
process.stdout.write(table(figures) + '\n');
if (!smoke) {
  const file = writeJson(join(repoRoot, 'bench', 'results'), figures);
  process.stdout.write(`\nresults written to ${file}\n`);
}
