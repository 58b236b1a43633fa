// Wire types of Argonaut's print history (GET /api/argonaut/history): one entry per ended print.

export type PrintResult = 'done' | 'cancelled' | 'failed';

export interface PrintHistoryEntry {
  /** Unique and increasing within one history file. */
  id: number;
  name: string;
  path: string;
  /** `local` or `sdcard`. */
  origin: string;
  size: number | null;
  /** Who started the print, when known. */
  user: string | null;
  /** Seconds since the epoch. */
  started: number;
  ended: number;
  /** Printing time in seconds (pauses excluded). */
  duration: number;
  result: PrintResult;
  /** Why a failed print failed (the firmware's error, a lost connection); null otherwise. */
  reason: string | null;
  /** How far the print got (percent, 100 when done); null when unknown (entries written before it was kept). */
  completion: number | null;
}
