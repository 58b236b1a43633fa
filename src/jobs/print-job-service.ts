// Print jobs: selection, start/pause/resume/cancel/restart, progress, OctoPrint's print events and print results.
import type { EventBus, PrintPayload } from '../events/index.js';
import type { FileManager } from '../files/index.js';
import type { PrintEnd, PrinterService } from '../printer/index.js';
import { ArgonautError, DisposableStore, notOperational } from '../shared/index.js';
import { EMPTY_PROGRESS, fromMetadata, jobInfo, progressInfo } from './job-data.js';
import type { CurrentData, JobInfo, ProgressInfo, SelectedFile } from './job-data.js';
import type { FileOrigin, JobService, SelectOptions } from './job-service.js';
import { SdUploads, transferJob, transferProgress } from './sd-upload.js';
import type { SdUploadOptions } from './sd-upload.js';

/** The part of the FileManager jobs use. */
export type JobFiles = Pick<FileManager, 'absolutePath' | 'getFile' | 'addPrintResult'>;

export interface PrintJobServiceOptions {
  printer: PrinterService;
  files: JobFiles;
  events: EventBus;
  /** Runs before a print starts (power control switches the printer on); it logs its own failures. */
  beforeStart?: () => Promise<void>;
  /** Called when recording a print result fails (the print itself is over). */
  onError?: (message: string, error: unknown) => void;
}

/** The host streams a local file; a file on the printer's SD card is printed by the printer. */
const fromHost = (active: ActivePrint): boolean => active.file.origin === 'local';

interface ActivePrint {
  file: SelectedFile;
  user: string | null;
  startedAt: number;
  pausedAt: number | null;
  pausedTotal: number;
}

export class PrintJobService implements JobService {
  private selected: SelectedFile | null = null;
  private selectedBy: string | null = null;
  private active: ActivePrint | null = null;
  private lastProgress: ProgressInfo = EMPTY_PROGRESS;
  /** Completion (percent) when the last print ended, before a cancel clears the progress; null before any end. */
  private endCompletion: number | null = null;
  /** A start is opening the file (two starts at once must not both go ahead). */
  private starting = false;
  private readonly subscriptions = new DisposableStore();
  private readonly sdUploads: SdUploads;

  constructor(private readonly options: PrintJobServiceOptions) {
    const print = options.printer.driver.print;
    this.subscriptions.add(print.onDidEnd((end) => void this.ended(end)));
    this.subscriptions.add(print.onDidPause(() => this.paused()));
    this.subscriptions.add(print.onDidResume(() => this.resumed()));
    // A file selected before its analysis finished gets the estimate and filament once it is there, as in OctoPrint.
    this.subscriptions.add(options.events.on('MetadataAnalysisFinished', (payload) => void this.analysed(payload.path)));
    this.sdUploads = new SdUploads({
      printer: options.printer,
      events: options.events,
      files: options.files,
      select: (path, selectOptions) => this.select('sdcard', path, selectOptions),
      forgetSelection: () => {
        this.selected = null;
        this.selectedBy = null;
        this.lastProgress = EMPTY_PROGRESS;
      },
      onError: (message, error) => this.options.onError?.(message, error),
    });
  }

  /** Copies a local file onto the printer's SD card; resolves with its name there once the transfer started. */
  copyToSd(path: string, options: SdUploadOptions): Promise<string> {
    if (this.active) return Promise.reject(new ArgonautError('conflict', 'Can not upload to SD card, printer is either not operational or already busy'));
    return this.sdUploads.copy(path, options);
  }

  private async analysed(path: string): Promise<void> {
    const selected = this.selected;
    if (selected?.origin !== 'local' || selected.path !== path) return;
    try {
      const fresh = await this.localFile(path);
      if (this.selected === selected) this.selected = fresh;
      if (this.active?.file === selected) this.active.file = fresh;
    } catch {
      // Gone meanwhile: the selection shows what it had.
    }
  }

  private get driver() {
    return this.options.printer.driver;
  }

  async select(origin: FileOrigin, path: string, options: SelectOptions): Promise<void> {
    if (this.active || this.driver.isPrinting || this.driver.isPaused) throw new ArgonautError('conflict', 'Printer is already printing, cannot select a new file');
    if (options.print && !this.driver.isOperational) throw new ArgonautError('not-operational', 'Printer is not operational, cannot directly start printing');
    const file = origin === 'local' ? await this.localFile(path) : this.sdFile(path);
    this.selected = file;
    this.selectedBy = options.user;
    this.lastProgress = EMPTY_PROGRESS;
    this.options.events.emit('FileSelected', { name: file.name, path: file.path, origin: file.origin, size: file.size });
    if (options.print) await this.start(options.user);
  }

