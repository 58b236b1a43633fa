// The local file store: the uploads/ folder with its files, folders and per-folder metadata.
import { rename, rm, statfs, unlink } from 'node:fs/promises';
import { ArgonautError } from '../../shared/index.js';
import { DiskPaths } from './disk-paths.js';
import type { EntryKind } from './disk-paths.js';
import { copyFileAtomically, copyFolderAtomically, hashFile, moveFileIntoPlace } from './file-placement.js';
import { isAllowedFile } from './file-types.js';
import { FolderListing } from './folder-listing.js';
import { MetadataStore, cloneJson } from './metadata-store.js';
import type { FileMetadata } from './metadata-store.js';
import type { ListOptions, StoredEntry, StoredFile } from './stored-entry.js';

export interface AddFileOptions {
  /** The name as the client sent it, kept as `display` when it differs from the sanitised name. */
  display?: string;
  /** SHA-1 of the content when already known (computed while streaming the upload). */
  hash?: string;
}

export interface AddFileResult {
  entry: StoredFile;
  /** Folders the upload created on its way, outermost first. */
  createdFolders: string[][];
  /** Whether an existing file was replaced. */
  replaced: boolean;
}

export interface StorageUsage {
  free: number;
  total: number;
}

const notFound = (): ArgonautError => new ArgonautError('not-found', 'File or folder not found');
const badDestination = (): ArgonautError => new ArgonautError('invalid', 'Destination is invalid');

function parentOf(segments: readonly string[]): string[] {
  return segments.slice(0, -1);
}

function nameOf(segments: readonly string[]): string {
  return segments[segments.length - 1] ?? '';
}

function isInside(inner: readonly string[], outer: readonly string[]): boolean {
  return inner.length > outer.length && outer.every((segment, i) => inner[i] === segment);
}

/** The display name to keep after a rename: the requested (unsanitised) name when it differs, else none. */
function displayAfterRename(metadata: FileMetadata, sourceName: string, targetName: string, requested?: string): FileMetadata {
  const result = { ...metadata };
  if (sourceName === targetName) return result;
  if (requested !== undefined && requested !== targetName) result.display = requested;
  else delete result.display;
  return result;
}

export class LocalFileStore {
  private constructor(
    readonly paths: DiskPaths,
    readonly metadata: MetadataStore,
    private readonly listing: FolderListing,
  ) {}

  static async open(root: string, onBadMetadata?: (folder: string, error: unknown) => void): Promise<LocalFileStore> {
    const paths = await DiskPaths.open(root);
    const metadata = new MetadataStore(paths, onBadMetadata);
    return new LocalFileStore(paths, metadata, new FolderListing(paths, metadata));
  }

  get root(): string {
    return this.paths.root;
  }

  diskPath(segments: readonly string[]): string {
    return this.paths.diskPath(segments);
  }

  /** 'file', 'folder', or null for missing, symlinked or special entries. */
  async kindOf(segments: readonly string[]): Promise<EntryKind | null> {
    return (await this.paths.inspect(segments))?.kind ?? null;
  }

  /** One file, or one folder with children to `options.depth`; null when there is none. */
  async getEntry(segments: readonly string[], options: ListOptions = { depth: 0 }): Promise<StoredEntry | null> {
    const inspected = await this.paths.inspect(segments);
    if (!inspected) return null;
    if (inspected.kind === 'file') return this.listing.fileEntry(segments, inspected.stats);
    return this.listing.folderEntry(segments, inspected.stats, options);
  }

  /** The entries of a folder. */
  async list(folder: readonly string[], options: ListOptions): Promise<StoredEntry[]> {
    if ((await this.kindOf(folder)) !== 'folder') throw notFound();
    return this.listing.list(folder, options);
  }

  /** Moves a complete file (e.g. an upload's temp file) into place, creating missing folders; overwrites a file. */
  async addFile(target: readonly string[], source: string, options: AddFileOptions = {}): Promise<AddFileResult> {
    const name = nameOf(target);
    if (target.length === 0 || !isAllowedFile(name)) throw new ArgonautError('unsupported-type', 'Could not upload file, invalid type');
    const existing = await this.paths.inspect(target);
    if (existing?.kind === 'folder' || (!existing && (await this.paths.occupied(target)))) {
      throw new ArgonautError('conflict', `${name} already exists and is not a file`);
    }
    const createdFolders = await this.paths.ensureFolder(parentOf(target));
    const hash = options.hash ?? (await hashFile(source));
    await moveFileIntoPlace(source, this.paths.diskPath(target));
    await this.metadata.update(parentOf(target), (metadata) => {
      const previous = metadata[name];
      const entry: FileMetadata = previous && previous.hash === hash ? previous : { hash };
      if (options.display !== undefined && options.display !== name) entry.display = options.display;
      else if (options.display !== undefined) delete entry.display;
      metadata[name] = entry;
    });
    const entry = await this.getEntry(target);
    if (!entry || entry.kind !== 'file') throw notFound();
    return { entry, createdFolders, replaced: existing?.kind === 'file' };
  }

