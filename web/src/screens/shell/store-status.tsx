// A notice in the header while the shared user database (accessControl.store) cannot be reached: until when keys still work, or that they no longer do.
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../app-context.js';

interface StoreStatus {
  kind: 'files' | 'postgresql';
  connected: boolean;
  graceUntil: number | null;
  expired: boolean;
}

/** Between checks while a shared store is configured (a host on files asks once). */
const CHECK_MS = 5000;

function timeOf(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function StoreStatusNotice() {
  const { api, can } = useApp();
  const [status, setStatus] = useState<StoreStatus | null>(null);
  const allowed = can('STATUS');
  useEffect(() => {
    if (!allowed) return undefined;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async (): Promise<void> => {
      try {
        const answer = await api.get<{ store: StoreStatus }>('api/argonaut/store');
        if (!live) return;
        setStatus(answer.store);
        if (answer.store.kind === 'files') return;
      } catch {
        // The server itself is away: the push status says so.
      }
      if (live) timer = setTimeout(() => void check(), CHECK_MS);
    };
    void check();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, allowed]);
  if (!status || status.connected) return null;
  const text = status.expired
    ? 'The shared user database cannot be reached: logins and keys are refused until it is back.'
    : `The shared user database cannot be reached: logins and keys known here work until ${status.graceUntil === null ? 'it is back' : timeOf(status.graceUntil)}; changes to users and keys wait until it is back.`;
  return (
    <p class="notice store-status" role="alert">
      {text}
    </p>
  );
}
