// What the toasts say when a print finishes, is cancelled or fails, and when the printer reports an error.
import type { Toast } from '../../components/toast-list.js';
import { formatDuration } from '../../lib/format.js';

export type EventPayload = { name?: string; time?: number; reason?: string; error?: string } | null;

/** The toast for a push event, or null for events that get none (a cancel's second telling as PrintFailed). */
export function toastFor(type: string, payload: EventPayload): Omit<Toast, 'id'> | null {
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
