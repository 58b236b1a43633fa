// Moves or renames a file or folder: pick a folder, or type a new path.
import { useState } from 'preact/hooks';
import type { FileEntry } from '../../api/types.js';
import { Field } from '../../components/field.js';
import { FormDialog } from '../../components/form-dialog.js';
import { useAction } from '../../lib/use-async.js';

export interface MoveDialogProps {
  entry: FileEntry;
  folders: string[];
  onMove(destination: string): Promise<void>;
  onClose(): void;
}

export function MoveDialog({ entry, folders, onMove, onClose }: MoveDialogProps) {
  const [destination, setDestination] = useState(entry.path);
  const action = useAction(async () => {
    await onMove(destination.trim().replace(/^\/+/, ''));
    onClose();
  });
  const targets = folders.filter((folder) => folder !== entry.path && !folder.startsWith(`${entry.path}/`));
  return (
    <FormDialog
      title={`Move ${entry.display || entry.name}`}
      onSubmit={() => void action.run()}
      onClose={onClose}
      error={action.error}
      busy={action.busy}
      submitLabel="Move"
      busyLabel="Moving…"
      incomplete={!destination.trim() || destination === entry.path}
    >
      <Field label="New path" value={destination} onValue={setDestination} hint="A folder to move it into, or a new name to rename it." required autofocus />
      {targets.length > 0 || entry.path.includes('/') ? (
        <div class="field">
          <label for="move-folder">Or pick a folder</label>
          <select id="move-folder" value="" onChange={(e) => setDestination(e.currentTarget.value === '/' ? entry.name : `${e.currentTarget.value}/${entry.name}`)}>
            <option value="">Choose…</option>
            <option value="/">Top folder</option>
            {targets.map((folder) => (
              <option key={folder} value={folder}>
                {folder}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </FormDialog>
  );
}
