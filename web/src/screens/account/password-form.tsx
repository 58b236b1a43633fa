// Change your own password: the current one, then the new one twice.
import { useState } from 'preact/hooks';
import { changePassword } from '../../api/access-api.js';
import { ApiError } from '../../api/api-error.js';
import { useApp } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Field } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { useAction } from '../../lib/use-async.js';

export function PasswordForm() {
  const { api, session } = useApp();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const save = useAction(async () => {
    try {
      await changePassword(api, session.name, password, current);
    } catch (error) {
      if (error instanceof ApiError && error.status === 403 && !error.needsReauthentication) {
        throw new Error('Your current password is not right.');
      }
      throw error;
    }
    setCurrent('');
    setPassword('');
    setRepeat('');
    setDone(true);
  });
  return (
    <Panel title="Change password">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setDone(false);
          if (password !== repeat) {
            setProblem('The two new passwords are not the same.');
            return;
          }
          setProblem(null);
          void save.run();
        }}
      >
        <Field label="Current password" type="password" value={current} onValue={setCurrent} autocomplete="current-password" required />
        <Field label="New password" type="password" value={password} onValue={setPassword} autocomplete="new-password" required />
        <Field label="Repeat the new password" type="password" value={repeat} onValue={setRepeat} autocomplete="new-password" required />
        <ErrorMessage error={problem ?? save.error} />
        {done ? (
          <p class="success-message" role="status">
            Your password is changed.
          </p>
        ) : null}
        <div class="button-row">
          <button type="submit" class="primary" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Change password'}
          </button>
        </div>
      </form>
    </Panel>
  );
}
