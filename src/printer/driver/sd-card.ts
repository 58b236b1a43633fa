// The printer's SD card as the host sees it: ready or not, the file list (M20), and SD print progress (M27).
import type { SdReply } from '../protocol/index.js';

export interface SdFile {
  /** The firmware's (8.3) name, used in M23. */
  name: string;
  /** The long name when the firmware reports one. */
  display: string;
  size: number | null;
}

/** The file with that name in a listing (case-insensitive, long or short name, a leading slash ignored). */
export function findSdFile(files: readonly SdFile[], name: string): SdFile | undefined {
  const wanted = name.replace(/^\//, '').toLowerCase();
  return files.find((file) => file.name.toLowerCase() === wanted || file.display.toLowerCase() === wanted);
}

export interface SdCardEvents {
  onFilesChanged(files: readonly SdFile[]): void;
  onReadyChanged(ready: boolean): void;
  /** The card reported itself ready (`SD card ok`), e.g. after M21: time to list its files. */
  onCardOk(): void;
  onPrintProgress(position: number, total: number): void;
  onPrintDone(): void;
  onFileOpened(name: string, size: number): void;
}

export class SdCard {
  private readyState = false;
  private fileList: SdFile[] = [];
  private collecting: SdFile[] | null = null;
  /** Bytes printed and total of the current SD print. */
  position = 0;
  total = 0;

  constructor(private readonly events: SdCardEvents) {}

  get ready(): boolean {
    return this.readyState;
  }

  get files(): readonly SdFile[] {
    return this.fileList;
  }

  /** Handles one SD reply from the firmware. */
  handle(reply: SdReply): void {
    switch (reply.kind) {
      case 'card-ok':
        this.setReady(true);
        this.events.onCardOk();
        break;
      case 'card-init-failed':
      case 'card-released':
        this.setReady(false);
        this.fileList = [];
        this.events.onFilesChanged(this.fileList);
        break;
      case 'file-list-begin':
        this.collecting = [];
        this.setReady(true);
        break;
      case 'file-entry':
        if (this.collecting) {
          const name = reply.name.replace(/^\//, '').toLowerCase();
          this.collecting.push({ name, display: reply.longName ?? name, size: reply.size });
        }
        break;
      case 'file-list-end':
        this.fileList = this.collecting ?? [];
        this.collecting = null;
        this.events.onFilesChanged(this.fileList);
        break;
      case 'printing-byte':
        this.position = reply.position;
        this.total = reply.total;
        this.events.onPrintProgress(reply.position, reply.total);
        break;
      case 'done-printing':
        this.position = this.total;
        this.events.onPrintDone();
        break;
      case 'file-opened':
        this.position = 0;
        this.total = reply.size;
        this.events.onFileOpened(reply.name, reply.size);
        break;
      default:
        break;
    }
  }

  /** The SD file with that name (case-insensitive, long or short name). */
  find(name: string): SdFile | undefined {
    return findSdFile(this.fileList, name);
  }

  reset(): void {
    this.collecting = null;
    this.position = 0;
    this.total = 0;
    this.fileList = [];
    this.setReady(false);
  }

  private setReady(ready: boolean): void {
    if (ready === this.readyState) return;
    this.readyState = ready;
    this.events.onReadyChanged(ready);
  }
}
