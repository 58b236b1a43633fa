// The printer's SD card, when SD support is on and a printer is connected: list, refresh, init/release, upload, print and delete.
import { sdCommand, sdState } from '../../api/control-api.js';
import type { SdCommand } from '../../api/control-api.js';
import { encodePath } from '../../api/files-api.js';
import type { FileEntry } from '../../api/types.js';
import { useApp, usePushEvent } from '../../app-context.js';
import { useConfirmation } from '../../components/confirm-dialog.js';
import { DataTable } from '../../components/data-table.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Panel } from '../../components/panel.js';
import { formatBytes } from '../../lib/format.js';
import { useStore } from '../../lib/store.js';
import { useAction, useLoad } from '../../lib/use-async.js';
import { SdTransferProgress, sdUploadBlocked, useSdUpload } from './sd-upload.js';

function SdCard() {
  const { api, can, printer } = useApp();
  const state = useStore(printer, (s) => s.state);
  const ready = state.flags.sdReady;
  const listing = useLoad(async () => (ready ? (await api.get<{ files: FileEntry[] }>('api/files/sdcard')).files : []), [api, ready]);
  usePushEvent(['UpdatedFiles'], () => listing.reload());
  const action = useAction((run: () => Promise<unknown>) => run());
  const removal = useConfirmation((file: FileEntry) => void action.run(() => api.delete(`api/files/sdcard/${encodePath(file.path)}`)));
  const busy = state.flags.printing || state.flags.paused;
  const control = can('CONTROL') && !busy && !action.busy;
  const run = (command: SdCommand) => () => void action.run(() => sdCommand(api, command));
  const printable = can('FILES_SELECT') && can('PRINT') && !busy && !action.busy;
  const files = listing.data ?? [];
  const upload = useSdUpload(sdUploadBlocked(state.flags, action.busy));

  return (
    <Panel
      title="SD card"
      actions={
        <>
          {ready ? (
            <>
              {upload.button}
              <button type="button" disabled={!control} onClick={run('refresh')}>
                Refresh SD
              </button>
              <button type="button" disabled={!control} onClick={run('release')}>
                Release SD
              </button>
            </>
          ) : (
            <button type="button" disabled={!control} onClick={run('init')}>
              Initialize SD
            </button>
          )}
        </>
      }
    >
      <p class="muted" role="status">
        {ready ? `Card ready: ${files.length} file${files.length === 1 ? '' : 's'}.` : 'No card initialized.'}
      </p>
      {upload.status}
      <SdTransferProgress />
      <ErrorMessage error={listing.error ?? action.error} />
      {ready && files.length > 0 ? (
        <DataTable class="file-table" columns={['Name', 'Size', 'Actions']}>
          {files.map((file) => (
            <tr key={file.path}>
              <td class="file-name" title={file.display || file.name}>
                {file.display || file.name}
              </td>
              <td>{formatBytes(file.size)}</td>
              <td class="actions">
                <button type="button" disabled={!printable} aria-label={`Print ${file.display || file.name} from SD`} onClick={() => void action.run(() => api.post(`api/files/sdcard/${encodePath(file.path)}`, { command: 'select', print: true }))}>
                  Print
                </button>
                {can('FILES_DELETE') ? (
                  <button type="button" class="danger" disabled={busy || action.busy} aria-label={`Delete ${file.display || file.name} from SD`} onClick={() => removal.ask(file)}>
                    Delete
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {removal.dialog((file) => ({ title: `Delete ${file.display || file.name} from the SD card?`, message: 'The file is deleted from the card for good.', confirmLabel: 'Delete' }))}
    </Panel>
  );
}

/** Shown while a printer is connected and the server has SD support on (GET /api/printer/sd answers). */
export function SdCardPanel() {
  const { api, printer } = useApp();
  const state = useStore(printer, (s) => s.state);
  const operational = state.flags.operational;
  const support = useLoad(() => (operational ? sdState(api).then(() => true, () => false) : Promise.resolve(false)), [api, operational]);
  return support.data ? <SdCard /> : null;
}
