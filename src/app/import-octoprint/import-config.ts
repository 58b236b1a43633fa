// Config: OctoPrint's config.yaml values become edits of Argonaut's config.yaml, where Argonaut has not set its own.
import { isDeepStrictEqual } from 'node:util';
import { checkValueAt } from '../../config/index.js';
import { classifyConfig } from './config-mapping.js';
import type { ImportReport, Section } from './import-report.js';

/** What the planning needs of Argonaut's config.yaml (ConfigStore has both). */
export interface ConfigView {
  /** The value as written in the file; undefined when not set. */
  getRaw(path: string): unknown;
  /** The effective value (defaults included). */
  get(path: string): unknown;
}

export interface ConfigEdit {
  path: string;
  value: unknown;
}

export interface Proposal {
  section: Section;
  /** How the report names it, e.g. `serial.port` or `scripts/gcode/afterPrintDone`. */
  subject: string;
  /** Argonaut's key. */
  to: string;
  value: unknown;
  secret?: boolean;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Decides one value: an edit when Argonaut has not set the key (or has the same value), otherwise Argonaut's own
 * value is kept. Values Argonaut's schema refuses are problems.
 */
export function decide(proposal: Proposal, target: ConfigView, report: ImportReport): ConfigEdit | null {
  const { section, subject, to, value } = proposal;
  const named = subject === to ? subject : `${subject} -> ${to}`;
  const invalid = checkValueAt(to, value);
  if (invalid) {
    report.add(section, 'problem', named, `not imported, Argonaut cannot take OctoPrint's value: ${invalid}`);
    return null;
  }
  const valueText = proposal.secret ? '(set, not shown)' : shown(value);
  if (isDeepStrictEqual(target.get(to), value)) {
    report.add(section, 'unchanged', named);
    return null;
  }
  const raw = target.getRaw(to);
  if (raw !== undefined) {
    const ours = proposal.secret ? 'its own value' : shown(raw);
    if (to === 'accessControl.salt') {
      report.add(section, 'problem', named, "Argonaut's config.yaml has another salt: OctoPrint's sha512 passwords cannot be checked until it is replaced");
    } else {
      report.add(section, 'kept', named, `Argonaut's config.yaml has ${ours}; OctoPrint has ${valueText}`);
    }
    return null;
  }
  report.add(section, 'imported', named, `= ${valueText}`);
  return { path: to, value };
}

/** Plans the config.yaml edits; every OctoPrint key is reported, imported or not. */
export function planConfig(octoprintConfig: unknown, target: ConfigView, report: ImportReport): ConfigEdit[] {
  const edits: ConfigEdit[] = [];
  for (const item of classifyConfig(octoprintConfig)) {
    if ('reason' in item) {
      report.add('config', 'not-imported', item.key, item.reason);
      continue;
    }
    const converted = item.mapping.convert ? item.mapping.convert(item.value) : { value: item.value };
    if ('error' in converted) {
      report.add('config', 'problem', item.key, `not imported, OctoPrint's config.yaml value ${converted.error}`);
      continue;
    }
    const edit = decide({ section: 'config', subject: item.key, to: item.mapping.to, value: converted.value, secret: item.mapping.secret }, target, report);
    if (edit) edits.push(edit);
  }
  return edits;
}
