// Toasts (and, when this browser opted in, desktop notifications) for a print that finished, was cancelled or failed, and printer errors.
import { useRef, useState } from 'preact/hooks';
import { usePushEvent } from '../../app-context.js';
import { ToastList } from '../../components/toast-list.js';
import type { Toast } from '../../components/toast-list.js';
import { desktopNotificationsOn } from './desktop-notifications.js';
import { toastFor } from './print-toast-text.js';
import type { EventPayload } from './print-toast-text.js';

const MAX_TOASTS = 5;

export function PrintToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  usePushEvent(['PrintDone', 'PrintCancelled', 'PrintFailed', 'Error'], (type, payload) => {
    const toast = toastFor(type, payload as EventPayload);
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
