// Benchmark figures: samples, summary statistics, the printed table and the JSON record.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export interface Figure {
  /** e.g. "startup". */
  name: string;
  unit: string;
  samples: number[];
  /** Human text of the target, e.g. "< 0.5 s". */
  target: string;
  /** Whether the median meets the target. */
  meets: (median: number) => boolean;
  /** The physical limit, when there is one, in the same unit. */
  limit?: number;
  note?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** A figure for the tables: thousands grouped, three significant digits below 1000. */
export function format(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

export function table(figures: Figure[]): string {
  const rows = figures.map((f) => {
    const m = median(f.samples);
    const ratio = f.limit ? `${((m / f.limit) * 100).toFixed(1)} %` : '–';
    return [
      f.name,
      `${format(m)} ${f.unit}`,
      format(Math.min(...f.samples)),
      format(Math.max(...f.samples)),
      f.target,
      f.meets(m) ? 'yes' : 'NO',
      ratio,
      f.note ?? '',
    ];
  });
  const header = ['figure', 'median', 'min', 'max', 'target', 'met', 'of limit', 'note'];
  const lines = [header, ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  lines.splice(1, 0, `|${header.map(() => '---').join('|')}|`);
  return lines.join('\n');
}

export function machineDescription(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/** The 1, 5 and 15 minute load averages, e.g. "1.02 / 0.80 / 0.61". */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

/** Writes the run as JSON; `extra` fields (e.g. the load average) go beside `machine`. */
export function writeJson(dir: string, figures: Figure[], extra: Record<string, unknown> = {}): string {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:]/g, '-').replace(/\..+$/, '');
  const file = `${dir}/${stamp}.json`;
  const record = {
    date: new Date().toISOString(),
    machine: machineDescription(),
    ...extra,
    figures: figures.map((f) => ({
      name: f.name,
      unit: f.unit,
      median: median(f.samples),
      min: Math.min(...f.samples),
      max: Math.max(...f.samples),
      samples: f.samples,
      target: f.target,
      met: f.meets(median(f.samples)),
      limit: f.limit ?? null,
      note: f.note ?? null,
    })),
  };
  writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
  return file;
}
