// Batches what one turn of the driver process posts into one message, and sheds terminal lines while the channel is backed up.
import type { FromDriver } from './driver-contract.js';

/** Where batches go: the IPC channel to the web server. */
export interface BatchSink {
  /**
   * Sends one batch; returns false when the channel is backed up (process.send's answer). Calls `written` once the
   * batch has left (or failed to).
   */
  send(messages: FromDriver[], written: () => void): boolean;
}

/** Batches sent and not yet written beyond which the channel counts as backed up, whatever send() said. */
export const MAX_BATCHES_IN_FLIGHT = 64;

/**
 * Returns a `post` that collects messages and hands them to `sink` as one array once the current synchronous run (and
 * the microtasks queued before the first message) is over. The other side receives either all or none of them, so
 * that a state change and the event that goes with it (PAUSED and the pause event, say) are never seen apart.
 *
 * While the channel is backed up (send() said false, until that batch is written, or too many batches are in
 * flight), terminal lines are dropped and counted (one "[n lines skipped]" line follows once it drains), and state
 * updates are held back with only the newest kept: it goes out before the next event, reply or temperature, or once
 * the channel drains. Events, replies and temperatures are never dropped.
 */
export function batchedPoster(sink: BatchSink, maxInFlight = MAX_BATCHES_IN_FLIGHT): (message: FromDriver) => void {
  let batch: FromDriver[] = [];
  let inFlight = 0;
  /** The batch whose send() said false: the channel is backed up until it has been written. */
  let refused: number | null = null;
  let sentCount = 0;
  let skipped = 0;
  let heldState: FromDriver | null = null;
  let scheduled = false;
  const congested = (): boolean => refused !== null || inFlight >= maxInFlight;
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(flush);
  };
  const written = (number: number): void => {
    inFlight--;
    if (refused !== null && number >= refused) refused = null;
    if (!congested() && (heldState || skipped > 0)) schedule();
  };
  function flush(): void {
    scheduled = false;
    const messages = batch;
    batch = [];
    const out: FromDriver[] = [];
    const backedUp = congested();
    if (!backedUp) {
      if (heldState) out.push(heldState);
      heldState = null;
      if (skipped > 0) out.push({ type: 'lines', directions: 'i', texts: [`[${skipped} ${skipped === 1 ? 'line' : 'lines'} skipped]`] });
      skipped = 0;
    }
    for (const message of messages) {
      if (backedUp && message.type === 'lines') skipped += message.texts.length;
      else if (backedUp && message.type === 'state') heldState = message;
      else {
        if (heldState) out.push(heldState);
        heldState = null;
        out.push(message);
      }
    }
    if (out.length === 0) return;
    const number = ++sentCount;
    inFlight++;
    if (!sink.send(out, () => written(number))) refused = number;
  }
  return (message) => {
    if (batch.push(message) === 1) schedule();
  };
}
