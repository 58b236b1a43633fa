// Adds or edits a group: name, description, permissions, subgroups, and whether new users get it.
import { useState } from 'preact/hooks';
import type { GroupRecord, PermissionRecord } from '../../api/types.js';
import { Checkbox, Field } from '../../components/field.js';
import { FormDialog } from '../../components/form-dialog.js';
import { UNAVAILABLE_PERMISSIONS } from '../../lib/permission-names.js';
import { useAction } from '../../lib/use-async.js';
import { ChoiceList } from './group-choice.js';

export interface GroupValues {
  key: string;
  name: string;
  description: string;
  permissions: string[];
  subgroups: string[];
  default: boolean;
}

export interface GroupDialogProps {
  group: GroupRecord | null;
  groups: GroupRecord[];
  permissions: PermissionRecord[];
  onSave(values: GroupValues): Promise<void>;
  onClose(): void;
}

export function GroupDialog({ group, groups, permissions, onSave, onClose }: GroupDialogProps) {
  const [key, setKey] = useState(group?.key ?? '');
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [chosen, setChosen] = useState<string[]>(group?.permissions ?? []);
  const [subgroups, setSubgroups] = useState<string[]>(group?.subgroups ?? []);
  const [isDefault, setDefault] = useState(group?.default ?? false);
  const save = useAction(async () => {
    await onSave({ key: key.trim(), name: name.trim(), description: description.trim(), permissions: chosen, subgroups, default: isDefault });
    onClose();
  });
  // Permissions of features Argonaut does not have yet stay in the API but are not offered here.
  // A group keeps those it has (OctoPrint's default groups hold SLICE, for one): they are just not shown.
  const permissionItems = permissions.filter((p) => !UNAVAILABLE_PERMISSIONS.has(p.key)).map((p) => ({ key: p.key, label: `${p.name}${p.dangerous ? ' (dangerous)' : ''}`, hint: p.description }));
  const subgroupItems = groups.filter((g) => g.key !== group?.key).map((g) => ({ key: g.key, label: g.name }));
  return (
    <FormDialog
      title={group ? `Edit group ${group.name}` : 'Add a group'}
      class="wide"
      onSubmit={() => void save.run()}
      onClose={onClose}
      error={save.error}
      busy={save.busy}
      submitLabel={group ? 'Save group' : 'Add group'}
    >
      <div class="form-grid">
        {!group ? <Field label="Key" value={key} onValue={setKey} hint="Short identifier, e.g. operators." required autofocus /> : null}
        <Field label="Name" value={name} onValue={setName} required />
        <Field label="Description" value={description} onValue={setDescription} />
      </div>
      <Checkbox label="Give this group to new users" checked={isDefault} onChange={setDefault} />
      <div class="choice-columns">
        <ChoiceList
          legend="Permissions"
          items={permissionItems}
          chosen={chosen}
          onChange={(next) => setChosen([...next, ...chosen.filter((key) => UNAVAILABLE_PERMISSIONS.has(key))])}
          bulk
        />
        {subgroupItems.length ? <ChoiceList legend="Includes the groups" items={subgroupItems} chosen={subgroups} onChange={setSubgroups} /> : null}
      </div>
    </FormDialog>
  );
}
