// Print history kept in a file's metadata, and what the API derives from it: `prints` and `statistics`.

/** One print of a file, as OctoPrint stores it in `.metadata.json` under `history`. */
export interface PrintHistoryEntry {
  /** Seconds since the epoch (float). */
  timestamp: number;
  success: boolean;
  /** Printer profile id the print ran with. */
  printerProfile: string | null;
  /** Seconds. */
  printTime?: number;
}

/** The API's `prints` object of a file. */
export interface PrintsSummary {
  success: number;
  failure: number;
  last: { date: number; success: boolean; printTime?: number };
}

/** The API's `statistics` object: seconds per printer profile id. */
export interface PrintStatistics {
  averagePrintTime: Record<string, number>;
  lastPrintTime: Record<string, number>;
}

export function isHistoryEntry(value: unknown): value is PrintHistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.timestamp === 'number' && typeof entry.success === 'boolean';
}

/** Counts successes and failures and picks the latest print; undefined without history. */
export function summarisePrints(history: readonly unknown[]): PrintsSummary | undefined {
  const entries = history.filter(isHistoryEntry);
  if (entries.length === 0) return undefined;
  let last = entries[0] as PrintHistoryEntry;
  for (const entry of entries) if (entry.timestamp > last.timestamp) last = entry;
  const summary: PrintsSummary = {
    success: entries.filter((e) => e.success).length,
    failure: entries.filter((e) => !e.success).length,
    last: { date: last.timestamp, success: last.success },
  };
  if (typeof last.printTime === 'number') summary.last.printTime = last.printTime;
  return summary;
}

/** Average and last print time per printer profile, over successful prints with a known time and profile. */
export function computeStatistics(history: readonly unknown[]): PrintStatistics {
  const times = new Map<string, number[]>();
  const latest = new Map<string, PrintHistoryEntry>();
  for (const entry of history.filter(isHistoryEntry)) {
    if (!entry.success || typeof entry.printTime !== 'number' || !Number.isFinite(entry.printTime)) continue;
    const profile = entry.printerProfile;
    if (!profile) continue;
    const list = times.get(profile) ?? [];
    list.push(entry.printTime);
    times.set(profile, list);
    const previous = latest.get(profile);
    if (!previous || entry.timestamp > previous.timestamp) latest.set(profile, entry);
  }
  const statistics: PrintStatistics = { averagePrintTime: {}, lastPrintTime: {} };
  for (const [profile, list] of times) {
    statistics.averagePrintTime[profile] = list.reduce((sum, t) => sum + t, 0) / list.length;
  }
  for (const [profile, entry] of latest) {
    if (typeof entry.printTime === 'number') statistics.lastPrintTime[profile] = entry.printTime;
  }
  return statistics;
}
