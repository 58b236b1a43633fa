// Issue 19's table, filled from a run: each figure beside OctoPrint 1.11.8's and the bare baseline measured in the same run.
import { median } from './results.js';
import type { Figure } from './results.js';

/** Appended to a figure's name: its median as a share of its limit (%). */
const OF_LIMIT = ' of limit';
/** The streaming drop with the server and its driver process pinned to one core (serial-server-bench.ts). */
const ONE_CORE_DROP = 'streaming slowdown under API load, one core';

interface Row {
  figure: string;
  octoprint: string;
  /** The figure of this run, as text, or null when its suite did not run. */
  argonaut(find: (name: string) => number | null): string | null;
  ratio(find: (name: string) => number | null): string;
  goal: string;
  met(find: (name: string) => number | null): boolean | null;
}

const fixed = (value: number | null, digits: number, unit: string): string | null =>
  value === null ? null : `${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
const times = (value: number | null): string => (value === null || !Number.isFinite(value) ? '–' : `${value.toFixed(1)}×`);
const share = (value: number | null): string => (value === null ? '–' : `${value.toFixed(1)} %`);
const both = (a: boolean | null, b: boolean | null): boolean | null => (a === null || b === null ? null : a && b);
const check = (value: number | null, test: (v: number) => boolean): boolean | null => (value === null ? null : test(value));

const ROWS: Row[] = [
  {
    figure: 'startup to first answer',
    octoprint: '1.25 s',
    argonaut: (f) => fixed(f('startup'), 3, 's'),
    ratio: (f) => times(f('startup') === null ? null : 1.25 / (f('startup') as number)) + ' faster',
    goal: '≥ 10× (≤ 0.125 s)',
    met: (f) => check(f('startup'), (v) => v <= 0.125),
  },
  {
    figure: 'idle RSS, 5 s after start',
    octoprint: '89.8 MiB',
    argonaut: (f) => fixed(f('idle memory'), 1, 'MiB') + (f('idle memory, bare node:http') === null ? '' : ` (bare node:http ${f('idle memory, bare node:http')?.toFixed(1)} MiB)`),
    ratio: (f) => times(f('idle memory') === null ? null : (f('idle memory') as number) / 89.8),
    goal: '≤ 0.5× (≤ 45 MiB)',
    met: (f) => check(f('idle memory'), (v) => v <= 45),
  },
  ...(['100 MB', '1 GB'] as const).map(
    (size): Row => ({
      figure: `upload ${size}, time to 201`,
      octoprint: size === '100 MB' ? '440.6 MB/s' : '–',
      argonaut: (f) => fixed(f(`upload ${size}`), 1, 'MB/s') + ` (bare writer ${f(`upload ${size}, bare node:http writer`)?.toFixed(1) ?? '–'} MB/s)`,
      ratio: (f) => `${share(f(`upload ${size} of bare`))} of bare`,
      goal: '≥ 85 % of bare',
      met: (f) => check(f(`upload ${size} of bare`), (v) => v >= 85),
    }),
  ),
  {
    figure: 'upload RSS growth (100 MB / 1 GB)',
    octoprint: '0.4 MiB',
    argonaut: (f) => (f('upload 100 MB RSS growth') === null ? null : `${f('upload 100 MB RSS growth')?.toFixed(1)} / ${f('upload 1 GB RSS growth')?.toFixed(1) ?? '–'} MiB`),
    ratio: () => '',
    goal: '< 8 MiB at both',
    met: (f) => both(check(f('upload 100 MB RSS growth'), (v) => v < 8), check(f('upload 1 GB RSS growth'), (v) => v < 8)),
  },
  {
    figure: 'G-code analysis, in the server',
    octoprint: '3.62 MB/s',
    argonaut: (f) => fixed(f('G-code analysis in the server'), 1, 'MB/s'),
    ratio: (f) => times(f('G-code analysis in the server') === null ? null : (f('G-code analysis in the server') as number) / 3.62),
    goal: '≥ 40× (≥ 145 MB/s)',
    met: (f) => check(f('G-code analysis in the server'), (v) => v >= 145),
  },
  {
    figure: 'offline analysis, 9.8 MB, whole process',
    octoprint: '3.9 MB/s',
    argonaut: (f) => fixed(f('`argonaut analyse` 9.8 MB, whole process'), 1, 'MB/s') + `, ${f('`argonaut analyse` peak RSS')?.toFixed(1) ?? '–'} MiB RSS`,
    ratio: (f) => times(f('`argonaut analyse` 9.8 MB, whole process') === null ? null : (f('`argonaut analyse` 9.8 MB, whole process') as number) / 3.9),
    goal: '≥ 20× (≥ 78 MB/s), < 60 MiB',
    met: (f) => both(check(f('`argonaut analyse` 9.8 MB, whole process'), (v) => v >= 78), check(f('`argonaut analyse` peak RSS'), (v) => v < 60)),
  },
  {
    figure: 'streaming, instant virtual printer',
    octoprint: '7,546 lines/s',
    argonaut: (f) => fixed(f('streaming'), 0, 'lines/s'),
    ratio: (f) => times(f('streaming') === null ? null : (f('streaming') as number) / 7546),
    goal: 'keep it',
    met: (f) => check(f('streaming'), (v) => v >= 7546),
  },
  {
    figure: 'streaming while 5 clients poll /api/printer, one core',
    octoprint: '−78 %',
    argonaut: (f) => fixed(f(ONE_CORE_DROP), 1, '% slower'),
    ratio: () => '',
    goal: 'drop < 5 %',
    met: (f) => check(f(ONE_CORE_DROP), (v) => v < 5),
  },
  {
    figure: 'streaming while 5 clients poll /api/printer, two cores',
    octoprint: '–',
    argonaut: (f) => fixed(f('streaming slowdown under API load'), 1, '% slower'),
    ratio: () => '',
    goal: 'drop < 5 %',
    met: (f) => check(f('streaming slowdown under API load'), (v) => v < 5),
  },
  {
    figure: '/api/version, 10 connections',
    octoprint: '985 req/s',
    argonaut: (f) => fixed(f('API /api/version'), 0, 'req/s') + ` (bare node:http ${fixed(f('API /api/version, bare node:http'), 0, 'req/s') ?? '–'})`,
    ratio: (f) => `${share(f('API /api/version of bare'))} of bare`,
    goal: '≥ 85 % of bare',
    met: (f) => check(f('API /api/version of bare'), (v) => v >= 85),
  },
  {
    figure: 'wire 250000 baud, of the one-line-in-flight limit',
    octoprint: '–',
    argonaut: (f) => fixed(f('wire 250000 baud'), 1, 'lines/s'),
    ratio: (f) => `${share(f('wire 250000 baud' + OF_LIMIT))} of the limit`,
    goal: '≥ 97 % of the limit',
    met: (f) => check(f('wire 250000 baud' + OF_LIMIT), (v) => v >= 97),
  },
  ...(['', ', 5 clients polling'] as const).map(
    (load): Row => ({
      figure: `serial pty 250000 baud through the server${load}, of the limit`,
      octoprint: '–',
      argonaut: (f) => fixed(f(`serial server 250000 baud${load}`), 1, 'lines/s'),
      ratio: (f) => `${share(f(`serial server 250000 baud${load}` + OF_LIMIT))} of the limit`,
      goal: '≥ 97 % of the limit',
      met: (f) => check(f(`serial server 250000 baud${load}` + OF_LIMIT), (v) => v >= 97),
    }),
  ),
];

/** The issue's table as Markdown, medians of this run; rows whose suite did not run are left out. */
export function issueTable(figures: readonly Figure[]): string {
  const find = (name: string): number | null => {
    const ofLimit = name.endsWith(OF_LIMIT);
    const figure = figures.find((f) => f.name === (ofLimit ? name.slice(0, -OF_LIMIT.length) : name));
    if (!figure) return null;
    if (!ofLimit) return median(figure.samples);
    return figure.limit ? (median(figure.samples) / figure.limit) * 100 : null;
  };
  const lines = ['| figure | OctoPrint 1.11.8 | Argonaut (this run) | ratio | goal | met |', '|---|---|---|---|---|---|'];
  for (const row of ROWS) {
    const value = row.argonaut(find);
    if (value === null || value.startsWith('null')) continue;
    const met = row.met(find);
    lines.push(`| ${row.figure} | ${row.octoprint} | ${value} | ${row.ratio(find)} | ${row.goal} | ${met === null ? '–' : met ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n');
}
