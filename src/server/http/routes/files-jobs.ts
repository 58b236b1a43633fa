// What the file routes ask the jobs service: is the printer ready, is a file printing, what is selected.
import type { FileOrigin, JobService } from '../../../jobs/index.js';

export class JobsView {
  /** No job service means no printer: nothing prints, nothing is selected, nothing can be. */
  constructor(private readonly jobs: JobService | undefined) {}

  get service(): JobService | undefined {
    return this.jobs;
  }

  /** OctoPrint's `is_ready`: operational, not printing, not paused, not streaming. */
  isReady(): boolean {
    return this.jobs?.current().state.flags.ready ?? false;
  }

  /** Operational and neither printing nor paused (the upload's condition for select/print). */
  canSelectAfterUpload(): boolean {
    const flags = this.jobs?.current().state.flags;
    return flags !== undefined && flags.operational && !flags.printing && !flags.paused;
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

  /** The selected file (printing or not), if any. */
  selected(): { origin: FileOrigin; path: string } | null {
    const file = this.jobs?.jobData().job.file;
    return file && file.path !== null && file.origin !== null ? { origin: file.origin, path: file.path } : null;
  }

  isSelected(origin: FileOrigin, path: string): boolean {
    const selected = this.selected();
    return selected !== null && selected.origin === origin && selected.path === path;
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
