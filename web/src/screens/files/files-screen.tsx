// The files screen: folders, search, drag-and-drop upload with progress, and per-file actions.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createFolder, deleteFile, listFiles, moveFile, selectFile } from '../../api/files-api.js';
import type { FileEntry } from '../../api/types.js';
import { useApp, usePushEvent } from '../../app-context.js';
import { useConfirmation } from '../../components/confirm-dialog.js';
import { DataTable } from '../../components/data-table.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Panel } from '../../components/panel.js';
import { formatBytes } from '../../lib/format.js';
import { countRender } from '../../lib/render-count.js';
import { useStore } from '../../lib/store.js';
import { useAction, useLoad } from '../../lib/use-async.js';
import { Breadcrumbs } from './breadcrumbs.js';
import { allFolders, entriesIn, searchEntries, sortEntries } from './file-tree.js';
import { FileRow } from './file-row.js';
import type { FileActions } from './file-row.js';
import { MoveDialog } from './move-dialog.js';
import { NewFolderDialog } from './new-folder-dialog.js';
import { SdCardPanel } from './sd-card-panel.js';
import { UploadZone } from './upload-zone.js';
import { useUploads } from './use-uploads.js';

const FILE_EVENTS = ['UpdatedFiles', 'FileAdded', 'FileRemoved', 'FolderAdded', 'FolderRemoved', 'MetadataAnalysisFinished', 'FileSelected', 'FileDeselected'];

export function FilesScreen() {
  const { api, can, printer } = useApp();
  const { state, job } = useStore(printer, (s) => ({ state: s.state, job: s.job }));
  countRender('files-screen');
  const listing = useLoad(() => listFiles(api), [api]);
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reloadSoon = (): void => {
    if (reloadTimer.current) clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => listing.reload(), 300);
  };
  useEffect(() => () => void (reloadTimer.current && clearTimeout(reloadTimer.current)), []);
  usePushEvent(FILE_EVENTS, reloadSoon);

  const [folder, setFolder] = useState('');
  const [query, setQuery] = useState('');
  const [sortBy, setSortBy] = useState<'name' | 'date'>('name');
  const [moving, setMoving] = useState<FileEntry | null>(null);
  const [creatingFolder, setCreatingFolder] = useState(false);
  const uploads = useUploads(api, reloadSoon);
  const action = useAction(async (run: () => Promise<void>) => {
    await run();
    listing.reload();
  });
  const removal = useConfirmation((target: FileEntry) => void action.run(() => deleteFile(api, target.path)));

  const files = listing.data?.files ?? [];
  const inFolder = entriesIn(files, folder);
  useEffect(() => {
    if (listing.data && inFolder === null) setFolder('');
  }, [listing.data, inFolder === null]);
  const shown = useMemo(() => sortEntries(query.trim() ? searchEntries(files, query) : (inFolder ?? []), sortBy), [files, query, folder, sortBy]);

  const selectedPath = job?.file.origin === 'local' ? job.file.path : null;
  const flags = state.flags;
  const printingPath = selectedPath && (flags.printing || flags.paused || flags.pausing || flags.cancelling) ? selectedPath : null;
  const busyReason = (entry: FileEntry): string | null => {
    if (!printingPath) return null;
    if (entry.path === printingPath) return 'Being printed: it can be deleted or moved once the print has ended.';
    if (entry.type === 'folder' && printingPath.startsWith(`${entry.path}/`)) return 'Holds the file being printed: it can be deleted or moved once the print has ended.';
    return null;
  };
  const permissions = {
    select: can('FILES_SELECT'),
    print: can('FILES_SELECT') && can('PRINT'),
    download: can('FILES_DOWNLOAD'),
    remove: can('FILES_DELETE'),
    move: can('FILES_UPLOAD') && can('FILES_DELETE'),
    printerReady: state.flags.ready || (state.flags.operational && !state.flags.printing && !state.flags.paused),
  };
  const actions: FileActions = {
    open: (path) => {
      setQuery('');
      setFolder(path);
    },
    select: (entry, print) => void action.run(() => selectFile(api, entry.path, print)),
    move: setMoving,
    remove: removal.ask,
  };

  return (
    <div class="stack">
      <Panel
        title="Files"
        actions={
          <>
            {can('FILES_UPLOAD') ? (
              <button type="button" onClick={() => setCreatingFolder(true)}>
                New folder
              </button>
            ) : null}
            <button type="button" onClick={() => listing.reload()} disabled={listing.loading}>
              Refresh
            </button>
          </>
        }
      >
        {can('FILES_UPLOAD') ? <UploadZone uploads={uploads} folder={folder} disabled={false} /> : null}
        <div class="files-toolbar">
          <div class="field search-field">
            <label for="file-search">Search all folders</label>
            <input id="file-search" type="search" value={query} placeholder="Name or path" onInput={(e) => setQuery(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="file-sort">Sort by</label>
            <select id="file-sort" value={sortBy} onChange={(e) => setSortBy(e.currentTarget.value as 'name' | 'date')}>
              <option value="name">Name</option>
              <option value="date">Newest first</option>
            </select>
          </div>
        </div>
        {query.trim() ? <p class="muted">{shown.length} found for “{query.trim()}”</p> : <Breadcrumbs folder={folder} onOpen={actions.open} />}
        <ErrorMessage error={listing.error ?? action.error} />
        {!permissions.printerReady ? (
          <p class="muted">{state.flags.printing || state.flags.paused ? 'A print is running: files can be selected when it ends.' : 'Connect the printer on the dashboard to select or print a file.'}</p>
        ) : null}
        <DataTable class="file-table" columns={['Name', 'Size', 'Print time', 'Filament', 'Actions']}>
          {shown.map((entry) => (
            <FileRow key={entry.path} entry={entry} actions={actions} showPath={Boolean(query.trim())} selected={entry.path === selectedPath} busyReason={busyReason(entry)} can={permissions} />
          ))}
          {shown.length === 0 && !listing.loading ? (
            <tr>
              <td colSpan={5} class="muted">
                {query.trim() ? 'Nothing matches.' : 'This folder is empty.'}
              </td>
            </tr>
          ) : null}
        </DataTable>
        {listing.data?.free !== undefined ? (
          <p class="muted">
            Free space: {formatBytes(listing.data.free)}
            {listing.data.total ? ` of ${formatBytes(listing.data.total)}` : ''}
          </p>
        ) : null}
      </Panel>
      <SdCardPanel />
      {moving ? <MoveDialog entry={moving} folders={allFolders(files)} onClose={() => setMoving(null)} onMove={(destination) => moveFile(api, moving.path, destination).then(listing.reload)} /> : null}
      {creatingFolder ? <NewFolderDialog parent={folder} onClose={() => setCreatingFolder(false)} onCreate={(name) => createFolder(api, folder, name).then(listing.reload)} /> : null}
      {removal.dialog((target) => ({
        title: `Delete ${target.display || target.name}?`,
        message: target.type === 'folder' ? 'The folder and everything in it are deleted for good.' : 'The file is deleted for good.',
        confirmLabel: 'Delete',
      }))}
    </div>
  );
}
