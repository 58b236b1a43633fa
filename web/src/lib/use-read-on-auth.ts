// A hook for state the server already holds and push messages then update: read it again whenever the socket (re)authenticates.
import { useEffect, useState } from 'preact/hooks';
import { usePushMessage } from '../app-context.js';

/**
 * While `enabled`, calls `read` on mount and after every (re)authentication of the push socket (its `history` message),
 * so what was missed while the socket was away is caught up, and hands the result to `apply` (unless unmounted or
 * superseded meanwhile; failures are ignored: the next push or authentication tries again). `deps`: what `read` and
 * `apply` depend on.
 */
export function useReadOnAuth<T>(enabled: boolean, read: () => Promise<T>, apply: (value: T) => void, deps: readonly unknown[]): void {
  const [generation, setGeneration] = useState(0);
  usePushMessage('history', () => setGeneration((g) => g + 1));
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    read().then(
      (value) => {
        if (live) apply(value);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [enabled, generation, ...deps]);
}
