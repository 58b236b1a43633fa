// Short messages that slide in at the corner and go away by themselves (or when closed); errors stay until closed.
import { useEffect } from 'preact/hooks';

export interface Toast {
  id: number;
  kind: 'success' | 'info' | 'error';
  title: string;
  text: string;
}

export interface ToastListProps {
  toasts: readonly Toast[];
  onClose(id: number): void;
  /** How long a non-error toast stays, in milliseconds. */
  lifetimeMs?: number;
}

function ToastItem({ toast, onClose, lifetimeMs }: { toast: Toast; onClose(id: number): void; lifetimeMs: number }) {
  useEffect(() => {
    if (toast.kind === 'error') return undefined;
    const timer = setTimeout(() => onClose(toast.id), lifetimeMs);
    return () => clearTimeout(timer);
  }, [toast.id]);
  return (
    <li class={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <strong>{toast.title}</strong>
      <span>{toast.text}</span>
      <button type="button" class="toast-close" aria-label={`Close: ${toast.title}`} onClick={() => onClose(toast.id)}>
        ×
      </button>
    </li>
  );
}

export function ToastList({ toasts, onClose, lifetimeMs = 10_000 }: ToastListProps) {
  return (
    <ul class="toast-list" aria-label="Notifications" aria-live="polite">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} onClose={onClose} lifetimeMs={lifetimeMs} />
      ))}
    </ul>
  );
}
