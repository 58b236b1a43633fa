// Adds a user (name, password, groups, active) or edits one (groups, active).
import { useState } from 'preact/hooks';
import type { GroupRecord, UserRecord } from '../../api/types.js';
import { Checkbox, Field } from '../../components/field.js';
import { FormDialog } from '../../components/form-dialog.js';
import { useAction } from '../../lib/use-async.js';
import { ChoiceList } from './group-choice.js';

export interface UserDialogProps {
  /** The user to edit, or null to add one. */
  user: UserRecord | null;
  groups: GroupRecord[];
  onAdd(record: { name: string; password: string; active: boolean; groups: string[] }): Promise<void>;
  onUpdate(name: string, changes: { active: boolean; groups: string[] }): Promise<void>;
  onClose(): void;
}

export function UserDialog({ user, groups, onAdd, onUpdate, onClose }: UserDialogProps) {
  const [name, setName] = useState(user?.name ?? '');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [active, setActive] = useState(user?.active ?? true);
  const [chosen, setChosen] = useState<string[]>(user?.groups ?? groups.filter((g) => g.default).map((g) => g.key));
  const [problem, setProblem] = useState<string | null>(null);
  const save = useAction(async () => {
    if (user) await onUpdate(user.name, { active, groups: chosen });
    else await onAdd({ name: name.trim(), password, active, groups: chosen });
    onClose();
  });
  const submit = (): void => {
    if (!user && password !== repeat) {
      setProblem('The two passwords are not the same.');
      return;
    }
    setProblem(null);
    void save.run();
  };
  const items = groups.filter((g) => g.key !== 'guests').map((g) => ({ key: g.key, label: g.name, hint: g.description }));
  return (
    <FormDialog title={user ? `Edit ${user.name}` : 'Add a user'} onSubmit={submit} onClose={onClose} error={problem ?? save.error} busy={save.busy} submitLabel={user ? 'Save' : 'Add user'}>
      {!user ? (
        <>
          <Field label="Username" value={name} onValue={setName} autocomplete="off" required autofocus />
          <Field label="Password" type="password" value={password} onValue={setPassword} autocomplete="new-password" required />
          <Field label="Repeat the password" type="password" value={repeat} onValue={setRepeat} autocomplete="new-password" required />
        </>
      ) : null}
      <ChoiceList legend="Groups" items={items} chosen={chosen} onChange={setChosen} />
      <Checkbox label="Active (may log in and use keys)" checked={active} onChange={setActive} />
    </FormDialog>
  );
}
