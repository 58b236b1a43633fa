// Uploaded files and folders with their metadata (analysis, print history, user data); same content already there: skipped.
import { lstat, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isAllowedFile, sanitizeName } from '../../files/index.js';
import type { FileManager } from '../../files/index.js';
import { copyToTemp, readMetadataJson, sha1OfFile } from './file-copy.js';
import type { ImportReport } from './import-report.js';
import { isRecord, reasonOf } from './octoprint-source.js';
import { readSourceTree } from './source-tree.js';
import type { SourceEntry, SourceFile, SourceFolder } from './source-tree.js';

export interface FileProgress {
  /** Files handled so far (imported, unchanged or skipped). */
  done: number;
  total: number;
  /** The file just handled, as OctoPrint names it. */
  path: string;
}

export interface FilesImport {
  /** OctoPrint's uploads folder. */
  source: string;
  /** Argonaut's uploads folder. */
  target: string;
  /** Argonaut's temp folder (same file system as uploads, so files move into place by rename). */
  temp: string;
  /** Opens Argonaut's file manager; null in a dry run. */
  open: (() => Promise<FileManager>) | null;
  report: ImportReport;
  onProgress?: (progress: FileProgress) => void;
}

/** Keys of OctoPrint's metadata Argonaut computes itself or sets otherwise. */
const OWN_KEYS = new Set(['hash', 'display']);

function countFiles(entries: readonly SourceEntry[]): number {
  return entries.reduce((sum, e) => sum + (e.kind === 'file' ? 1 : countFiles(e.children)), 0);
}

/** OctoPrint's metadata worth keeping; an analysis made for other content than the file has now is left out. */
function metadataToCopy(metadata: Record<string, unknown>, hash: string, notes: string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(metadata)) if (!OWN_KEYS.has(key) && value !== undefined) result[key] = value;
  if (typeof metadata.hash === 'string' && metadata.hash !== hash && 'analysis' in result) {
    delete result.analysis;
    notes.push("OctoPrint's analysis was made for other content, Argonaut analyses the file again");
  }
  return result;
}

function describe(metadata: Record<string, unknown>): string[] {
  const facts: string[] = [];
  if (isRecord(metadata.analysis)) facts.push('analysis');
  if (Array.isArray(metadata.history)) facts.push(`${metadata.history.length} print${metadata.history.length === 1 ? '' : 's'} in its history`);
  return facts;
}

