// One document of access-control data (the users, the groups, the app keys, the remember-me tokens), wherever it lives.

/**
 * What the stores of src/auth read and write: a file in the basedir (YamlFile) or a row of a shared PostgreSQL
 * database (PostgresDocument). Reads are synchronous (the data is held in memory); writes are queued and atomic,
 * and merge in what another process or host wrote meanwhile.
 */
export interface StoredDocument {
  /** The data as last known (undefined: none yet). Throws when it cannot be parsed. */
  read(): unknown;
  /** Someone else changed the document since it was last read or written: read it again. */
  changedOnDisk(): boolean;
  /** Why the document as last read cannot be used, or null. */
  readonly problem: string | null;
  /** Throws 'conflict' while the document is broken (a write would replace what its author is still fixing). */
  requireReadable(): void;
  /** Writes the whole document; writes land in order. */
  write(data: unknown): Promise<void>;
  /** Resolves when every queued write has landed. */
  flush(): Promise<void>;
}
