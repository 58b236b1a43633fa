// Argonaut's print history extension (GET /api/argonaut/history) and re-printing an entry.
import type { PrintHistoryEntry } from '../../../src/shared/index.js';
import type { ApiClient } from './api-client.js';
import { encodePath } from './files-api.js';

export type { PrintResult } from '../../../src/shared/index.js';
/** An ended print, as GET /api/argonaut/history lists it. */
export type HistoryEntry = PrintHistoryEntry;

export async function listHistory(api: ApiClient): Promise<HistoryEntry[]> {
  const body = await api.get<{ prints: HistoryEntry[] }>('api/argonaut/history');
  return body.prints;
}

/** The print that ended last, or null when none has. */
export async function lastPrint(api: ApiClient): Promise<HistoryEntry | null> {
  const body = await api.get<{ prints: HistoryEntry[] }>('api/argonaut/history?limit=1');
  return body.prints[0] ?? null;
}

/** Selects the file again and starts printing it (from the local store or the SD card it came from). */
export async function printAgain(api: ApiClient, entry: HistoryEntry): Promise<void> {
  const origin = entry.origin === 'sdcard' ? 'sdcard' : 'local';
  await api.post(`api/files/${origin}/${encodePath(entry.path)}`, { command: 'select', print: true });
}
