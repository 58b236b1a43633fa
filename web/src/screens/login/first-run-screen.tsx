// First run: create the administrator with the one-time setup code the server printed on its console.
import { useState } from 'preact/hooks';
import { ApiError, errorText } from '../../api/api-error.js';
import type { ApiClient } from '../../api/api-client.js';
import { createAdmin } from '../../api/setup-api.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Field } from '../../components/field.js';

function setupErrorText(error: unknown): string {
  if (error instanceof ApiError && error.status === 403) {
    return /code/i.test(error.serverMessage) ? 'That setup code is not right. Copy it from the server console.' : 'An administrator already exists. Log in instead.';
  }
  if (error instanceof ApiError && error.status === 429) return error.message;
  return errorText(error);
}

export function FirstRunScreen({ api, onDone }: { api: ApiClient; onDone(): void }) {
  const [code, setCode] = useState('');
  const [user, setUser] = useState('');
  const [pass, setPass] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (pass !== repeat) {
      setError('The two passwords are not the same.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // The server logs the new administrator in with the same answer.
      await createAdmin(api, user.trim(), pass, code.trim());
      onDone();
    } catch (caught) {
      setError(setupErrorText(caught));
      setBusy(false);
    }
  };

  return (
    <main class="centered-page">
      <form class="panel auth-form" onSubmit={(event) => void submit(event)} aria-labelledby="setup-title">
        <h1 id="setup-title">Welcome to Argonaut</h1>
        <p>Create the administrator account. The setup code was printed on the server's console when it started.</p>
        <Field label="Setup code" value={code} onValue={setCode} autocomplete="one-time-code" required autofocus spellcheck={false} class="mono" name="setupCode" />
        <Field label="Administrator username" value={user} onValue={setUser} autocomplete="username" required name="username" />
        <Field label="Password" type="password" value={pass} onValue={setPass} autocomplete="new-password" required name="password" />
        <Field label="Repeat the password" type="password" value={repeat} onValue={setRepeat} autocomplete="new-password" required name="repeat" />
        <ErrorMessage error={error} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create administrator'}
        </button>
      </form>
    </main>
  );
}
