// A yes/no question in a dialog, for destructive actions (delete, cancel a print), and a hook that asks it first.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { Dialog } from './dialog.js';

export interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ title, message, confirmLabel, cancelLabel = 'Go back', onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Dialog title={title} onClose={onCancel}>
      <p>{message}</p>
      <div class="button-row">
        <button type="button" class="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel} autofocus>
          {cancelLabel}
        </button>
      </div>
    </Dialog>
  );
}

/** What the dialog asks about one item. */
export type Question = Omit<ConfirmDialogProps, 'onConfirm' | 'onCancel'>;

export interface Confirmation<T> {
  /** Opens the dialog about `item`. */
  ask(item: T): void;
  /** The dialog while a question is open, else null. */
  dialog(question: (item: T) => Question): JSX.Element | null;
}

/** Asks before `act`: on yes the dialog closes first, then `act` runs on the item it asked about. */
export function useConfirmation<T = void>(act: (item: T) => void): Confirmation<T> {
  const [pending, setPending] = useState<{ item: T } | null>(null);
  return {
    ask: (item) => setPending({ item }),
    dialog: (question) =>
      pending ? (
        <ConfirmDialog
          {...question(pending.item)}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            setPending(null);
            act(pending.item);
          }}
        />
      ) : null,
  };
}
