// A dialog holding a form: its fields, the error, then a submit button (busy text while it runs) and Cancel.
import type { ComponentChildren } from 'preact';
import { Dialog } from './dialog.js';
import { ErrorMessage } from './error-message.js';

export interface FormDialogProps {
  title: string;
  /** Extra class for the dialog box (e.g. "wide"). */
  class?: string;
  /** Runs on submit (the page does not reload). */
  onSubmit(): void;
  onClose(): void;
  error: string | null;
  busy: boolean;
  submitLabel: string;
  /** Shown on the submit button while busy. */
  busyLabel?: string;
  /** Disables the submit button (besides while busy). */
  incomplete?: boolean;
  children: ComponentChildren;
}

export function FormDialog({ title, class: className, onSubmit, onClose, error, busy, submitLabel, busyLabel = 'Saving…', incomplete = false, children }: FormDialogProps) {
  return (
    <Dialog title={title} onClose={onClose} class={className}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <ErrorMessage error={error} />
        <div class="button-row">
          <button type="submit" class="primary" disabled={busy || incomplete}>
            {busy ? busyLabel : submitLabel}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
