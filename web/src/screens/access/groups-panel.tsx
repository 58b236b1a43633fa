// Groups for administrators: their permissions; add, edit and delete (where the group allows it).
import { useState } from 'preact/hooks';
import { addGroup, deleteGroup, updateGroup } from '../../api/access-api.js';
import type { GroupRecord, PermissionRecord } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { useConfirmation } from '../../components/confirm-dialog.js';
import { DataTable } from '../../components/data-table.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Panel } from '../../components/panel.js';
import { UNAVAILABLE_PERMISSIONS } from '../../lib/permission-names.js';
import { useAction } from '../../lib/use-async.js';
import { GroupDialog } from './group-dialog.js';
import type { GroupValues } from './group-dialog.js';

export interface GroupsPanelProps {
  groups: GroupRecord[];
  permissions: PermissionRecord[];
  onChanged(): void;
}

export function GroupsPanel({ groups, permissions, onChanged }: GroupsPanelProps) {
  const { api } = useApp();
  const [editing, setEditing] = useState<GroupRecord | 'new' | null>(null);
  const remove = useAction(async (key: string) => {
    await deleteGroup(api, key);
    onChanged();
  });
  const removal = useConfirmation((group: GroupRecord) => void remove.run(group.key));
  const permissionName = (key: string): string => permissions.find((p) => p.key === key)?.name ?? key;
  const save = async (values: GroupValues): Promise<void> => {
    if (editing === 'new') await addGroup(api, values);
    else if (editing) {
      const { key: _key, ...changes } = values;
      await updateGroup(api, editing.key, changes);
    }
    onChanged();
  };
  return (
    <Panel
      title="Groups"
      class="span-2"
      actions={
        <button type="button" onClick={() => setEditing('new')}>
          Add group
        </button>
      }
    >
      <DataTable columns={['Group', 'Permissions', 'Actions']}>
        {groups.map((group) => (
          <tr key={group.key}>
            <td>
              {group.name} <span class="muted">({group.key})</span> {group.default ? <span class="badge">new users</span> : null}
              {group.description ? <div class="hint">{group.description}</div> : null}
            </td>
            <td>{group.permissions.includes('ADMIN') ? 'Everything (administrator)' : group.permissions.filter((key) => !UNAVAILABLE_PERMISSIONS.has(key)).map(permissionName).join(', ') || 'None'}</td>
            <td class="actions">
              <button type="button" disabled={!group.changeable} onClick={() => setEditing(group)} aria-label={`Edit group ${group.name}`}>
                Edit
              </button>
              <button type="button" disabled={!group.removable} onClick={() => removal.ask(group)} aria-label={`Delete group ${group.name}`}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      <ErrorMessage error={remove.error} />
      {editing ? <GroupDialog group={editing === 'new' ? null : editing} groups={groups} permissions={permissions} onSave={save} onClose={() => setEditing(null)} /> : null}
      {removal.dialog((group) => ({
        title: `Delete group ${group.name}?`,
        message: 'Users in this group lose the permissions it gave them.',
        confirmLabel: 'Delete group',
      }))}
    </Panel>
  );
}
