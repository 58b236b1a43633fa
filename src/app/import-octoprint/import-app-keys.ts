// Application keys: OctoPrint's data/appkeys/keys.yaml (user → [{app_id, api_key}]), stored hashed so paired apps go on working.
import { API_KEY_PREFIX_LENGTH, hashApiKey, parseAppKeys } from '../../auth/index.js';
import type { AppKeysService } from '../../auth/index.js';
import type { ImportReport } from './import-report.js';
import { isRecord, readYamlFile, reasonOf } from './octoprint-source.js';

export interface AppKeysImport {
  sourceFile: string;
  targetFile: string;
  /** Every user Argonaut has after the users were imported. */
  users: ReadonlySet<string>;
  /** Opens Argonaut's app keys; null in a dry run. */
  open: (() => AppKeysService) | null;
  report: ImportReport;
}

interface KnownKey {
  user: string;
  app: string;
  hash: string;
}

const sameApp = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Imports the app keys (unless a dry run). */
export async function importAppKeys(options: AppKeysImport): Promise<void> {
  const { report } = options;
  const target = await readYamlFile(options.targetFile);
  if (target.state === 'bad') {
    report.add('app keys', 'problem', options.targetFile, `Argonaut's app keys file ${target.reason}; no app key imported`);
    return;
  }
  const known: KnownKey[] = parseAppKeys(target.state === 'ok' ? target.data : undefined).keys.map((k) => ({ user: k.user, app: k.app, hash: k.hash }));
  const source = await readYamlFile(options.sourceFile);
  if (source.state === 'bad') report.add('app keys', 'problem', options.sourceFile, `${source.reason}; no app key imported`);
  if (source.state !== 'ok' || source.data === undefined) return;
  if (!isRecord(source.data)) {
    report.add('app keys', 'problem', options.sourceFile, 'does not hold a map of users to keys; no app key imported');
    return;
  }
  let service: AppKeysService | null = null;
  try {
    for (const [user, entries] of Object.entries(source.data)) {
      for (const entry of Array.isArray(entries) ? entries : [entries]) {
        if (!isRecord(entry) || typeof entry.app_id !== 'string' || typeof entry.api_key !== 'string' || entry.api_key === '') {
          report.add('app keys', 'problem', `${options.sourceFile}: ${user}`, 'an entry without app_id and api_key; not imported');
          continue;
        }
        const app = entry.app_id;
        const subject = `${app} (user ${user})`;
        if (!options.users.has(user)) {
          report.add('app keys', 'not-imported', subject, `Argonaut has no user ${user}`);
          continue;
        }
        const hash = hashApiKey(entry.api_key);
        const same = known.find((k) => k.hash === hash);
        if (same) {
          if (same.user === user && sameApp(same.app, app)) report.add('app keys', 'unchanged', subject);
          else report.add('app keys', 'kept', subject, `Argonaut has this key for ${same.app} of ${same.user}`);
          continue;
        }
        if (known.some((k) => k.user === user && sameApp(k.app, app))) {
          report.add('app keys', 'kept', subject, 'Argonaut has another key for this app and user');
          continue;
        }
        try {
          if (options.open) {
            service ??= options.open();
            await service.importKey(user, app, entry.api_key);
          }
          known.push({ user, app, hash });
          report.add('app keys', 'imported', subject, `key ${entry.api_key.slice(0, API_KEY_PREFIX_LENGTH)}…, all of ${user}'s permissions`);
        } catch (error) {
          report.add('app keys', 'problem', `${options.sourceFile}: ${subject}`, `not imported: ${reasonOf(error)}`);
        }
      }
    }
  } finally {
    await service?.close();
  }
}
