// Your account: password, personal API key and application keys.
import { useApp } from '../../app-context.js';
import { ApiKeyPanel } from './api-key-panel.js';
import { AppKeysPanel } from './app-keys-panel.js';
import { NotificationsPanel } from './notifications-panel.js';
import { PasswordForm } from './password-form.js';

export function AccountScreen() {
  const { session } = useApp();
  return (
    <div class="stack">
      <p>
        Logged in as <strong>{session.name}</strong>
        {session.groups.length ? <span class="muted"> ({session.groups.join(', ')})</span> : null}
      </p>
      <div class="grid">
        <PasswordForm />
        <ApiKeyPanel />
        <AppKeysPanel />
        <NotificationsPanel />
      </div>
    </div>
  );
}
