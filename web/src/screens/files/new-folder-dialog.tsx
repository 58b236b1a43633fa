// Creates a folder inside the current one.
import { useState } from 'preact/hooks';
import { Field } from '../../components/field.js';
import { FormDialog } from '../../components/form-dialog.js';
import { useAction } from '../../lib/use-async.js';

export interface NewFolderDialogProps {
  parent: string;
  onCreate(name: string): Promise<void>;
  onClose(): void;
}

export function NewFolderDialog({ parent, onCreate, onClose }: NewFolderDialogProps) {
  const [name, setName] = useState('');
  const action = useAction(async () => {
    await onCreate(name.trim());
    onClose();
  });
  return (
    <FormDialog
      title={`New folder in ${parent ? `/${parent}` : 'the top folder'}`}
      onSubmit={() => void action.run()}
      onClose={onClose}
      error={action.error}
      busy={action.busy}
      submitLabel="Create folder"
      busyLabel="Creating…"
      incomplete={!name.trim()}
    >
      <Field label="Folder name" value={name} onValue={setName} required autofocus />
    </FormDialog>
  );
}