  /** Creates a folder (and missing parents); an existing folder is fine. Returns the folders it created. */
  async addFolder(target: readonly string[], options: { display?: string } = {}): Promise<string[][]> {
    if (target.length === 0) throw new ArgonautError('invalid', 'folder name is empty');
    if ((await this.paths.inspect(target))?.kind === 'file') throw new ArgonautError('conflict', 'A file with that name already exists');
    const created = await this.paths.ensureFolder(target);
    const name = nameOf(target);
    if (options.display !== undefined && options.display !== name) {
      await this.metadata.update(parentOf(target), (metadata) => {
        metadata[name] = { ...(metadata[name] ?? {}), display: options.display };
      });
    }
    return created;
  }

  async removeFile(target: readonly string[]): Promise<void> {
    if ((await this.kindOf(target)) !== 'file') throw notFound();
    await unlink(this.paths.diskPath(target));
    await this.metadata.setEntry(parentOf(target), nameOf(target), undefined);
  }

  async removeFolder(target: readonly string[]): Promise<void> {
    if (target.length === 0) throw new ArgonautError('invalid', 'The uploads root cannot be deleted');
    if ((await this.kindOf(target)) !== 'folder') throw notFound();
    await rm(this.paths.diskPath(target), { recursive: true, force: true });
    this.metadata.forget(target);
    await this.metadata.setEntry(parentOf(target), nameOf(target), undefined);
  }

  /** Moves or renames a file or folder; `requestedName` is the unsanitised new name, kept as display name. */
  async move(source: readonly string[], target: readonly string[], requestedName?: string): Promise<void> {
    const kind = await this.checkTransfer(source, target);
    if (source.join('/') === target.join('/')) return;
    await rename(this.paths.diskPath(source), this.paths.diskPath(target));
    if (kind === 'folder') this.metadata.forget(source);
    const entry = (await this.metadata.get(parentOf(source), nameOf(source))) ?? {};
    await this.metadata.setEntry(parentOf(source), nameOf(source), undefined);
    await this.metadata.setEntry(parentOf(target), nameOf(target), displayAfterRename(entry, nameOf(source), nameOf(target), requestedName));
  }

  /** Copies a file (with its metadata) or a folder tree; the copy appears only once complete. */
  async copy(source: readonly string[], target: readonly string[], requestedName?: string): Promise<void> {
    const kind = await this.checkTransfer(source, target);
    if (source.join('/') === target.join('/')) throw new ArgonautError('conflict', 'Source and destination are the same');
    if (kind === 'file') await copyFileAtomically(this.paths.diskPath(source), this.paths.diskPath(target));
    else await copyFolderAtomically(this.paths.diskPath(source), this.paths.diskPath(target));
    const entry = (await this.metadata.get(parentOf(source), nameOf(source))) ?? {};
    await this.metadata.setEntry(parentOf(target), nameOf(target), displayAfterRename(cloneJson(entry), nameOf(source), nameOf(target), requestedName));
  }

  /** Free and total bytes of the file system holding uploads/. */
  async usage(): Promise<StorageUsage> {
    const stats = await statfs(this.paths.root);
    return { free: stats.bavail * stats.bsize, total: stats.blocks * stats.bsize };
  }

  /** A copy of a file's or folder's metadata; null when the entry does not exist. */
  async getMetadata(target: readonly string[]): Promise<FileMetadata | null> {
    if ((await this.kindOf(target)) === null) return null;
    return (await this.metadata.get(parentOf(target), nameOf(target))) ?? {};
  }

  /** Edits one entry's metadata atomically; `mutate` returns false when it changed nothing. */
  async updateMetadata(target: readonly string[], mutate: (entry: FileMetadata) => boolean | void): Promise<void> {
    if ((await this.kindOf(target)) === null) throw notFound();
    const name = nameOf(target);
    await this.metadata.update(parentOf(target), (metadata) => {
      const entry = metadata[name] ?? {};
      if (mutate(entry) === false) return false;
      metadata[name] = entry;
      return true;
    });
  }

  private async checkTransfer(source: readonly string[], target: readonly string[]): Promise<EntryKind> {
    const kind = await this.kindOf(source);
    if (!kind || source.length === 0) throw notFound();
    if (target.length === 0 || (await this.kindOf(parentOf(target))) !== 'folder') throw badDestination();
    if (kind === 'folder' && isInside(target, source)) throw badDestination();
    if (kind === 'file' && !isAllowedFile(nameOf(target))) {
      throw new ArgonautError('unsupported-type', 'Could not move or copy the file: invalid type');
    }
    if (source.join('/') !== target.join('/') && (await this.paths.occupied(target))) {
      throw new ArgonautError('conflict', 'File or folder does already exist');
    }
    return kind;
  }
}
