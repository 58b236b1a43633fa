// The login form: username, password, "remember me", and what went wrong in words.
import { useState } from 'preact/hooks';
import { login } from '../../api/auth-api.js';
import { ApiError } from '../../api/api-error.js';
import type { ApiClient } from '../../api/api-client.js';
import { Checkbox, Field } from '../../components/field.js';
import { ErrorMessage } from '../../components/error-message.js';

export interface LoginScreenProps {
  api: ApiClient;
  printerName: string;
  onLoggedIn(): void;
  /** Shown above the form, e.g. "You were logged out". */
  notice?: string | null;
}

function loginErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return 'Wrong username or password, or the account is deactivated.';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function LoginScreen({ api, printerName, onLoggedIn, notice }: LoginScreenProps) {
  const [user, setUser] = useState('');
  const [pass, setPass] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(api, user.trim(), pass, remember);
      onLoggedIn();
    } catch (caught) {
      setError(loginErrorText(caught));
      setBusy(false);
    }
  };

  return (
    <main class="centered-page">
      <form class="panel auth-form" onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
        <h1 id="login-title">Log in to {printerName || 'Argonaut'}</h1>
        {notice ? <p class="notice">{notice}</p> : null}
        <Field label="Username" value={user} onValue={setUser} autocomplete="username" required autofocus name="username" />
        <Field label="Password" type="password" value={pass} onValue={setPass} autocomplete="current-password" required name="password" />
        <Checkbox label="Remember me on this device" checked={remember} onChange={setRemember} />
        <ErrorMessage error={error} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
