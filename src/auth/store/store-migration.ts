// Copies a basedir's users, groups, app keys and remember-me tokens into a shared store, keeping what the store holds already.
import { parseAppKeys, serializeAppKeys } from '../app-keys/index.js';
import { mergeChanges } from '../yaml-merge.js';
import { parseUsers, serializeUsers } from '../users-file.js';
import { DOCUMENT_NAMES } from './access-store.js';
import type { AccessStore, DocumentName } from './access-store.js';
import type { StoredDocument } from './stored-document.js';

export interface MigrationStep {
  document: DocumentName;
  /** Entries copied (users, groups, keys, tokens); 0 when the basedir has none. */
  entries: number;
}

/** The basedir's data as the server would keep it: OctoPrint's plaintext keys hashed, fields brought up to date. */
function normalised(name: DocumentName, data: unknown): unknown {
  if (data === undefined) return undefined;
  if (name === 'users') return serializeUsers(parseUsers(data).users.values());
  if (name === 'appkeys') return serializeAppKeys(parseAppKeys(data).keys);
  return data;
}

function countOf(name: DocumentName, data: unknown): number {
  if (typeof data !== 'object' || data === null) return 0;
  if (name === 'remember') return Array.isArray((data as { rememberTokens?: unknown }).rememberTokens) ? (data as { rememberTokens: unknown[] }).rememberTokens.length : 0;
  if (name === 'groups') return Object.keys((data as { groups?: object }).groups ?? data).length;
  if (name === 'appkeys') return parseAppKeys(data).keys.length;
  return Object.keys(data).length;
}

/**
 * Every document of `from` merged into `to`: entries only the store has stay, entries of the basedir are added or
 * replace the store's. Throws (before writing anything) when a basedir file is not valid YAML.
 */
export async function copyDocuments(from: AccessStore, to: AccessStore, onStep?: (step: MigrationStep) => void): Promise<MigrationStep[]> {
  const sources = DOCUMENT_NAMES.map((name) => ({ name, data: normalised(name, from.document(name).read()) }));
  const steps: MigrationStep[] = [];
  for (const { name, data } of sources) {
    const step = { document: name, entries: countOf(name, data) };
    if (data !== undefined) {
      const target: StoredDocument = to.document(name);
      const current = target.read();
      target.requireReadable();
      await target.write(mergeChanges(undefined, data, current));
    }
    steps.push(step);
    onStep?.(step);
  }
  return steps;
}
