// Your personal API key: generate one (shown once, with a copy button) or revoke it.
import { useState } from 'preact/hooks';
import { generateApiKey, getUser, revokeApiKey } from '../../api/access-api.js';
import { useApp } from '../../app-context.js';
import { useConfirmation } from '../../components/confirm-dialog.js';
import { CopyButton } from '../../components/copy-button.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Panel } from '../../components/panel.js';
import { useAction, useLoad } from '../../lib/use-async.js';
import { apiKeyPrefix } from '../access/key-prefix.js';

export function ApiKeyPanel() {
  const { api, session } = useApp();
  const user = useLoad(() => getUser(api, session.name), [api, session.name]);
  const [fresh, setFresh] = useState<string | null>(null);
  const generate = useAction(async () => {
    setFresh(await generateApiKey(api, session.name));
    user.reload();
  });
  const revoke = useAction(async () => {
    await revokeApiKey(api, session.name);
    setFresh(null);
    user.reload();
  });
  const revocation = useConfirmation(() => void revoke.run());
  const prefix = user.data ? apiKeyPrefix(user.data) : null;
  const hasKey = Boolean(fresh || prefix);

  return (
    <Panel title="API key">
      <p class="muted">Programs such as slicers use an API key to act as you. Treat it like a password.</p>
      {fresh ? (
        <div class="notice" role="status">
          <p>
            <strong>Your new API key.</strong> Copy it now: it is shown only this once.
          </p>
          <div class="key-box">
            <code data-testid="new-api-key">{fresh}</code>
            <CopyButton text={fresh} />
          </div>
        </div>
      ) : hasKey ? (
        <p>
          You have an API key starting with <code>{prefix}…</code>
        </p>
      ) : (
        <p>You have no API key.</p>
      )}
      <div class="button-row">
        <button type="button" class="primary" disabled={generate.busy} onClick={() => void generate.run()}>
          {generate.busy ? 'Generating…' : hasKey ? 'Generate a new key' : 'Generate a key'}
        </button>
        {hasKey ? (
          <button type="button" class="danger" disabled={revoke.busy} onClick={() => revocation.ask()}>
            {revoke.busy ? 'Revoking…' : 'Revoke key'}
          </button>
        ) : null}
      </div>
      {hasKey && !fresh ? <p class="hint">A new key replaces the old one at once.</p> : null}
      <ErrorMessage error={user.error ?? generate.error ?? revoke.error} />
      {revocation.dialog(() => ({ title: 'Revoke your API key?', message: 'Programs using it stop working at once.', confirmLabel: 'Revoke key' }))}
    </Panel>
  );
}