  unselect(): void {
    if (this.active) throw new ArgonautError('conflict', 'Cannot unselect a file while printing');
    if (!this.selected) return;
    this.selected = null;
    this.selectedBy = null;
    this.lastProgress = EMPTY_PROGRESS;
    this.options.events.emit('FileDeselected', {});
  }

  get selection(): SelectedFile | null {
    return this.selected;
  }

  isPrinting(origin: FileOrigin, path: string): boolean {
    return this.active !== null && this.active.file.origin === origin && this.active.file.path === path;
  }

  busyFiles(): Array<{ origin: FileOrigin; path: string }> {
    const transfer = this.driver.sd.transfer();
    if (transfer) return [{ origin: 'sdcard', path: transfer.remote }];
    return this.active ? [{ origin: this.active.file.origin, path: this.active.file.path }] : [];
  }

  /** Starts the selected file. Throws not-operational, conflict (a job is active or nothing is selected) or not-found. */
  async start(user: string | null): Promise<void> {
    if (!this.driver.isOperational) throw notOperational();
    if (this.starting || this.active || this.driver.isPrinting || this.driver.isPaused) {
      throw new ArgonautError('conflict', "Printer already has an active print job, did you mean 'restart'?");
    }
    const file = this.selected;
    if (!file) throw new ArgonautError('conflict', 'No file is selected for printing');
    this.starting = true;
    try {
      await this.options.beforeStart?.();
      let path: string | null = null;
      if (file.origin === 'local') {
        const stored = await this.options.files.getFile(file.path);
        if (!stored) throw new ArgonautError('not-found', 'The selected file does not exist anymore');
        path = this.options.files.absolutePath(file.path);
        file.size = stored.size;
      }
      if (this.driver.state !== 'OPERATIONAL') throw new ArgonautError('conflict', 'The printer is busy, try again');
      const active: ActivePrint = { file, user, startedAt: this.driver.scheduler.now(), pausedAt: null, pausedTotal: 0 };
      this.active = active;
      this.lastProgress = EMPTY_PROGRESS;
      // PrintStarted goes out before the first line: with an instant printer the print may end right after it starts.
      this.options.events.emit('PrintStarted', this.payload(active));
      try {
        if (path !== null) await this.driver.call('startFilePrint', { path });
        else await this.driver.call('startSdPrint', file.path);
      } catch (error) {
        if (this.active === active) {
          this.active = null;
          this.options.events.emit('PrintFailed', { ...this.payload(active), time: 0, reason: 'error' });
        }
        throw error;
      }
    } finally {
      this.starting = false;
    }
  }

  /** Starts the paused job again from the beginning. Throws conflict unless paused. */
  async restart(user: string | null): Promise<void> {
    const active = this.active;
    if (!active || !this.driver.isPaused) throw new ArgonautError('conflict', 'Printer does not have an active print job or is not paused');
    active.user = user ?? active.user;
    active.startedAt = this.driver.scheduler.now();
    active.pausedAt = null;
    active.pausedTotal = 0;
    if (fromHost(active)) {
      await this.driver.call('restartPrint');
    } else {
      await this.driver.call('commands', ['M26 S0']);
      await this.driver.call('resume');
    }
  }

  /** Pauses, resumes or toggles (`action`, OctoPrint's); conflict without an active job, then invalid for another action. */
  async pause(action: unknown = 'toggle'): Promise<void> {
    this.requireActive('pause');
    if (action !== 'pause' && action !== 'resume' && action !== 'toggle') {
      throw new ArgonautError('invalid', 'Unknown action'); // OctoPrint's words; the actions are pause, resume and toggle
    }
    const resume = action === 'resume' || (action === 'toggle' && this.driver.isPaused);
    await this.driver.call(resume ? 'resume' : 'pause');
  }

  async cancel(): Promise<void> {
    // As in OctoPrint, cancelling while a file is copied onto the SD card stops the copy (and deletes what was written).
    if (!this.active && this.driver.sd.transfer()) return this.driver.call('cancel');
    const active = this.requireActive('cancel');
    if (this.driver.state === 'CANCELLING') return;
    this.options.events.emit('PrintCancelling', { ...this.payload(active), firmwareError: null });
    await this.driver.call('cancel');
  }

  /** How far (percent) the last print got when it ended: 100 when done; null before any print ended or when unknown. */
  completionAtEnd(): number | null {
    return this.endCompletion;
  }

  /** `job` and `progress` as GET /api/job shows them. */
  jobData(): { job: JobInfo; progress: ProgressInfo } {
    const transfer = this.driver.sd.transfer();
    if (transfer) return { job: transferJob(transfer), progress: transferProgress(transfer) };
    return { job: jobInfo(this.selected, this.active?.user ?? this.selectedBy), progress: this.progress() };
  }

