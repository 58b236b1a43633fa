// Pure helpers over a recursive file listing: a folder's entries, every file, search, and sorting.
import type { FileEntry } from '../../api/types.js';

/** The entries directly inside `folder` ('' for the root); null when the folder does not exist. */
export function entriesIn(files: readonly FileEntry[], folder: string): FileEntry[] | null {
  if (!folder) return [...files];
  let level: readonly FileEntry[] = files;
  let path = '';
  for (const part of folder.split('/')) {
    path = path ? `${path}/${part}` : part;
    const next = level.find((entry) => entry.type === 'folder' && entry.path === path);
    if (!next) return null;
    level = next.children ?? [];
  }
  return [...level];
}

/** Every file (not folder) anywhere in the tree. */
export function allFiles(files: readonly FileEntry[]): FileEntry[] {
  const found: FileEntry[] = [];
  const walk = (level: readonly FileEntry[]): void => {
    for (const entry of level) {
      if (entry.type === 'folder') walk(entry.children ?? []);
      else found.push(entry);
    }
  };
  walk(files);
  return found;
}

/** Every folder path in the tree, for "move to". */
export function allFolders(files: readonly FileEntry[]): string[] {
  const found: string[] = [];
  const walk = (level: readonly FileEntry[]): void => {
    for (const entry of level) {
      if (entry.type !== 'folder') continue;
      found.push(entry.path);
      walk(entry.children ?? []);
    }
  };
  walk(files);
  return found.sort();
}

/** Files and folders whose name or path contains every word of the query, case-insensitively. */
export function searchEntries(files: readonly FileEntry[], query: string): FileEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const found: FileEntry[] = [];
  const walk = (level: readonly FileEntry[]): void => {
    for (const entry of level) {
      const text = `${entry.display ?? entry.name} ${entry.path}`.toLowerCase();
      if (words.every((word) => text.includes(word))) found.push(entry);
      if (entry.type === 'folder') walk(entry.children ?? []);
    }
  };
  walk(files);
  return found;
}

/** Folders first, then by name; or newest first. */
export function sortEntries(entries: FileEntry[], by: 'name' | 'date'): FileEntry[] {
  return [...entries].sort((a, b) => {
    if ((a.type === 'folder') !== (b.type === 'folder')) return a.type === 'folder' ? -1 : 1;
    if (by === 'date') return (b.date ?? 0) - (a.date ?? 0);
    return (a.display ?? a.name).localeCompare(b.display ?? b.name, undefined, { numeric: true, sensitivity: 'base' });
  });
}

/** The parent folder of a path ('' for the root). */
export function parentOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at === -1 ? '' : path.slice(0, at);
}

/** Total filament length (mm) over all tools of an analysis, or null. */
export function filamentLength(entry: FileEntry): number | null {
  const filament = entry.gcodeAnalysis?.filament;
  if (!filament) return null;
  const lengths = Object.values(filament).map((tool) => tool.length);
  return lengths.length ? lengths.reduce((a, b) => a + b, 0) : null;
}
