// config.yaml on disk: load with validation, read values, and edit keys while keeping comments and unknown keys.
import { existsSync, readFileSync } from 'node:fs';
import { Document, isMap, parseDocument } from 'yaml';
import { atomicWrite, atomicWriteSync } from './atomic-write.js';
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

type Listener = (config: Config) => void;

export class ConfigStore {
  private document: Document;
  private current: Config;
  private readonly listeners = new Set<Listener>();
  readonly warnings: string[];

  private constructor(
    readonly file: string,
    document: Document,
  ) {
    this.document = document;
    const resolved = resolveConfig(document.toJS() ?? {});
    if (resolved.errors.length > 0) {
      throw new ConfigError(`config.yaml is not valid: ${resolved.errors.join(' ')}`, resolved.errors);
    }
    this.current = resolved.config;
    this.warnings = resolved.warnings;
  }

  /** Reads config.yaml (a missing file means all defaults). Throws ConfigError naming each invalid key. */
  static open(file: string): ConfigStore {
    return new ConfigStore(file, ConfigStore.readDocument(file));
  }

  /** A store that never touches the disk, for tests: starts from the given YAML text. */
  static fromText(text: string, file = '/nonexistent/config.yaml'): ConfigStore {
    return new ConfigStore(file, ConfigStore.parse(text, file));
  }

  private static readDocument(file: string): Document {
    if (!existsSync(file)) return new Document({});
    return ConfigStore.parse(readFileSync(file, 'utf8'), file);
  }

  private static parse(text: string, file: string): Document {
    const document = parseDocument(text, { version: '1.1', keepSourceTokens: false });
    if (document.errors.length > 0) {
      const first = document.errors[0];
      throw new ConfigError(`${file} is not valid YAML: ${first?.message ?? 'parse error'}`);
    }
    if (document.contents === null) document.contents = document.createNode({}) as unknown as typeof document.contents;
    if (!isMap(document.contents)) throw new ConfigError(`${file} must contain a map of settings at the top level.`);
    return document;
  }

  get config(): Config {
    return this.current;
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

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Validates and applies several edits at once, then writes the file atomically. */
  async update(edits: ReadonlyArray<{ path: string; value: unknown } | { path: string; remove: true }>): Promise<void> {
    const next = this.prepareEdits(edits);
    // The new values take effect only once they are safely on disk.
    await atomicWrite(this.file, next.document.toString(), { mode: 0o600 });
    this.commit(next);
  }

  /** The same, synchronously (CLI). */
  updateSync(edits: ReadonlyArray<{ path: string; value: unknown } | { path: string; remove: true }>): void {
    const next = this.prepareEdits(edits);
    atomicWriteSync(this.file, next.document.toString(), { mode: 0o600 });
    this.commit(next);
  }

  async set(path: string, value: unknown): Promise<void> {
    await this.update([{ path, value }]);
  }

  async remove(path: string): Promise<void> {
    await this.update([{ path, remove: true }]);
  }

  /** Re-reads the file, e.g. after the CLI changed it. Keeps the old values if the new file is invalid. */
  reload(): void {
    const document = ConfigStore.readDocument(this.file);
    const resolved = resolveConfig(document.toJS() ?? {});
    if (resolved.errors.length > 0) throw new ConfigError(resolved.errors.join(' '), resolved.errors);
    this.document = document;
    this.current = resolved.config;
    this.notify();
  }

  private prepareEdits(edits: ReadonlyArray<{ path: string; value: unknown } | { path: string; remove: true }>): { document: Document; config: Config } {
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
    this.document = next.document;
    this.current = next.config;
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener(this.current);
  }
}
