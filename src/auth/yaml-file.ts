// A YAML file shared with other processes (the CLI): cheap change detection by stat, serialized atomic writes.
import { readFileSync, statSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { atomicWrite } from '../config/index.js';

export interface YamlFileOptions {
  /** File mode of written files (0o600 for secrets). */
  mode: number;
  /** At most one stat per this many milliseconds. */
  checkIntervalMs?: number;
  now?: () => number;
}

function signatureOf(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

export class YamlFile {
  private signature = 'unread';
  private lastCheck = Number.NEGATIVE_INFINITY;
  private writing: Promise<void> = Promise.resolve();
  private readonly checkIntervalMs: number;
  private readonly now: () => number;

  constructor(
    readonly file: string,
    private readonly options: YamlFileOptions,
  ) {
    this.checkIntervalMs = options.checkIntervalMs ?? 500;
    this.now = options.now ?? Date.now;
  }

  /** Reads and parses the file (YAML 1.1, like OctoPrint's); undefined when it does not exist. Throws on bad YAML. */
  read(): unknown {
    const signature = signatureOf(this.file);
    this.lastCheck = this.now();
    if (signature === 'missing') {
      this.signature = signature;
      return undefined;
    }
    const text = readFileSync(this.file, 'utf8');
    this.signature = signature;
    return parse(text, { version: '1.1' }) ?? undefined;
  }

  /** Whether another process changed the file since it was last read or written (stats at most every interval). */
  changedOnDisk(force = false): boolean {
    const now = this.now();
    if (!force && now - this.lastCheck < this.checkIntervalMs) return false;
    this.lastCheck = now;
    return signatureOf(this.file) !== this.signature;
  }

  /** Writes atomically; writes are queued so an older state never lands after a newer one. */
  write(data: unknown): Promise<void> {
    const text = stringify(data, { version: '1.1' });
    const next = this.writing.then(async () => {
      await atomicWrite(this.file, text, { mode: this.options.mode });
      this.signature = signatureOf(this.file);
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  /** Resolves when every queued write has landed. */
  flush(): Promise<void> {
    return this.writing;
  }
}
