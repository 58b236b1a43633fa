// Reads more of a PrintSource in the background for the job stream and the SD transfer: one read at a time, none after close.
import type { PrintSource } from './print-source.js';

export class SourceRefill {
  private filling = false;
  private closed = false;

  /** `onRead`: more lines are buffered (or the end was reached); `onError`: reading failed. Neither is called after close(). */
  constructor(
    private readonly source: PrintSource,
    private readonly onRead: () => void,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Starts a read unless one is running or the source is closed. */
  request(): void {
    if (this.filling || this.closed) return;
    this.filling = true;
    this.source.fill().then(
      () => {
        this.filling = false;
        if (!this.closed) this.onRead();
      },
      (error: unknown) => {
        this.filling = false;
        if (!this.closed) this.onError(error instanceof Error ? error : new Error(String(error)));
      },
    );
  }

  /** Releases the source; a read still running is ignored when it ends. */
  close(): void {
    this.closed = true;
    this.source.close();
  }
}
