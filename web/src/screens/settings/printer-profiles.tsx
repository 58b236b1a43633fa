// Printer profiles: the list with build volume and heaters; add, edit and delete.
import { useState } from 'preact/hooks';
import { createProfile, deleteProfile, listProfiles, updateProfile } from '../../api/settings-api.js';
import type { PrinterProfile } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { useConfirmation } from '../../components/confirm-dialog.js';
import { DataTable } from '../../components/data-table.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Panel } from '../../components/panel.js';
import { useAction, useLoad } from '../../lib/use-async.js';
import { ProfileDialog } from './profile-dialog.js';

export function PrinterProfiles() {
  const { api } = useApp();
  const profiles = useLoad(() => listProfiles(api), [api]);
  const [editing, setEditing] = useState<PrinterProfile | 'new' | null>(null);
  const remove = useAction(async (id: string) => {
    await deleteProfile(api, id);
    profiles.reload();
  });
  const removal = useConfirmation((profile: PrinterProfile) => void remove.run(profile.id));
  const save = async (changes: Partial<PrinterProfile>): Promise<void> => {
    if (editing === 'new') await createProfile(api, changes, profiles.data?.find((p) => p.default)?.id);
    else if (editing) await updateProfile(api, editing.id, changes);
    profiles.reload();
  };
  return (
    <Panel
      title="Printer profiles"
      actions={
        <button type="button" onClick={() => setEditing('new')}>
          Add profile
        </button>
      }
    >
      <DataTable columns={['Name', 'Model', 'Build volume', 'Heaters', 'Actions']}>
        {(profiles.data ?? []).map((profile) => (
          <tr key={profile.id}>
            <td>
              {profile.name} {profile.default ? <span class="badge">default</span> : null} {profile.current ? <span class="badge">in use</span> : null}
            </td>
            <td>{profile.model || '–'}</td>
            <td>
              {profile.volume.width} × {profile.volume.depth} × {profile.volume.height} mm
            </td>
            <td>
              {profile.extruder.count} extruder{profile.extruder.count === 1 ? '' : 's'}
              {profile.heatedBed ? ', bed' : ''}
              {profile.heatedChamber ? ', chamber' : ''}
            </td>
            <td class="actions">
              <button type="button" onClick={() => setEditing(profile)} aria-label={`Edit ${profile.name}`}>
                Edit
              </button>
              <button type="button" disabled={profile.default || profile.current} onClick={() => removal.ask(profile)} aria-label={`Delete ${profile.name}`}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      <ErrorMessage error={profiles.error ?? remove.error} />
      {editing ? <ProfileDialog profile={editing === 'new' ? null : editing} onSave={save} onClose={() => setEditing(null)} /> : null}
      {removal.dialog((profile) => ({ title: `Delete ${profile.name}?`, message: 'The printer profile is deleted for good.', confirmLabel: 'Delete' }))}
    </Panel>
  );
}
