// An administrator sets a new password for another user.
import { useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Field } from '../../components/field.js';
import { useAction } from '../../lib/use-async.js';

export interface SetPasswordDialogProps {
  name: string;
  onSave(password: string): Promise<void>;
  onClose(): void;
}

export function SetPasswordDialog({ name, onSave, onClose }: SetPasswordDialogProps) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useAction(async () => {
    await onSave(password);
    onClose();
  });
  return (
    <Dialog title={`New password for ${name}`} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (password !== repeat) {
            setProblem('The two passwords are not the same.');
            return;
          }
          setProblem(null);
          void save.run();
        }}
      >
        <Field label="New password" type="password" value={password} onValue={setPassword} autocomplete="new-password" required autofocus />
        <Field label="Repeat the password" type="password" value={repeat} onValue={setRepeat} autocomplete="new-password" required />
        <ErrorMessage error={problem ?? save.error} />
        <div class="button-row">
          <button type="submit" class="primary" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Set password'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
