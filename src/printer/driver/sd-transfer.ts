// Copying a host file onto the printer's SD card: M28 <name>, the file's commands, M29 (OctoPrint's file transfer).
import { prepareCommand, withoutFileFraming } from '../protocol/index.js';
import type { PrintSource } from './print-source.js';
import { SourceRefill } from './source-refill.js';

/** What the web side sees of a transfer: the files, the bytes copied so far, and how long it has taken. */
export interface SdTransferView {
  /** The file's name on the host (as the upload named it). */
  local: string;
  /** Its name on the card. */
  remote: string;
  size: number;
  position: number;
  /** Seconds since the transfer started. */
  elapsed: number;
  user: string | null;
}

export interface SdTransferHooks {
  /** Lines can be sent (the card opened the file, or more of it was read): pump the channel. */
  pump(): void;
  /** Reading the file failed. */
  onReadError(error: Error): void;
  /** Monotonic milliseconds. */
  now(): number;
}

export interface SdTransferSource extends PrintSource {
  readonly size: number;
  readonly position: number;
}

/** `opening`: M28 sent, waiting for "Writing to file"; `writing`: streaming; `closing`: M29 sent. */
export type SdTransferPhase = 'opening' | 'writing' | 'closing';

export class SdTransfer {
  private phaseValue: SdTransferPhase = 'opening';
  private m28Sent = false;
  private m29Sent = false;
  private readonly refill: SourceRefill;
  private readonly startedAt: number;

  constructor(
    private readonly source: SdTransferSource,
    readonly local: string,
    readonly remote: string,
    readonly user: string | null,
    private readonly hooks: SdTransferHooks,
  ) {
    this.startedAt = hooks.now();
    this.refill = new SourceRefill(source, () => hooks.pump(), (error) => hooks.onReadError(error));
  }

  get phase(): SdTransferPhase {
    return this.phaseValue;
  }

  /** Seconds since the transfer started. */
  get elapsed(): number {
    return (this.hooks.now() - this.startedAt) / 1000;
  }

  view(): SdTransferView {
    return { local: this.local, remote: this.remote, size: this.source.size, position: this.source.position, elapsed: Math.round(this.elapsed), user: this.user };
  }

  /** The card answered M28 with "Writing to file": the file's lines may go. */
  opened(): void {
    if (this.phaseValue !== 'opening') return;
    this.phaseValue = 'writing';
    this.hooks.pump();
  }

  /**
   * The next line for the send channel: M28 first, then (once the card opened the file) the file's commands without
   * comments, then M29; null while waiting (for the card, or for more of the file) and after M29.
   */
  next(): string | null {
    if (!this.m28Sent) {
      this.m28Sent = true;
      return `M28 ${this.remote}`;
    }
    if (this.phaseValue === 'opening' || this.m29Sent) return null;
    for (;;) {
      const raw = this.source.nextLine();
      if (raw === null) {
        if (!this.source.exhausted) {
          this.refill.request();
          return null;
        }
        this.m29Sent = true;
        this.phaseValue = 'closing';
        return 'M29';
      }
      if (raw.length === 0 || raw.charCodeAt(0) === 59 /* ; */) continue;
      const prepared = prepareCommand(raw);
      const command = prepared === null ? null : withoutFileFraming(prepared);
      // Host commands (@pause) are for a host streaming the file, not for the card.
      if (command === null || command.charCodeAt(0) === 64 /* @ */) continue;
      return command;
    }
  }

  close(): void {
    this.refill.close();
  }
}
