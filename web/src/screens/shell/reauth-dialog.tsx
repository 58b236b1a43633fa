// Asks for the password again when the server wants fresh credentials for a sensitive change.
import { useState } from 'preact/hooks';
import { login } from '../../api/auth-api.js';
import { ApiError, errorText } from '../../api/api-error.js';
import { useApp } from '../../app-context.js';
import { Dialog } from '../../components/dialog.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Field } from '../../components/field.js';

export function ReauthDialog({ onDone }: { onDone(ok: boolean): void }) {
  const { api, session } = useApp();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
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
    <Dialog title="Confirm it's you" onClose={() => onDone(false)}>
      <form onSubmit={(event) => void submit(event)}>
        <p>This change needs your password, entered within the last few minutes.</p>
        <Field label="Password" type="password" value={password} onValue={setPassword} autocomplete="current-password" required autofocus />
        <ErrorMessage error={error} />
        <div class="button-row">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Checking…' : 'Confirm'}
          </button>
          <button type="button" onClick={() => onDone(false)}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
