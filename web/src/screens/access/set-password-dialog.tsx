// An administrator sets a new password for another user.
import { useState } from 'preact/hooks';
import { Field } from '../../components/field.js';
import { FormDialog } from '../../components/form-dialog.js';
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
    <FormDialog
      title={`New password for ${name}`}
      onSubmit={() => {
        if (password !== repeat) {
          setProblem('The two passwords are not the same.');
          return;
        }
        setProblem(null);
        void save.run();
      }}
      onClose={onClose}
      error={problem ?? save.error}
      busy={save.busy}
      submitLabel="Set password"
    >
      <Field label="New password" type="password" value={password} onValue={setPassword} autocomplete="new-password" required autofocus />
      <Field label="Repeat the password" type="password" value={repeat} onValue={setRepeat} autocomplete="new-password" required />
    </FormDialog>
  );
}
