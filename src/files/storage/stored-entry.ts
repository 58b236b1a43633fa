// What the store reports about a file or folder (the HTTP layer turns these into OctoPrint's file records).
import type { FileMetadata } from './metadata-store.js';

export interface StoredFile {
  kind: 'file';
  /** Name on disk (sanitised). */
  name: string;
  /** The name as uploaded, before sanitising (OctoPrint's `display`). */
  display: string;
  /** Path below the uploads root, `/`-separated. */
  path: string;
  /** e.g. ['machinecode', 'gcode']. */
  typePath: string[];
  /** Bytes. */
  size: number;
  /** Modification time, whole seconds since the epoch. */
  date: number;
  metadata: FileMetadata;
}

export interface StoredFolder {
  kind: 'folder';
  name: string;
  display: string;
  path: string;
  date: number;
  /** Bytes of every stored file below it. */
  size: number;
  /** Listed children (empty beyond the requested depth). */
  children: StoredEntry[];
}

export type StoredEntry = StoredFile | StoredFolder;

export interface ListOptions {
  /**
   * How many levels of sub-folders get their children listed: 0 lists only the folder's own entries (its
   * sub-folders get empty `children`), 1 also lists one level below, Infinity everything.
   */
  depth: number;
  /** Keeps only files for which this returns true (folders are always kept). */
  filter?: (file: StoredFile) => boolean;
}
