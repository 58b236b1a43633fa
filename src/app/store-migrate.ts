// `argonaut store migrate`: a basedir's users, groups and keys into the shared PostgreSQL store, with a line per document.
import { FileAccessStore, PostgresAccessStore, copyDocuments, describeDatabase } from '../auth/index.js';
import type { MigrationStep } from '../auth/index.js';
import { ensureBasedir } from '../config/index.js';

const WHAT: Record<MigrationStep['document'], string> = { users: 'users', groups: 'groups', appkeys: 'application keys', remember: 'remember-me tokens' };

export interface StoreMigrateOptions {
  basedir: string;
  /** postgresql://… */
  to: string;
  /** Told before and after each document. */
  line: (text: string) => void;
}

/** Copies every document; what the database holds already stays unless the basedir has the same entry. */
export async function migrateStore(options: StoreMigrateOptions): Promise<MigrationStep[]> {
  const basedir = ensureBasedir(options.basedir);
  const files = new FileAccessStore(basedir);
  const where = describeDatabase(options.to);
  options.line(`Connecting to ${where} (the schema is created or brought up to date) ...`);
  const target = await PostgresAccessStore.open({ url: options.to, graceMs: 0, info: options.line, warn: options.line });
  try {
    const total = 4;
    let done = 0;
    return await copyDocuments(files, target, (step) => {
      done += 1;
      options.line(`[${done}/${total}] ${WHAT[step.document]}: ${step.entries === 0 ? 'none in the basedir' : `${step.entries} copied`}`);
    });
  } finally {
    await target.close();
  }
}
