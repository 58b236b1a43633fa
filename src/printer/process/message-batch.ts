// Batches what one turn of the driver process posts into one message, so that the other side applies it whole.

/**
 * Returns a `post` that collects messages and hands them to `send` as one array once the current synchronous run (and
 * the microtasks queued before the first message) is over. The other side receives either all or none of them, so
 * that a state change and the event that goes with it (PAUSED and the pause event, say) are never seen apart.
 */
export function batchedPoster<T>(send: (messages: T[]) => void): (message: T) => void {
  let batch: T[] = [];
  const flush = (): void => {
    const messages = batch;
    batch = [];
    send(messages);
  };
  return (message) => {
    if (batch.push(message) === 1) queueMicrotask(flush);
  };
}
