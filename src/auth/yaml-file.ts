// A YAML file shared with other processes (the CLI, an editor): change detection by file signature, serialized atomic writes that merge in what others wrote meanwhile, and no overwriting of a file someone left broken.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse, stringify } from 'yaml';
import { atomicWrite, fileSignature, signatureOf } from '../config/index.js';
import { ArgonautError } from '../shared/index.js';
import { mergeChanges } from './yaml-merge.js';

export interface YamlFileOptions {
  /** File mode of written files (0o600 for secrets). */
  mode: number;
}

export class YamlFile {
  private signature = 'unread';
  private problemText: string | null = null;
  private writing: Promise<void> = Promise.resolve();
  /** The data the owner's memory stands for: as last read, plus every change handed to write since. */
  private base: unknown = undefined;
  /** Writes queued and not yet landed. */
  private queued = 0;
  /** The file holds what the owner's memory does not (another process wrote it): read it again once writes land. */
  private behind = false;

  constructor(
    readonly file: string,
    private readonly options: YamlFileOptions,
  ) {}

  /** Reads and parses the file (YAML 1.1, like OctoPrint's); undefined when it does not exist. Throws on bad YAML. */
  read(): unknown {
    // The signature is taken first: a change made while reading is then seen by the next check.
    this.signature = fileSignature(this.file);
    this.behind = false;
    if (this.signature === 'missing') {
      this.problemText = null;
      this.base = undefined;
      return undefined;
    }
    const text = readFileSync(this.file, 'utf8');
    try {
      const data: unknown = parse(text, { version: '1.1' }) ?? undefined;
      this.problemText = null;
      this.base = structuredClone(data);
      return data;
    } catch (error) {
      const first = (error as Error).message.split('\n')[0]?.replace(/:$/, '');
      this.problemText = `${basename(this.file)} is not valid YAML: ${first}.`;
      throw new Error(this.problemText);
    }
  }

  /**
   * Whether the file should be read again: another process changed it since it was last read or written (one stat).
   * Always false while a write is on its way (the write merges the other process's changes in); the owner asks again
   * once its writes have landed, and is then told to read.
   */
  changedOnDisk(): boolean {
    if (this.queued > 0) {
      this.behind ||= fileSignature(this.file) !== this.signature;
      return false;
    }
    return this.behind || fileSignature(this.file) !== this.signature;
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

  /**
   * Writes atomically; writes are queued so an older state never lands after a newer one. When another process
   * changed the file since, its changes are merged in (see mergeChanges) and changedOnDisk() then asks the owner to
   * read the file again, so memory and disk agree. A file left broken meanwhile is not overwritten ('conflict').
   */
  write(data: unknown): Promise<void> {
    const ours = structuredClone(data);
    const base = this.base;
    this.base = ours;
    this.queued += 1;
    const next = this.writing.then(async () => {
      let out = ours;
      if (this.behind || fileSignature(this.file) !== this.signature) {
        const theirs = this.readTheirs();
        if (theirs !== undefined) {
          out = mergeChanges(base, ours, theirs);
          this.behind = true;
        }
      }
      const stats = await atomicWrite(this.file, stringify(out, { version: '1.1' }), { mode: this.options.mode });
      this.signature = signatureOf(stats);
      this.problemText = null;
    });
    const settled = next.finally(() => {
      this.queued -= 1;
    });
    this.writing = settled.catch(() => undefined);
    return settled;
  }

  /** The file as another process left it (undefined: gone, so ours is written as it is); throws while it is broken. */
  private readTheirs(): unknown {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return parse(text, { version: '1.1' }) ?? {};
    } catch {
      this.behind = true;
      throw new ArgonautError('conflict', `Nothing was saved: ${basename(this.file)} was changed meanwhile and is not valid YAML. Fix the file first.`);
    }
  }

  /** Resolves when every queued write has landed. */
  flush(): Promise<void> {
    return this.writing;
  }
}
