// The contract of print jobs as the HTTP layer and the file routes use it (implemented in this folder).
import type { CurrentData, JobInfo, ProgressInfo } from './job-data.js';

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
  /** The file of the active job (printing or paused), as OctoPrint reports `busyFiles`; a merely selected file is not busy. */
  busyFiles(): Array<{ origin: FileOrigin; path: string }>;
  /** Starts the selected file; throws 'not-operational', or 'conflict' when a job is active or nothing is selected. */
  start(user: string | null): Promise<void>;
  /** Starts the paused job again from its beginning; throws 'conflict' unless paused. */
  restart(user: string | null): Promise<void>;
  /** Pause and cancel throw 'conflict' when there is no active job; `action` is 'pause', 'resume' or 'toggle' (default). */
  pause(action?: unknown): Promise<void>;
  cancel(): Promise<void>;
  /**
   * Copies a local file onto the printer's SD card (OctoPrint's upload to the card); resolves with its name there once
   * the transfer started, and selects/prints the copy when it is done if asked. Throws not-found, not-operational, or
   * conflict when the printer is busy or the card is not ready.
   */
  copyToSd(path: string, options: { select: boolean; print: boolean; user: string | null }): Promise<string>;
  /** `job` and `progress` as GET /api/job shows them. */
  jobData(): { job: JobInfo; progress: ProgressInfo };
  /** OctoPrint's current data (state, job, progress, currentZ, offsets, resends, busyFiles) for the push socket. */
  current(): CurrentData;
}