  /** Everything of OctoPrint's current data except temperatures and logs (for the push socket). */
  current(): CurrentData {
    const snapshot = this.driver.snapshot();
    return {
      state: snapshot.state,
      ...this.jobData(),
      currentZ: snapshot.currentZ,
      offsets: snapshot.offsets,
      resends: snapshot.resends,
      busyFiles: this.busyFiles(),
    };
  }

  dispose(): void {
    this.subscriptions.dispose();
  }

  private progress(): ProgressInfo {
    const active = this.active;
    if (!active) return this.lastProgress;
    const sd = this.driver.sd.progress();
    const filepos = fromHost(active) ? this.driver.printPosition : sd.position;
    if (!fromHost(active) && sd.total > 0) active.file.size = sd.total;
    return progressInfo(active.file, filepos, this.printTime(active));
  }

  private printTime(active: ActivePrint): number {
    const now = this.driver.scheduler.now();
    const paused = active.pausedTotal + (active.pausedAt !== null ? now - active.pausedAt : 0);
    return Math.max(0, (now - active.startedAt - paused) / 1000);
  }

  private requireActive(command: string): ActivePrint {
    if (!this.active || !(this.driver.isPrinting || this.driver.isPaused)) {
      throw new ArgonautError('conflict', `Printer is neither printing nor paused, '${command}' command cannot be performed`);
    }
    return this.active;
  }

  private payload(active: ActivePrint): PrintPayload {
    return { name: active.file.name, path: active.file.path, origin: active.file.origin, size: active.file.size, owner: active.file.owner, user: active.user };
  }

  private paused(): void {
    if (!this.active) return;
    this.active.pausedAt = this.driver.scheduler.now();
    const position = this.driver.snapshot().position;
    this.options.events.emit('PrintPaused', {
      ...this.payload(this.active),
      ...(position ? { position: { x: position.x, y: position.y, z: position.z, e: position.e } } : {}),
    });
  }

  private resumed(): void {
    const active = this.active;
    if (!active) return;
    if (active.pausedAt !== null) active.pausedTotal += this.driver.scheduler.now() - active.pausedAt;
    active.pausedAt = null;
    this.options.events.emit('PrintResumed', this.payload(active));
  }

  private async ended(end: PrintEnd): Promise<void> {
    const active = this.active;
    if (!active) return;
    const time = this.printTime(active);
    const progress = this.progress();
    this.endCompletion = end.kind === 'done' ? 100 : progress.completion;
    // After a cancel OctoPrint shows no progress; after a finished print, all of it.
    if (end.kind === 'done') this.lastProgress = { ...progress, completion: 100, filepos: active.file.size, printTimeLeft: 0 };
    else this.lastProgress = end.kind === 'cancelled' ? EMPTY_PROGRESS : progress;
    this.active = null;
    const payload = this.payload(active);
    if (end.kind === 'done') this.options.events.emit('PrintDone', { ...payload, time });
    else if (end.kind === 'cancelled') {
      this.options.events.emit('PrintCancelled', { ...payload, time });
      this.options.events.emit('PrintFailed', { ...payload, time, reason: 'cancelled' });
    } else this.options.events.emit('PrintFailed', { ...payload, time, reason: end.reason });
    if (!fromHost(active)) return;
    try {
      await this.options.files.addPrintResult(active.file.path, {
        success: end.kind === 'done',
        printTime: time,
        timestamp: Date.now() / 1000,
        profileId: this.driver.connection.profileId,
      });
    } catch (error) {
      this.options.onError?.(`Could not record the print result of ${active.file.path}`, error);
    }
  }

  private async localFile(path: string): Promise<SelectedFile> {
    const file = await this.options.files.getFile(path);
    if (!file) throw new ArgonautError('not-found', 'File not found');
    if (file.typePath[0] !== 'machinecode') throw new ArgonautError('unsupported-type', 'Cannot select file for printing, not a machinecode file');
    return {
      origin: 'local',
      path: file.path,
      name: file.name,
      display: file.display,
      size: file.size,
      date: file.date,
      ...fromMetadata(file.metadata, this.options.printer.profiles.currentId() ?? this.options.printer.profiles.defaultId()),
    };
  }

  private sdFile(path: string): SelectedFile {
    const entry = this.driver.sd.find(path);
    if (!entry) throw new ArgonautError('not-found', 'File not found on the SD card');
    return {
      origin: 'sdcard',
      path: entry.name,
      name: entry.name,
      display: entry.display,
      size: entry.size,
      date: null,
      owner: null,
      analysisEstimate: null,
      slicerEstimate: null,
      averagePrintTime: null,
      lastPrintTime: null,
      filament: null,
    };
  }
}