class FilesRun {
  private done = 0;
  private files: FileManager | null = null;
  private readonly targetMetadata = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly options: FilesImport,
    private readonly total: number,
  ) {}

  async folder(entry: SourceFolder, parent: string[]): Promise<void> {
    const name = this.targetName(entry);
    if (name === null) return;
    const segments = [...parent, name];
    const kind = await this.kindOf(segments);
    if (kind !== 'folder' && kind !== null) {
      this.options.report.add('files', 'kept', entry.path, 'Argonaut has a file of this name; nothing in this folder is imported');
      this.passOver(entry.children);
      return;
    }
    if (kind === null) {
      try {
        await (await this.manager())?.addFolder(segments.join('/'), { display: this.displayOf(entry, segments) });
        this.options.report.add('files', 'imported', `${entry.path}/`, 'folder');
      } catch (error) {
        this.options.report.add('files', 'problem', entry.diskPath, `the folder could not be made in Argonaut: ${reasonOf(error)}; nothing in it is imported`);
        this.passOver(entry.children);
        return;
      }
    }
    for (const child of entry.children) await (child.kind === 'file' ? this.file(child, segments) : this.folder(child, segments));
  }

  async file(entry: SourceFile, parent: string[]): Promise<void> {
    try {
      await this.importFile(entry, parent);
    } catch (error) {
      this.options.report.add('files', 'problem', entry.diskPath, `could not be imported: ${reasonOf(error)}`);
    } finally {
      this.progress(entry.path);
    }
  }

  async close(): Promise<void> {
    await this.files?.close();
  }

  private async importFile(entry: SourceFile, parent: string[]): Promise<void> {
    const { report } = this.options;
    if (!isAllowedFile(entry.name)) {
      report.add('files', 'not-imported', entry.path, 'Argonaut stores only G-code and 3D model files');
      return;
    }
    const name = this.targetName(entry);
    if (name === null) return;
    const segments = [...parent, name];
    const path = segments.join('/');
    const kind = await this.kindOf(segments);
    const notes: string[] = [];
    if (kind === 'file') {
      const hash = await sha1OfFile(entry.diskPath);
      const existing = await this.metadataOf(segments);
      const existingHash = typeof existing.hash === 'string' ? existing.hash : await sha1OfFile(join(this.options.target, ...segments));
      if (existingHash !== hash) {
        report.add('files', 'kept', entry.path, 'a different file of this name is in Argonaut');
        return;
      }
      const wanted = metadataToCopy(entry.metadata, hash, notes);
      const missing = Object.fromEntries(Object.entries(wanted).filter(([key]) => !(key in existing)));
      if (Object.keys(missing).length === 0) {
        report.add('files', 'unchanged', entry.path);
        return;
      }
      await (await this.manager())?.setMetadataEntries(path, missing);
      report.add('files', 'imported', entry.path, `same content already in Argonaut; OctoPrint's metadata added: ${Object.keys(missing).join(', ')}`);
      return;
    }
    if (kind !== null) {
      report.add('files', 'kept', entry.path, 'Argonaut has a folder of this name');
      return;
    }
    const files = await this.manager();
    let hash: string;
    if (files) {
      const copy = await copyToTemp(entry.diskPath, entry.stats, this.options.temp);
      hash = copy.hash;
      try {
        await files.addFile(path, copy.temp, { display: this.displayOf(entry, segments), hash });
      } finally {
        await rm(copy.temp, { force: true });
      }
    } else {
      hash = await sha1OfFile(entry.diskPath);
    }
    const wanted = metadataToCopy(entry.metadata, hash, notes);
    if (files && Object.keys(wanted).length > 0) await files.setMetadataEntries(path, wanted);
    const bytes = entry.stats.size;
    const size = bytes < 1024 ? `${bytes} bytes` : bytes < 1_048_576 ? `${(bytes / 1024).toFixed(0)} KiB` : `${(bytes / 1_048_576).toFixed(1)} MiB`;
    report.add('files', 'imported', path === entry.path ? path : `${entry.path} as ${path}`, [size, ...describe(wanted), ...notes].join('; '));
  }

  private targetName(entry: SourceEntry): string | null {
    try {
      return sanitizeName(entry.name);
    } catch (error) {
      this.options.report.add('files', 'problem', entry.diskPath, `the name cannot be stored: ${reasonOf(error)}`);
      if (entry.kind === 'folder') this.passOver(entry.children);
      return null;
    }
  }

  /** The name to show: OctoPrint's display name, else the original name when it had to be changed. */
  private displayOf(entry: SourceEntry, segments: string[]): string | undefined {
    if (typeof entry.metadata.display === 'string') return entry.metadata.display;
    return entry.name !== segments[segments.length - 1] ? entry.name : undefined;
  }

  private async kindOf(segments: string[]): Promise<'file' | 'folder' | 'other' | null> {
    try {
      const stats = await lstat(join(this.options.target, ...segments));
      return stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other';
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw error;
    }
  }

  /** Argonaut's metadata of an existing file, read from its folder's .metadata.json (unreadable counts as none). */
  private async metadataOf(segments: string[]): Promise<Record<string, unknown>> {
    const folder = join(this.options.target, ...segments.slice(0, -1));
    let map = this.targetMetadata.get(folder);
    if (!map) {
      map = await readMetadataJson(folder).catch(() => null) ?? {};
      this.targetMetadata.set(folder, map);
    }
    const entry = map[segments[segments.length - 1] ?? ''];
    return isRecord(entry) ? entry : {};
  }

  private async manager(): Promise<FileManager | null> {
    if (!this.options.open) return null;
    this.files ??= await this.options.open();
    return this.files;
  }

  private passOver(entries: readonly SourceEntry[]): void {
    for (let i = countFiles(entries); i > 0; i -= 1) this.progress('');
  }

  private progress(path: string): void {
    this.done += 1;
    this.options.onProgress?.({ done: this.done, total: this.total, path });
  }
}

/** Imports the uploads tree (unless a dry run), reporting every file and folder it brings over or leaves out. */
export async function importFiles(options: FilesImport): Promise<void> {
  const tree = await readSourceTree(options.source, options.report);
  const run = new FilesRun(options, tree.fileCount);
  try {
    for (const entry of tree.children) await (entry.kind === 'file' ? run.file(entry, []) : run.folder(entry, []));
  } finally {
    await run.close();
  }
}
