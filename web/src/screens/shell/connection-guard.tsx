// While the push socket is away (the server restarts or the network drops), the screen is frozen with a banner, so
// no button acts on stale state; when it is back, the screen is mounted afresh and reloads what it shows.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../app-context.js';
import { useStore } from '../../lib/store.js';

export interface ConnectionGuard {
  /** True while the live connection, once made, is lost. */
  away: boolean;
  /** Goes up each time the connection comes back: a key that remounts the screen, so it loads fresh data. */
  generation: number;
}

export function useConnectionGuard(): ConnectionGuard {
  const { pushStatus, refreshSession } = useApp();
  const status = useStore(pushStatus);
  const [generation, setGeneration] = useState(0);
  const wasAway = useRef(false);
  useEffect(() => {
    if (status === 'reconnecting') wasAway.current = true;
    if (status === 'online' && wasAway.current) {
      wasAway.current = false;
      setGeneration((value) => value + 1);
      // Rights may have changed while away (groups edited, config.yaml changed): read them again.
      refreshSession().catch(() => undefined);
    }
  }, [status]);
  return { away: status === 'reconnecting', generation };
}

export function ConnectionBanner({ away }: { away: boolean }) {
  if (!away) return null;
  return (
    <div class="connection-banner" role="alert">
      <strong>The connection to the server is lost.</strong> Reconnecting… The page is paused until it is back, so that
      nothing acts on an old state.
    </div>
  );
}
