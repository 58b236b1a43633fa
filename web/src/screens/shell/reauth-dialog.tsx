// Asks for the password again when the server wants fresh credentials for a sensitive change.
import { useState } from 'preact/hooks';
import { login } from '../../api/auth-api.js';
import { ApiError, errorText } from '../../api/api-error.js';
import { useApp } from '../../app-context.js';
import { Field } from '../../components/field.js';
import { FormDialog } from '../../components/form-dialog.js';

export function ReauthDialog({ onDone }: { onDone(ok: boolean): void }) {
  const { api, session } = useApp();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await login(api, session.name, password, false);
      onDone(true);
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 403 ? 'That password is not right.' : errorText(caught));
      setBusy(false);
    }
  };

  return (
    <FormDialog title="Confirm it's you" onSubmit={() => void submit()} onClose={() => onDone(false)} error={error} busy={busy} submitLabel="Confirm" busyLabel="Checking…">
      <p>This change needs your password, entered within the last few minutes.</p>
      <Field label="Password" type="password" value={password} onValue={setPassword} autocomplete="current-password" required autofocus />
    </FormDialog>
  );
}
