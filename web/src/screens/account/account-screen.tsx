// Your account: password, personal API key and application keys.
import { listGroups } from '../../api/access-api.js';
import { useApp } from '../../app-context.js';
import { groupName } from '../../lib/group-names.js';
import { useLoad } from '../../lib/use-async.js';
import { ApiKeyPanel } from './api-key-panel.js';
import { AppKeysPanel } from './app-keys-panel.js';
import { NotificationsPanel } from './notifications-panel.js';
import { PasswordForm } from './password-form.js';

export function AccountScreen() {
  const { api, can, session } = useApp();
  // Administrators read the group list (custom names); everyone else sees the built-in names.
  const groups = useLoad(() => (can('ADMIN') ? listGroups(api) : Promise.resolve(null)), [api]);
  return (
    <div class="stack">
      <p>
        Logged in as <strong>{session.name}</strong>
        {session.groups.length ? <span class="muted account-groups"> (groups: {session.groups.map((key) => groupName(key, groups.data)).join(', ')})</span> : null}
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
