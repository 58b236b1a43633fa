// The transfer part of the state machine: start, stream, finish or fail a copy of a host file onto the SD card.
import type { EventBus } from '../../events/index.js';
import type { PrinterStateId } from './printer-state.js';
import type { SendChannel } from './send-channel.js';
import { SdTransfer } from './sd-transfer.js';
import type { SdTransferSource, SdTransferView } from './sd-transfer.js';

export interface SdTransferControllerHost {
  readonly channel: SendChannel;
  readonly events: EventBus;
  setState(state: PrinterStateId): void;
  now(): number;
  /** Lists the card again (M20). */
  refreshSdFiles(): void;
  /** A line for the terminal. */
  info(text: string): void;
  /** Whether a transport is attached (M29/M30 can still be written). */
  connected(): boolean;
}

export class SdTransferController {
  private current: SdTransfer | null = null;

  constructor(private readonly host: SdTransferControllerHost) {}

  get active(): boolean {
    return this.current !== null;
  }

  view(): SdTransferView | null {
    return this.current?.view() ?? null;
  }

  /**
   * Starts streaming `source` into `remote` on the card: STARTING until the card opened the file, then PRINTING
   * ("Sending file to SD"). Queued commands and temperature polls wait until the transfer is over.
   */
  start(source: SdTransferSource, local: string, remote: string, user: string | null): void {
    const channel = this.host.channel;
    const transfer = new SdTransfer(source, local, remote, user, {
      pump: () => channel.pump(),
      onReadError: (error) => this.fail(`Could not read the file for the SD card: ${error.message}`),
      now: () => this.host.now(),
    });
    this.current = transfer;
    this.host.setState('STARTING');
    this.host.events.emit('TransferStarted', { local, remote });
    channel.holdQueue(true);
    channel.setJobFeed(() => transfer.next());
    channel.pump();
  }

  /** "Writing to file": the card opened the file. */
  opened(): void {
    if (this.current?.phase !== 'opening') return;
    this.host.setState('PRINTING');
    this.current.opened();
  }

  /** "open failed": the card could not create the file. */
  openFailed(name: string): void {
    if (this.current?.phase !== 'opening') return;
    this.end(`The SD card could not create ${name}`, false);
  }

  /** The channel is idle: after M29 was acknowledged, the transfer is done. */
  onIdle(): void {
    if (this.current?.phase === 'closing') this.end(null, false);
  }

  /** Cancelled, or the file could not be read: M29 closes the file and M30 deletes the partial copy. */
  fail(reason: string): void {
    if (!this.current) return;
    this.end(reason, this.host.connected());
  }

  /** The connection is going or gone, or the printer restarted: the transfer fails; the caller sets the state. */
  abort(reason: string): void {
    if (this.current) this.end(reason, false, false);
  }

  private end(failure: string | null, cleanUp: boolean, settle = true): void {
    const transfer = this.current;
    if (!transfer) return;
    this.current = null;
    transfer.close();
    const channel = this.host.channel;
    channel.setJobFeed(null);
    channel.holdQueue(false);
    const payload = { local: transfer.local, remote: transfer.remote, time: transfer.elapsed };
    if (failure === null) {
      this.host.info(`Transfer of ${transfer.local} to the SD card as ${transfer.remote} done`);
      this.host.events.emit('TransferDone', payload);
    } else {
      this.host.info(`Transfer of ${transfer.local} to the SD card failed: ${failure}`);
      this.host.events.emit('TransferFailed', payload);
    }
    if (!settle || !this.host.connected()) return;
    this.host.setState('OPERATIONAL');
    if (cleanUp && transfer.phase !== 'closing') {
      channel.enqueue('M29');
      channel.enqueue(`M30 ${transfer.remote}`);
    }
    this.host.refreshSdFiles();
    channel.pump();
  }
}
