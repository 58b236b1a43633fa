// config.yaml on disk: load with validation, read values, follow edits made behind the server, and edit keys while keeping comments and unknown keys.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Document, isMap, parseDocument } from 'yaml';
import { ArgonautError } from '../shared/index.js';
import { atomicWrite, atomicWriteSync } from './atomic-write.js';
import { changedPaths, needsRestart } from './config-changes.js';
import { fileSignature, signatureOf } from './file-signature.js';
import { checkValueAt, resolveConfig } from './resolve.js';
import type { Config } from './schema/index.js';

/** setIn that creates missing parents as plain maps (YAML 1.1 mode would otherwise make !!omap sequences). */
function setCreatingMaps(document: Document, keys: string[], value: unknown): void {
  let depth = keys.length - 1;
  while (depth > 0 && !isMap(document.getIn(keys.slice(0, depth)))) depth -= 1;
  let nested: unknown = value;
  for (let i = keys.length - 1; i >= depth + 1; i -= 1) nested = { [keys[i] as string]: nested };
  const target = keys.slice(0, depth + 1);
  document.setIn(target, document.createNode(nested));
}

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface ConfigChange {
  /** 'store': written through this store (the API, the CLI); 'disk': another process or an editor changed the file. */
  source: 'store' | 'disk';
  /** The settings whose effective values changed. */
  paths: string[];
}

/** What reading the file again found. */
export type ConfigReread =
  | { kind: 'reloaded'; paths: string[]; warnings: string[] }
  /** Not valid YAML, or invalid values: the settings in use stay, and writes are refused until it is fixed. */
  | { kind: 'invalid'; problem: string }
  /** The file was removed: the settings in use stay; the next write makes the file again. */
  | { kind: 'missing' };

type Listener = (config: Config, change: ConfigChange) => void;
type Edit = { path: string; value: unknown } | { path: string; remove: true };

export class ConfigStore {
  private document: Document;
  private current: Config;
  /** The values the server started with, for the settings only read at start. */
  private readonly initial: Config;
  /** The file as last read or written by this store (see fileSignature). */
  private signature: string;
  private problemText: string | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<Listener>();
  private readonly rereadListeners = new Set<(result: ConfigReread) => void>();
  readonly warnings: string[];

  private constructor(
    readonly file: string,
    document: Document,
    signature: string,
  ) {
    this.document = document;
    this.signature = signature;
    const resolved = resolveConfig(document.toJS() ?? {});
    if (resolved.errors.length > 0) {
      throw new ConfigError(`config.yaml is not valid: ${resolved.errors.join(' ')}`, resolved.errors);
    }
    this.current = resolved.config;
    this.initial = resolved.config;
    this.warnings = resolved.warnings;
  }

  /** Reads config.yaml (a missing file means all defaults). Throws ConfigError naming each invalid key. */
  static open(file: string): ConfigStore {
    // The signature is taken first: a change made while reading is then seen by the next refresh.
    const signature = fileSignature(file);
    const text = ConfigStore.readText(file);
    return new ConfigStore(file, text === null ? new Document({}) : ConfigStore.parse(text, file), signature);
  }

  /** A store that never touches the disk, for tests: starts from the given YAML text. */
  static fromText(text: string, file = '/nonexistent/config.yaml'): ConfigStore {
    return new ConfigStore(file, ConfigStore.parse(text, file), 'missing');
  }

