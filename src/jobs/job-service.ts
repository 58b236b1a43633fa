// The contract of print jobs as the HTTP layer and the file routes use it (implemented in this folder).
export type FileOrigin = 'local' | 'sdcard';

export interface SelectOptions {
  /** Start printing right after selecting. */
  print: boolean;
  /** Name of the user who asked, for the job's `user` field and events. */
  user: string | null;
}

export interface JobService {
  /**
   * Selects a file for printing (and prints it when asked).
   * Throws ArgonautError 'not-operational' when the printer cannot select now, 'conflict' while printing,
   * 'not-found' when the file does not exist, 'unsupported-type' when it is not machine code.
   */
  select(origin: FileOrigin, path: string, options: SelectOptions): Promise<void>;
  /** Clears the selection; throws ArgonautError 'conflict' while printing. */
  unselect(): void;
  /** Whether this file is the one being printed right now (uploads over it, moves and deletes answer 409). */
  isPrinting(origin: FileOrigin, path: string): boolean;
  /** Files that are selected or printing, as `origin:path` (push `busyFiles`). */
  busyFiles(): Array<{ origin: FileOrigin; path: string }>;
}
