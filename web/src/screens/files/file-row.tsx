// One row of the file list: a folder to open, or a file with its figures and actions.
import { useState } from 'preact/hooks';
import type { FileEntry } from '../../api/types.js';
import { formatBytes, formatDuration, formatLength } from '../../lib/format.js';
import { missingPermissionText } from '../../lib/permission-names.js';
import { printEstimate } from '../../lib/print-estimate.js';
import { FileDetails } from './file-details.js';
import { filamentLength } from './file-tree.js';

export interface FileActions {
  open(folder: string): void;
  select(entry: FileEntry, print: boolean): void;
  move(entry: FileEntry): void;
  remove(entry: FileEntry): void;
}

export interface FileRowProps {
  entry: FileEntry;
  actions: FileActions;
  /** Show the whole path (search results). */
  showPath: boolean;
  selected: boolean;
  /** Why the file cannot be deleted or moved now (it is being printed), or null. */
  busyReason: string | null;
  can: { select: boolean; print: boolean; download: boolean; remove: boolean; move: boolean; printerReady: boolean };
}

/** The Move and Delete buttons a folder and a file both have, each where the user may use it. */
function MoveAndDelete({ entry, name, actions, can, busyReason }: { entry: FileEntry; name: string; actions: FileActions; can: FileRowProps['can']; busyReason: string | null }) {
  const reasonId = `busy-${entry.path}`;
  return (
    <>
      {can.move ? (
        <button type="button" disabled={busyReason !== null} title={busyReason ?? undefined} onClick={() => actions.move(entry)} aria-label={`Move ${name}`}>
          Move
        </button>
      ) : null}
      {can.remove ? (
        <button
          type="button"
          disabled={busyReason !== null}
          title={busyReason ?? undefined}
          aria-describedby={busyReason ? reasonId : undefined}
          onClick={() => actions.remove(entry)}
          aria-label={`Delete ${name}`}
        >
          Delete
        </button>
      ) : null}
      {busyReason ? (
        <span id={reasonId} class="busy-reason">
          {busyReason}
        </span>
      ) : null}
    </>
  );
}

export function FileRow({ entry, actions, showPath, selected, busyReason, can }: FileRowProps) {
  const [open, setOpen] = useState(false);
  const name = entry.display || entry.name;
  if (entry.type === 'folder') {
    return (
      <tr class="folder-row">
        <td colSpan={4}>
          <button
            type="button"
            class="link folder-link"
            title={showPath ? entry.path : name}
            onClick={() => actions.open(entry.path)}
            aria-label={`Open folder ${showPath ? entry.path : name}`}
          >
            <span aria-hidden="true">📁 </span>
            <span class="cut-name">{showPath ? entry.path : name}</span>
          </button>
        </td>
        <td class="actions">
          <MoveAndDelete entry={entry} name={name} actions={actions} can={can} busyReason={busyReason} />
        </td>
      </tr>
    );
  }
  const analysis = entry.gcodeAnalysis;
  const estimate = printEstimate(analysis);
  const selectReason = !can.select ? missingPermissionText('FILES_SELECT') : !can.printerReady ? 'The printer is not ready' : undefined;
  const printReason = !can.print ? missingPermissionText('FILES_SELECT', 'PRINT') : !can.printerReady ? 'The printer is not ready' : undefined;
  return (
    <>
      <tr class={selected ? 'selected-row' : undefined} data-file={entry.path}>
        <td>
          <button type="button" class="link file-name" title={showPath ? entry.path : name} aria-expanded={open} onClick={() => setOpen(!open)}>
            {showPath ? entry.path : name}
          </button>
          {selected ? <span class="badge">selected</span> : null}
        </td>
        <td>{formatBytes(entry.size)}</td>
        <td title={estimate.origin ? `From the ${estimate.origin}` : undefined}>{analysis ? formatDuration(estimate.seconds) : '…'}</td>
        <td>{analysis ? formatLength(filamentLength(entry)) : '…'}</td>
        <td class="actions">
          <button type="button" disabled={!can.select || !can.printerReady} title={selectReason} onClick={() => actions.select(entry, false)} aria-label={`Select ${name}`}>
            Select
          </button>
          <button type="button" class="primary" disabled={!can.print || !can.printerReady} title={printReason} onClick={() => actions.select(entry, true)} aria-label={`Print ${name}`}>
            Print
          </button>
          {can.download && entry.refs.download ? (
            <a class="button-link" href={entry.refs.download} download={entry.name} aria-label={`Download ${name}`}>
              Download
            </a>
          ) : null}
          <MoveAndDelete entry={entry} name={name} actions={actions} can={can} busyReason={busyReason} />
        </td>
      </tr>
      {open ? (
        <tr class="details-row">
          <td colSpan={5}>
            <FileDetails entry={entry} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
