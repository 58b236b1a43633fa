// Toasts (and, when this browser opted in, desktop notifications) for a print that finished, was cancelled or failed, and printer errors.
import { useRef, useState } from 'preact/hooks';
import { usePushEvent } from '../../app-context.js';
import { ToastList } from '../../components/toast-list.js';
import type { Toast } from '../../components/toast-list.js';
import { formatDuration } from '../../lib/format.js';
import { desktopNotificationsOn } from './desktop-notifications.js';

const MAX_TOASTS = 5;

type Payload = { name?: string; time?: number; reason?: string; error?: string } | null;

function toastFor(type: string, payload: Payload): Omit<Toast, 'id'> | null {
  const name = payload?.name ?? 'The print';
  const time = typeof payload?.time === 'number' ? ` after ${formatDuration(payload.time)}` : '';
  switch (type) {
    case 'PrintDone':
      return { kind: 'success', title: 'Print finished', text: `${name} finished${time}.` };
    case 'PrintCancelled':
      return { kind: 'info', title: 'Print cancelled', text: `${name} was cancelled${time}.` };
    case 'PrintFailed':
      // A cancel is also told as PrintFailed with reason "cancelled": PrintCancelled covers it.
      if (payload?.reason === 'cancelled') return null;
      return { kind: 'error', title: 'Print failed', text: `${name} failed${time}${payload?.reason && payload.reason !== 'error' ? ` (${payload.reason})` : ''}.` };
    case 'Error':
      return { kind: 'error', title: 'Printer error', text: payload?.error ?? 'The printer reported an error.' };
    default:
      return null;
  }
}

export function PrintToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  usePushEvent(['PrintDone', 'PrintCancelled', 'PrintFailed', 'Error'], (type, payload) => {
    const toast = toastFor(type, payload as Payload);
    if (!toast) return;
    const id = nextId.current++;
    setToasts((current) => [...current, { ...toast, id }].slice(-MAX_TOASTS));
    if (desktopNotificationsOn()) {
      try {
        new Notification(toast.title, { body: toast.text, tag: `argonaut-${type}` });
      } catch {
        // Some browsers allow notifications only from a service worker; the toast is shown anyway.
      }
    }
  });
  return <ToastList toasts={toasts} onClose={(id) => setToasts((current) => current.filter((toast) => toast.id !== id))} />;
}
