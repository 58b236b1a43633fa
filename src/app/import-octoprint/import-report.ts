// What an OctoPrint import did, item by item: imported, unchanged, kept, not imported (with the reason), or a problem.

/**
 * - imported: written to Argonaut (or, in a dry run, would be);
 * - unchanged: Argonaut has exactly this already;
 * - kept: Argonaut has something different under that name, which is left as it is;
 * - not-imported: there is no Argonaut counterpart, on purpose (the detail says why);
 * - problem: bad input or a failed write: skipped, and the exit code says so.
 */
export type Outcome = 'imported' | 'unchanged' | 'kept' | 'not-imported' | 'problem';

export const SECTIONS = ['basedir', 'config', 'scripts', 'printer profiles', 'groups', 'users', 'app keys', 'files'] as const;
export type Section = (typeof SECTIONS)[number];

export interface ReportEntry {
  section: Section;
  outcome: Outcome;
  /** What the line is about: a user name, a config key, a file path. */
  subject: string;
  detail: string;
}

const LABELS: Record<Outcome, string> = {
  imported: 'imported',
  unchanged: 'unchanged',
  kept: 'kept',
  'not-imported': 'not imported',
  problem: 'PROBLEM',
};

export class ImportReport {
  private readonly list: ReportEntry[] = [];

  constructor(
    readonly source: string,
    readonly target: string,
    readonly dryRun: boolean,
  ) {}

  add(section: Section, outcome: Outcome, subject: string, detail = ''): void {
    this.list.push({ section, outcome, subject, detail });
  }

  get entries(): readonly ReportEntry[] {
    return this.list;
  }

  count(outcome: Outcome, section?: Section): number {
    return this.list.filter((e) => e.outcome === outcome && (section === undefined || e.section === section)).length;
  }

  /** Problems: bad input or failed writes. Any problem makes the command exit with a non-zero code. */
  get problems(): number {
    return this.count('problem');
  }

  /** Whether this import wrote (or, in a dry run, would write) anything. */
  get changedSomething(): boolean {
    return this.count('imported') > 0;
  }

  /** The report as text: a heading, each section's lines (unchanged items counted, not listed), and a summary. */
  lines(): string[] {
    const out: string[] = [
      `Importing OctoPrint's ${this.source} into Argonaut's ${this.target}${this.dryRun ? ' (dry run: nothing is written)' : ''}`,
    ];
    const width = Math.max(...Object.values(LABELS).map((label) => label.length));
    for (const section of SECTIONS) {
      const entries = this.list.filter((e) => e.section === section);
      if (entries.length === 0) continue;
      out.push('', `${section[0]?.toUpperCase() ?? ''}${section.slice(1)}:`);
      for (const entry of entries) {
        if (entry.outcome === 'unchanged') continue;
        const text = entry.detail ? `${entry.subject}: ${entry.detail}` : entry.subject;
        out.push(`  ${LABELS[entry.outcome].padEnd(width)}  ${text}`);
      }
      const unchanged = entries.filter((e) => e.outcome === 'unchanged').length;
      if (unchanged > 0) out.push(`  ${LABELS.unchanged.padEnd(width)}  ${unchanged} item${unchanged === 1 ? '' : 's'} already in Argonaut`);
    }
    const verb = this.dryRun ? 'would be imported' : 'imported';
    out.push(
      '',
      `Summary: ${this.count('imported')} ${verb}, ${this.count('unchanged')} unchanged, ${this.count('kept')} kept as Argonaut has them, ` +
        `${this.count('not-imported')} not imported, ${this.problems} problem${this.problems === 1 ? '' : 's'}.`,
    );
    return out;
  }
}
