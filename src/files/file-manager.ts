// The files facade: the local store plus OctoPrint's file events, print history and (when wired) analysis.
import type { EventBus } from '../events/index.js';
import { ArgonautError } from '../shared/index.js';
import {
  LocalFileStore,
  computeStatistics,
  isFileOfType,
  joinStoragePath,
  parseStoragePath,
  typePathOf,
} from './storage/index.js';
import type { FileMetadata, PrintHistoryEntry, StorageUsage, StoredEntry, StoredFile } from './storage/index.js';
import { FileAnalysis } from './file-analysis.js';
import type { FileAnalysisOptions } from './file-analysis.js';

export interface FileManagerOptions {
  /** The uploads folder (basedir `uploads/`). */
  uploads: string;
  events: EventBus;
  /** Told about unreadable `.metadata.json` files (they are then treated as empty). */
  onBadMetadata?: (folder: string, error: unknown) => void;
  /** G-code analysis in a worker thread (analyser settings), or false for none. Default: on. */
  analysis?: FileAnalysisOptions['queue'] | false;
  /** Told about failed analyses and other background errors. */
  onError?: (message: string, error: unknown) => void;
}

/** One finished print, as the jobs service reports it. */
export interface PrintResult {
  success: boolean;
  /** Seconds the print took. */
  printTime: number | null;
  /** When it ended, in seconds since the epoch (OctoPrint's unit; fractions allowed). */
  timestamp: number;
  /** Printer profile id the print ran with. */
  profileId: string | null;
}

export interface AddFileRequest {
  /** Display name (as the client sent it). */
  display?: string;
  /** SHA-1 of the content when already known. */
  hash?: string;
  /** Name of the uploading user, stored as metadata `user`. */
  user?: string | null;
}

const LOCAL = 'local';

function notFound(): ArgonautError {
  return new ArgonautError('not-found', 'File or folder not found');
}

/** Storage path → segments; throws not-found unless the path is in sanitised form. */
function segmentsOf(path: string): string[] {
  if (path === '') return [];
  const segments = parseStoragePath(path);
  if (!segments) throw notFound();
  return segments;
}

function nameOf(segments: readonly string[]): string {
  return segments[segments.length - 1] ?? '';
}

export class FileManager {
  private constructor(
    private readonly store: LocalFileStore,
    private readonly events: EventBus,
    private readonly analysis: FileAnalysis | null,
  ) {}

  /** Opens the store and, with analysis on, queues every G-code file that has no analysis yet (in the background). */
  static async open(options: FileManagerOptions): Promise<FileManager> {
    const store = await LocalFileStore.open(options.uploads, options.onBadMetadata);
    const analysis =
      options.analysis === false
        ? null
        : new FileAnalysis({ store, events: options.events, ...(options.analysis ? { queue: options.analysis } : {}), onError: options.onError });
    const manager = new FileManager(store, options.events, analysis);
    if (analysis) {
      store.list([], { depth: Infinity }).then(
        (entries) => analysis.analyseMissing(entries),
        (error: unknown) => options.onError?.('listing uploads for the analysis backlog failed', error),
      );
    }
    return manager;
  }

  /** Stops the analysis worker. */
  async close(): Promise<void> {
    await this.analysis?.close();
  }

  /** The uploads root on disk. */
  get root(): string {
    return this.store.root;
  }

  // ~~ what the jobs service uses

  /**
   * The on-disk path of a stored file, for reading it. Throws ArgonautError 'not-found' when the path is not in
   * sanitised form; it does not check existence — call getFile() first (it refuses symlinks and folders).
   */
  absolutePath(path: string): string {
    return this.store.diskPath(segmentsOf(path));
  }

  /** A stored file with its metadata; null for a folder or a missing file. */
  async getFile(path: string): Promise<StoredFile | null> {
    const segments = parseStoragePath(path);
    if (!segments) return null;
    const entry = await this.store.getEntry(segments);
    return entry?.kind === 'file' ? entry : null;
  }

  /** A copy of the metadata of a file or folder; null when it does not exist. */
  async getMetadata(path: string): Promise<FileMetadata | null> {
    const segments = parseStoragePath(path);
    return segments ? this.store.getMetadata(segments) : null;
  }

  /** Sets one metadata key (undefined removes it); atomic, survives restarts. */
  async setMetadata(path: string, key: string, value: unknown): Promise<void> {
    await this.store.updateMetadata(segmentsOf(path), (entry) => {
      if (value === undefined) delete entry[key];
      else entry[key] = JSON.parse(JSON.stringify(value)) as unknown;
    });
  }

  /** Sets several metadata keys at once (undefined removes one) in one atomic write; e.g. metadata brought over from OctoPrint. */
  async setMetadataEntries(path: string, entries: Readonly<Record<string, unknown>>): Promise<void> {
    await this.store.updateMetadata(segmentsOf(path), (entry) => {
      for (const [key, value] of Object.entries(entries)) {
        if (value === undefined) delete entry[key];
        else entry[key] = JSON.parse(JSON.stringify(value)) as unknown;
      }
    });
  }

  /** Appends a print to the file's history and recomputes its statistics. */
  async addPrintResult(path: string, result: PrintResult): Promise<void> {
    await this.store.updateMetadata(segmentsOf(path), (entry) => {
      const history = Array.isArray(entry.history) ? entry.history : [];
      const item: PrintHistoryEntry = { timestamp: result.timestamp, success: result.success, printerProfile: result.profileId };
      if (result.printTime !== null && Number.isFinite(result.printTime)) item.printTime = result.printTime;
      history.push(item);
      entry.history = history;
      entry.statistics = computeStatistics(history);
    });
  }

