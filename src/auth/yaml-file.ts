// A YAML file shared with other processes (the CLI, an editor): change detection by file signature, serialized atomic writes, and no overwriting of a file someone left broken.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse, stringify } from 'yaml';
import { atomicWrite, fileSignature, signatureOf } from '../config/index.js';
import { ArgonautError } from '../shared/index.js';

export interface YamlFileOptions {
  /** File mode of written files (0o600 for secrets). */
  mode: number;
}

export class YamlFile {
  private signature = 'unread';
  private problemText: string | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly options: YamlFileOptions,
  ) {}

  /** Reads and parses the file (YAML 1.1, like OctoPrint's); undefined when it does not exist. Throws on bad YAML. */
  read(): unknown {
    // The signature is taken first: a change made while reading is then seen by the next check.
    this.signature = fileSignature(this.file);
    if (this.signature === 'missing') {
      this.problemText = null;
      return undefined;
    }
    const text = readFileSync(this.file, 'utf8');
    try {
      const data: unknown = parse(text, { version: '1.1' }) ?? undefined;
      this.problemText = null;
      return data;
    } catch (error) {
      const first = (error as Error).message.split('\n')[0]?.replace(/:$/, '');
      this.problemText = `${basename(this.file)} is not valid YAML: ${first}.`;
      throw new Error(this.problemText);
    }
  }

  /** Whether another process changed the file since it was last read or written (one stat). */
  changedOnDisk(): boolean {
    return fileSignature(this.file) !== this.signature;
  }

  /** Why the file as last read cannot be used (it is not valid YAML), or null. */
  get problem(): string | null {
    return this.problemText;
  }

  /** Throws 'conflict' while the file on disk is broken: a write would replace what its author is still fixing. */
  requireReadable(): void {
    if (this.problemText !== null) {
      throw new ArgonautError('conflict', `Nothing was saved: ${this.problemText} Fix the file first (the server keeps using what it read before).`);
    }
  }

  /** Writes atomically; writes are queued so an older state never lands after a newer one. */
  write(data: unknown): Promise<void> {
    const text = stringify(data, { version: '1.1' });
    const next = this.writing.then(async () => {
      const stats = await atomicWrite(this.file, text, { mode: this.options.mode });
      this.signature = signatureOf(stats);
      this.problemText = null;
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  /** Resolves when every queued write has landed. */
  flush(): Promise<void> {
    return this.writing;
  }
}
