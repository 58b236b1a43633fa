// Printer profiles: OctoPrint's printerProfiles/<id>.profile files, validated as Argonaut's, and the default profile.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_PROFILE_ID, defaultProfile, mergeDeep, sanitizeProfileId, validateProfile } from '../../printer/index.js';
import type { PrinterProfile, PrinterProfileStore } from '../../printer/index.js';
import { decide } from './import-config.js';
import type { ConfigEdit, ConfigView } from './import-config.js';
import type { ImportReport } from './import-report.js';
import { isRecord, readYamlFile, reasonOf, valueAt } from './octoprint-source.js';

const SUFFIX = '.profile';

export interface PrinterProfilesImport {
  /** OctoPrint's printerProfiles folder. */
  source: string;
  /** Argonaut's printerProfiles folder. */
  target: string;
  octoprintConfig: unknown;
  config: ConfigView;
  /** Opened only when something is written (its constructor writes the default profile). */
  openStore: (() => PrinterProfileStore) | null;
  report: ImportReport;
}

/** A profile file as Argonaut reads it: merged over the defaults and validated; null when missing, else the error. */
async function readProfile(file: string, id: string): Promise<{ profile: PrinterProfile } | { error: string } | null> {
  const read = await readYamlFile(file);
  if (read.state === 'missing') return null;
  if (read.state === 'bad') return { error: read.reason };
  if (!isRecord(read.data)) return { error: 'does not hold a printer profile' };
  const result = validateProfile(mergeDeep(read.data, { id }));
  return 'error' in result ? { error: `is not a valid printer profile: ${result.error}` } : result;
}

async function profileIds(folder: string, report: ImportReport): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && e.name.endsWith(SUFFIX) && !e.name.startsWith('.'))
      .map((e) => e.name.slice(0, -SUFFIX.length))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') report.add('printer profiles', 'problem', folder, `cannot be read: ${reasonOf(error)}`);
    return [];
  }
}

/** Writes the profiles (unless a dry run) and returns the edit of printerProfiles.default, if any. */
export async function importPrinterProfiles(options: PrinterProfilesImport): Promise<ConfigEdit[]> {
  const { report } = options;
  const available = new Set<string>();
  let store: PrinterProfileStore | null = null;
  for (const id of await profileIds(options.source, report)) {
    const file = join(options.source, `${id}${SUFFIX}`);
    if (sanitizeProfileId(id) !== id) {
      report.add('printer profiles', 'problem', file, 'the file name is not a valid profile id; not imported');
      continue;
    }
    const source = await readProfile(file, id);
    if (source === null || 'error' in source) {
      report.add('printer profiles', 'problem', file, `${source?.error ?? 'vanished while reading'}; not imported`);
      continue;
    }
    const existing = await readProfile(join(options.target, `${id}${SUFFIX}`), id);
    const current = existing && 'profile' in existing ? existing.profile : null;
    if (current && isDeepStrictEqual(current, source.profile)) {
      available.add(id);
      report.add('printer profiles', 'unchanged', id);
      continue;
    }
    const untouchedDefault = id === DEFAULT_PROFILE_ID && (existing === null || (current !== null && isDeepStrictEqual(current, defaultProfile())));
    if (existing !== null && !untouchedDefault) {
      available.add(id);
      report.add('printer profiles', 'kept', id, 'Argonaut has a different profile with this id');
      continue;
    }
    try {
      if (options.openStore) {
        store ??= options.openStore();
        await store.save(source.profile as unknown as Record<string, unknown>, { allowOverwrite: true, makeDefault: false });
      }
      available.add(id);
      report.add('printer profiles', 'imported', id, `${source.profile.name} (${source.profile.model || 'no model'})`);
    } catch (error) {
      report.add('printer profiles', 'problem', id, `could not be written: ${reasonOf(error)}`);
    }
  }
  const chosen = valueAt(options.octoprintConfig, 'printerProfiles.default');
  if (typeof chosen !== 'string' || chosen === '') return [];
  if (!available.has(chosen) && chosen !== DEFAULT_PROFILE_ID) {
    report.add('printer profiles', 'not-imported', 'printerProfiles.default', `the profile ${chosen} was not imported`);
    return [];
  }
  if (chosen === DEFAULT_PROFILE_ID && options.config.get('printerProfiles.default') === null) {
    report.add('printer profiles', 'unchanged', 'printerProfiles.default');
    return [];
  }
  const edit = decide({ section: 'printer profiles', subject: 'printerProfiles.default', to: 'printerProfiles.default', value: chosen }, options.config, report);
  return edit ? [edit] : [];
}