  // ~~ what the files API uses

  /** One file, or one folder with its children (sub-folders' children too when recursive); null when missing. */
  async getEntry(path: string, options: { recursive: boolean }): Promise<StoredEntry | null> {
    const segments = parseStoragePath(path);
    if (!segments) return null;
    return this.store.getEntry(segments, { depth: options.recursive ? Infinity : 0 });
  }

  /** The entries of a folder ('' = root); `filter` keeps only files of that type (e.g. 'machinecode', 'model'). */
  async list(folder: string, options: { recursive: boolean; filter?: string }): Promise<StoredEntry[]> {
    const filterType = options.filter;
    return this.store.list(segmentsOf(folder), {
      depth: options.recursive ? Infinity : 0,
      ...(filterType ? { filter: (file: StoredFile) => isFileOfType(file.name, filterType) } : {}),
    });
  }

  async kindOf(path: string): Promise<'file' | 'folder' | null> {
    const segments = path === '' ? [] : parseStoragePath(path);
    return segments ? this.store.kindOf(segments) : null;
  }

  /** Moves a complete temp file into place (atomic rename), creating folders; fires the file events. */
  async addFile(path: string, source: string, request: AddFileRequest = {}): Promise<{ file: StoredFile; replaced: boolean }> {
    const segments = segmentsOf(path);
    const result = await this.store.addFile(segments, source, { display: request.display, hash: request.hash });
    if (request.user) await this.setMetadata(path, 'user', request.user);
    for (const folder of result.createdFolders) this.folderAdded(folder);
    this.events.emit('FileAdded', { storage: LOCAL, path: result.entry.path, name: result.entry.name, type: result.entry.typePath });
    this.events.emit('UpdatedFiles', { type: 'printables' });
    if (result.entry.metadata.analysis === undefined) await this.analysis?.analyse(path, { display: result.entry.display });
    const file = (await this.getFile(path)) ?? result.entry;
    return { file, replaced: result.replaced };
  }

  /** Creates a folder (and missing parents); an existing one is fine. */
  async addFolder(path: string, options: { display?: string } = {}): Promise<void> {
    const created = await this.store.addFolder(segmentsOf(path), options);
    for (const folder of created) this.folderAdded(folder);
    if (created.length > 0) this.events.emit('UpdatedFiles', { type: 'printables' });
  }

  /** Deletes a file or a folder with everything in it. */
  async remove(path: string): Promise<void> {
    const segments = segmentsOf(path);
    const entry = await this.store.getEntry(segments);
    if (!entry) throw notFound();
    this.analysis?.abort(entry.path);
    if (entry.kind === 'file') {
      await this.store.removeFile(segments);
      this.events.emit('FileRemoved', { storage: LOCAL, path: entry.path, name: entry.name, type: entry.typePath });
    } else {
      await this.store.removeFolder(segments);
      this.events.emit('FolderRemoved', { storage: LOCAL, path: entry.path, name: entry.name });
    }
    this.events.emit('UpdatedFiles', { type: 'printables' });
  }

  /** Moves or renames; `requestedName` (unsanitised) is kept as display name. */
  async move(source: string, destination: string, requestedName?: string): Promise<void> {
    const from = segmentsOf(source);
    const to = segmentsOf(destination);
    const entry = await this.store.getEntry(from);
    if (!entry) throw notFound();
    this.analysis?.abort(entry.path);
    await this.store.move(from, to, requestedName);
    this.transferred(entry, to, true);
    await this.analyseMissingAt(to);
  }

  async copy(source: string, destination: string, requestedName?: string): Promise<void> {
    const from = segmentsOf(source);
    const to = segmentsOf(destination);
    const entry = await this.store.getEntry(from);
    if (!entry) throw notFound();
    await this.store.copy(from, to, requestedName);
    this.transferred(entry, to, false);
    await this.analyseMissingAt(to);
  }

  /**
   * Queues a (re-)analysis of a G-code file; false when none is possible (not G-code, missing, or no analysis
   * queue wired into this manager).
   */
  async analyse(path: string): Promise<boolean> {
    return (await this.analysis?.analyse(path, { highPriority: true })) ?? false;
  }

  /** Free and total bytes where uploads/ lives. */
  usage(): Promise<StorageUsage> {
    return this.store.usage();
  }

  private transferred(entry: StoredEntry, to: readonly string[], removedSource: boolean): void {
    const path = joinStoragePath(to);
    const name = nameOf(to);
    if (entry.kind === 'file') {
      if (removedSource) this.events.emit('FileRemoved', { storage: LOCAL, path: entry.path, name: entry.name, type: entry.typePath });
      this.events.emit('FileAdded', { storage: LOCAL, path, name, type: typePathOf(name) ?? entry.typePath });
    } else {
      if (removedSource) this.events.emit('FolderRemoved', { storage: LOCAL, path: entry.path, name: entry.name });
      this.events.emit('FolderAdded', { storage: LOCAL, path, name });
    }
    this.events.emit('UpdatedFiles', { type: 'printables' });
  }

  /** After a move or copy: analyses whatever arrived without an analysis (e.g. moved while it was running). */
  private async analyseMissingAt(segments: readonly string[]): Promise<void> {
    if (!this.analysis) return;
    const entry = await this.store.getEntry(segments, { depth: Infinity });
    if (entry) await this.analysis.analyseMissing([entry]);
  }

  private folderAdded(segments: readonly string[]): void {
    this.events.emit('FolderAdded', { storage: LOCAL, path: joinStoragePath(segments), name: nameOf(segments) });
  }
}
