// The user list for administrators: groups, active, API key prefix; add, edit, (de)activate, password, delete.
import { useState } from 'preact/hooks';
import { addUser, changePassword, deleteUser, updateUser } from '../../api/access-api.js';
import type { GroupRecord, UserRecord } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { useConfirmation } from '../../components/confirm-dialog.js';
import { DataTable } from '../../components/data-table.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Panel } from '../../components/panel.js';
import { groupName } from '../../lib/group-names.js';
import { useAction } from '../../lib/use-async.js';
import { apiKeyPrefix } from './key-prefix.js';
import { SetPasswordDialog } from './set-password-dialog.js';
import { UserDialog } from './user-dialog.js';

export interface UsersPanelProps {
  users: UserRecord[];
  groups: GroupRecord[];
  onChanged(): void;
}

export function UsersPanel({ users, groups, onChanged }: UsersPanelProps) {
  const { api, session } = useApp();
  const [editing, setEditing] = useState<UserRecord | 'new' | null>(null);
  const [password, setPassword] = useState<UserRecord | null>(null);
  const action = useAction(async (run: () => Promise<void>) => {
    await run();
    onChanged();
  });
  const removal = useConfirmation((user: UserRecord) => void action.run(() => deleteUser(api, user.name)));

  return (
    <Panel
      title="Users"
      class="span-2"
      actions={
        <button type="button" class="primary" onClick={() => setEditing('new')}>
          Add user
        </button>
      }
    >
      <DataTable columns={['Name', 'Groups', 'Status', 'API key', 'Actions']}>
        {users.map((user) => {
          const prefix = apiKeyPrefix(user);
          const self = user.name === session.name;
          return (
            <tr key={user.name} data-user={user.name}>
              <td>
                {user.name} {self ? <span class="badge">you</span> : null}
              </td>
              <td>{user.groups.map((key) => groupName(key, groups)).join(', ') || '–'}</td>
              <td>{user.active ? <span class="badge state-ready">active</span> : <span class="badge off">deactivated</span>}</td>
              <td>{prefix ? <code>{prefix}…</code> : <span class="muted">none</span>}</td>
              <td class="actions">
                <button type="button" onClick={() => setEditing(user)} aria-label={`Edit ${user.name}`}>
                  Edit
                </button>
                <button type="button" disabled={self} onClick={() => void action.run(() => updateUser(api, user.name, { active: !user.active }))} aria-label={`${user.active ? 'Deactivate' : 'Activate'} ${user.name}`}>
                  {user.active ? 'Deactivate' : 'Activate'}
                </button>
                <button type="button" onClick={() => setPassword(user)} aria-label={`Set password of ${user.name}`}>
                  Password
                </button>
                <button type="button" disabled={self} onClick={() => removal.ask(user)} aria-label={`Delete ${user.name}`}>
                  Delete
                </button>
              </td>
            </tr>
          );
        })}
      </DataTable>
      <ErrorMessage error={action.error} />
      {editing ? (
        <UserDialog
          user={editing === 'new' ? null : editing}
          groups={groups}
          onClose={() => setEditing(null)}
          onAdd={async (record) => {
            await addUser(api, record);
            onChanged();
          }}
          onUpdate={async (name, changes) => {
            await updateUser(api, name, changes);
            onChanged();
          }}
        />
      ) : null}
      {password ? <SetPasswordDialog name={password.name} onClose={() => setPassword(null)} onSave={(value) => changePassword(api, password.name, value)} /> : null}
      {removal.dialog((user) => ({
        title: `Delete ${user.name}?`,
        message: 'The user, their API key and their app keys are deleted for good. Deactivating keeps them and can be undone.',
        confirmLabel: 'Delete user',
      }))}
    </Panel>
  );
}
