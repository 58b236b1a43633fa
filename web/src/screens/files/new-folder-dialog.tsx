// Creates a folder inside the current one.
import { useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Field } from '../../components/field.js';
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
    <Dialog title={`New folder in ${parent ? `/${parent}` : 'the top folder'}`} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void action.run();
        }}
      >
        <Field label="Folder name" value={name} onValue={setName} required autofocus />
        <ErrorMessage error={action.error} />
        <div class="button-row">
          <button type="submit" class="primary" disabled={action.busy || !name.trim()}>
            {action.busy ? 'Creating…' : 'Create folder'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