  private static readText(file: string): string | null {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  private static parse(text: string, file: string): Document {
    const document = parseDocument(text, { version: '1.1', keepSourceTokens: false });
    if (document.errors.length > 0) {
      const first = document.errors[0];
      // The first line names the problem and where it is; the rest is an excerpt of the file.
      const message = (first?.message ?? 'parse error').split('\n')[0]?.replace(/:$/, '');
      throw new ConfigError(`${file} is not valid YAML: ${message}.`);
    }
    if (document.contents === null) document.contents = document.createNode({}) as unknown as typeof document.contents;
    if (!isMap(document.contents)) throw new ConfigError(`${file} must contain a map of settings at the top level.`);
    return document;
  }

  get config(): Config {
    return this.current;
  }

  /** Why the file on disk cannot be used right now (the settings in use are older), or null when it is fine. */
  get problem(): string | null {
    return this.problemText;
  }

  /** Settings read only at start whose value in the file differs from the one in use: they need a restart. */
  restartPending(): string[] {
    return changedPaths(this.initial, this.current).filter(needsRestart);
  }

  /** The raw value at a dotted path as written in the file (undefined when not set). */
  getRaw(path: string): unknown {
    const node = this.document.getIn(path.split('.'));
    return node && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node;
  }

  /** The effective value at a dotted path (defaults included). */
  get(path: string): unknown {
    let value: unknown = this.current;
    for (const part of path.split('.')) {
      if (typeof value !== 'object' || value === null) return undefined;
      value = (value as Record<string, unknown>)[part];
    }
    return value;
  }

  /** Told of every change of the values, with the settings that changed and where the change came from. */
  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Told each time the file is found changed by someone else, whatever reading it gave. */
  onDidReread(listener: (result: ConfigReread) => void): { dispose(): void } {
    this.rereadListeners.add(listener);
    return { dispose: () => this.rereadListeners.delete(listener) };
  }

  /**
   * Validates and applies several edits at once, then writes the file atomically. The edits go into the file as it is
   * on disk now (changes made by others stay); when that file is broken nothing is written (ArgonautError 'conflict').
   * Writes are queued, so two at once never lose each other's edits.
   */
  update(edits: ReadonlyArray<Edit>): Promise<void> {
    const next = this.writing.then(async () => {
      const prepared = this.prepareEdits(edits);
      // The new values take effect only once they are safely on disk.
      const stats = await atomicWrite(this.file, prepared.document.toString(), { mode: 0o600 });
      this.signature = signatureOf(stats);
      this.commit(prepared);
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  /** The same, synchronously (CLI). */
  updateSync(edits: ReadonlyArray<Edit>): void {
    const prepared = this.prepareEdits(edits);
    this.signature = signatureOf(atomicWriteSync(this.file, prepared.document.toString(), { mode: 0o600 }));
    this.commit(prepared);
  }

  async set(path: string, value: unknown): Promise<void> {
    await this.update([{ path, value }]);
  }

  async remove(path: string): Promise<void> {
    await this.update([{ path, remove: true }]);
  }

  /**
   * Reads the file again when someone else changed it since this store last read or wrote it (null: unchanged).
   * Valid: the new values apply and listeners hear which changed. Invalid: the values in use stay, and
   * {@link problem} says why until the file is fixed.
   */
  refresh(): ConfigReread | null {
    const signature = fileSignature(this.file);
    if (signature === this.signature) return null;
    this.signature = signature;
    const result = this.reread();
    for (const listener of [...this.rereadListeners]) listener(result);
    return result;
  }

  private reread(): ConfigReread {
    let document: Document;
    try {
      const text = ConfigStore.readText(this.file);
      if (text === null) {
        // Nothing left to fix: saving writes the settings in use again.
        this.problemText = null;
        return { kind: 'missing' };
      }
      document = ConfigStore.parse(text, basename(this.file));
    } catch (error) {
      this.problemText = (error as Error).message;
      return { kind: 'invalid', problem: this.problemText };
    }
    const resolved = resolveConfig(document.toJS() ?? {});
    if (resolved.errors.length > 0) {
      this.problemText = `${basename(this.file)} has invalid values: ${resolved.errors.join(' ')}`;
      return { kind: 'invalid', problem: this.problemText };
    }
    this.problemText = null;
    const paths = changedPaths(this.current, resolved.config);
    this.document = document;
    this.current = resolved.config;
    if (paths.length > 0) this.notify({ source: 'disk', paths });
    return { kind: 'reloaded', paths, warnings: resolved.warnings };
  }

  private prepareEdits(edits: ReadonlyArray<Edit>): { document: Document; config: Config } {
    this.refresh();
    if (this.problemText !== null) {
      throw new ArgonautError('conflict', `Nothing was saved: ${this.problemText} Fix the file first (the server keeps using the settings it had).`);
    }
    const next = this.document.clone();
    for (const edit of edits) {
      const keys = edit.path.split('.');
      if ('remove' in edit) {
        next.deleteIn(keys);
        continue;
      }
      const problem = checkValueAt(edit.path, edit.value);
      if (problem) throw new ConfigError(problem);
      setCreatingMaps(next, keys, edit.value);
    }
    const resolved = resolveConfig(next.toJS() ?? {});
    if (resolved.errors.length > 0) throw new ConfigError(resolved.errors.join(' '), resolved.errors);
    return { document: next, config: resolved.config };
  }

  private commit(next: { document: Document; config: Config }): void {
    const paths = changedPaths(this.current, next.config);
    this.document = next.document;
    this.current = next.config;
    this.notify({ source: 'store', paths });
  }

  private notify(change: ConfigChange): void {
    for (const listener of [...this.listeners]) listener(this.current, change);
  }
}
