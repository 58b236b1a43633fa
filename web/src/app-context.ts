// What every screen needs, handed down through a Preact context: the API, the session, live state and messages.
import { createContext } from 'preact';
import { useContext, useEffect, useRef } from 'preact/hooks';
import type { ApiClient } from './api/api-client.js';
import type { Store } from './lib/store.js';
import type { MessageHub } from './push/message-hub.js';
import type { PushStatus } from './push/push-connection.js';
import type { PrinterStateStore } from './push/printer-state.js';

export interface Session {
  name: string;
  permissions: string[];
  groups: string[];
}

export interface AppServices {
  api: ApiClient;
  session: Session;
  printer: PrinterStateStore;
  pushStatus: Store<PushStatus>;
  messages: MessageHub;
  /** Whether the session holds a permission (ADMIN holds all). */
  can(permission: string): boolean;
  logout(): Promise<void>;
  /** Re-reads the session's permissions (after the person changes their own groups, for example). */
  refreshSession(): Promise<void>;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp() outside the logged-in app');
  return services;
}

/** Calls `listener` for every push message of `type` while the component is mounted. */
export function usePushMessage(type: string, listener: (payload: unknown) => void): void {
  const { messages } = useApp();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => messages.subscribe(type, (payload) => latest.current(payload)), [messages, type]);
}

/** Calls `listener` for push events whose type is in `types`. */
export function usePushEvent(types: string[], listener: (type: string, payload: unknown) => void): void {
  const key = types.join(',');
  const latest = useRef(listener);
  latest.current = listener;
  usePushMessage('event', (payload) => {
    const event = payload as { type?: string; payload?: unknown } | null;
    if (event?.type && key.split(',').includes(event.type)) latest.current(event.type, event.payload);
  });
}
