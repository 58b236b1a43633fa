// One access-control document as a row of access_documents: held in memory for synchronous reads, written in a transaction that merges what other hosts wrote meanwhile.
import { ArgonautError } from '../../../shared/index.js';
import type { StoredDocument } from '../stored-document.js';

/** What a document needs from the database. */
export interface DocumentDatabase {
  /**
   * In one transaction: reads the row (locking it); when its revision is not `baseRevision`, merges `ours` with
   * the row's data as changed since `base`; writes the result with the next revision and notifies every host.
   */
  writeDocument(name: string, base: unknown, baseRevision: number, ours: unknown): Promise<{ data: unknown; revision: number; merged: boolean }>;
  /** Throws 'unavailable' while the database cannot be reached. */
  requireWritable(): void;
}

function copy(data: unknown): unknown {
  return data === undefined ? undefined : structuredClone(data);
}

export class PostgresDocument implements StoredDocument {
  readonly problem = null;
  private data: unknown = undefined;
  private revision = 0;
  /** The revision the owner last read. */
  private readRevision = 0;
  /** The data and revision the owner's memory stands for: as last read, plus every change handed to write since. */
  private base: unknown = undefined;
  private baseRevision = 0;
  private writing: Promise<void> = Promise.resolve();
  private queued = 0;

  constructor(
    readonly name: string,
    private readonly database: DocumentDatabase,
    /** Called when a write of ours was merged with another host's change: the owner should read the result. */
    private readonly onStale: () => void = () => undefined,
  ) {}

  /** Data fetched from the database; ignored unless newer than what is held. Returns whether it was newer. */
  install(data: unknown, revision: number): boolean {
    if (revision <= this.revision) return false;
    this.data = data === null ? undefined : data;
    this.revision = revision;
    return true;
  }

  read(): unknown {
    this.readRevision = this.revision;
    this.base = copy(this.data);
    this.baseRevision = this.revision;
    return copy(this.data);
  }

  changedOnDisk(): boolean {
    return this.queued === 0 && this.revision !== this.readRevision;
  }

  requireReadable(): void {
    this.database.requireWritable();
  }

  write(data: unknown): Promise<void> {
    const ours = copy(data);
    const base = this.base;
    this.base = ours;
    this.queued += 1;
    const next = this.writing.then(async () => {
      const written = await this.database.writeDocument(this.name, base, this.baseRevision, ours);
      const current = this.readRevision === this.revision;
      this.install(written.data, written.revision);
      // Merged with another host's change: the owner reads the result back (changedOnDisk), as with a file; until
      // then its writes keep merging against the row.
      if (written.merged) return;
      this.baseRevision = written.revision;
      if (current) this.readRevision = written.revision;
    });
    const settled = next.finally(() => {
      this.queued -= 1;
    });
    void settled.then(() => {
      if (this.changedOnDisk()) this.onStale();
    }, () => undefined);
    this.writing = settled.catch(() => undefined);
    return settled.catch((error: unknown) => {
      if (error instanceof ArgonautError) throw error;
      throw new ArgonautError('unavailable', `Nothing was saved: the access-control database did not take the change (${(error as Error).message}).`);
    });
  }

  flush(): Promise<void> {
    return this.writing;
  }
}
