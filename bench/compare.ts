// Prints two runs' figures side by side as Markdown (for the README): `node --import tsx bench/compare.ts LATEST.json PREVIOUS.json`.
import { readFileSync } from 'node:fs';
import { format } from './lib/results.js';

interface SavedFigure {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  target: string;
  met: boolean;
  limit: number | null;
}

const [latestFile, previousFile] = process.argv.slice(2);
if (!latestFile || !previousFile) {
  process.stderr.write('usage: bench/compare.ts LATEST.json PREVIOUS.json\n');
  process.exit(2);
}
const latest = JSON.parse(readFileSync(latestFile, 'utf8')) as { figures: SavedFigure[] };
const previous = JSON.parse(readFileSync(previousFile, 'utf8')) as { figures: SavedFigure[] };
const lines = ['| figure | latest (min – max) | previous | target | met | of limit |', '|---|---|---|---|---|---|'];
for (const figure of latest.figures) {
  const before = previous.figures.find((f) => f.name === figure.name);
  const ofLimit = figure.limit ? `${((figure.median / figure.limit) * 100).toFixed(1)} %` : '–';
  lines.push(
    `| ${figure.name} | ${format(figure.median)} ${figure.unit} (${format(figure.min)} – ${format(figure.max)}) | ${before ? `${format(before.median)} ${before.unit}` : '–'} | ${figure.target} | ${figure.met ? 'yes' : '**no**'} | ${ofLimit} |`,
  );
}
process.stdout.write(lines.join('\n') + '\n');
