// What the file routes ask the jobs service: is a file printing, what is selected; no job service = no printer.
import type { FileOrigin, JobService } from '../../../jobs/index.js';

export class JobsView {
  constructor(private readonly jobs: JobService | undefined) {}

  get available(): boolean {
    return this.jobs !== undefined;
  }

  get service(): JobService | undefined {
    return this.jobs;
  }

  /** Whether this very file is being printed. */
  isPrinting(origin: FileOrigin, path: string): boolean {
    return this.jobs?.isPrinting(origin, path) ?? false;
  }

  /** Whether a file being printed lies inside this folder. */
  isPrintingWithin(origin: FileOrigin, folder: string): boolean {
    const jobs = this.jobs;
    if (!jobs) return false;
    return jobs.busyFiles().some((f) => f.origin === origin && f.path.startsWith(`${folder}/`) && jobs.isPrinting(origin, f.path));
  }

  /** The selected (or printing) file, if any. */
  selected(): { origin: FileOrigin; path: string } | null {
    return this.jobs?.busyFiles()[0] ?? null;
  }

  /** Whether the selected file is this one or lies inside this folder. */
  selectionWithin(origin: FileOrigin, path: string): boolean {
    const selected = this.selected();
    return selected !== null && selected.origin === origin && (selected.path === path || selected.path.startsWith(`${path}/`));
  }

  /** Clears the selection, ignoring refusals (used before deleting or moving the selected file). */
  unselectQuietly(): void {
    try {
      this.jobs?.unselect();
    } catch {
      // The file stays selected; the caller's own checks already ruled out an active print.
    }
  }
}
