// OctoPrint's file and folder records (spec §5.5) with absolute refs built from the request's base URL.
import { isGcode, summarisePrints } from '../../../files/index.js';
import type { StoredEntry, StoredFile, StoredFolder } from '../../../files/index.js';

export type Origin = 'local' | 'sdcard';

/** Percent-encodes each segment of a storage path, keeping the slashes. */
export function encodeStoragePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function resourceUrl(baseUrl: string, origin: Origin, path: string): string {
  return `${baseUrl}/api/files/${origin}/${encodeStoragePath(path)}`;
}

export function downloadUrl(baseUrl: string, origin: Origin, path: string): string {
  return `${baseUrl}/downloads/files/${origin}/${encodeStoragePath(path)}`;
}

/** Metadata keys the record derives or replaces rather than copying. */
const DERIVED_KEYS = new Set(['analysis', 'history', 'statistics', 'display']);

export function fileRecord(file: StoredFile, baseUrl: string): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(file.metadata)) if (!DERIVED_KEYS.has(key)) record[key] = value;
  const gcode = isGcode(file.name);
  if (gcode && file.metadata.analysis !== undefined) record.gcodeAnalysis = file.metadata.analysis;
  if (gcode && Array.isArray(file.metadata.history)) {
    const prints = summarisePrints(file.metadata.history);
    if (prints) record.prints = prints;
  }
  if (file.metadata.statistics !== undefined) record.statistics = file.metadata.statistics;
  Object.assign(record, {
    name: file.name,
    display: file.display,
    path: file.path,
    type: file.typePath[0],
    typePath: file.typePath,
    origin: 'local',
    size: file.size,
    date: file.date,
    refs: { resource: resourceUrl(baseUrl, 'local', file.path), download: downloadUrl(baseUrl, 'local', file.path) },
  });
  return record;
}

/** Print results of every file below a folder that is listed, as OctoPrint's folder records carry them. */
function folderPrints(folder: StoredFolder): { success: number; failure: number } {
  const total = { success: 0, failure: 0 };
  for (const child of folder.children) {
    const history = child.kind === 'file' && Array.isArray(child.metadata.history) ? (child.metadata.history as unknown[]) : [];
    const prints = child.kind === 'file' ? summarisePrints(history) : folderPrints(child);
    total.success += prints?.success ?? 0;
    total.failure += prints?.failure ?? 0;
  }
  return total;
}

export function folderRecord(folder: StoredFolder, baseUrl: string): Record<string, unknown> {
  return {
    name: folder.name,
    display: folder.display,
    path: folder.path,
    type: 'folder',
    typePath: ['folder'],
    origin: 'local',
    date: folder.date,
    size: folder.size,
    refs: { resource: resourceUrl(baseUrl, 'local', folder.path) },
    prints: folderPrints(folder),
    children: folder.children.map((child) => entryRecord(child, baseUrl)),
  };
}

export function entryRecord(entry: StoredEntry, baseUrl: string): Record<string, unknown> {
  return entry.kind === 'file' ? fileRecord(entry, baseUrl) : folderRecord(entry, baseUrl);
}
