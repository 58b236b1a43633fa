// "Upload to SD": a file goes to the server, which copies it onto the printer's card; both steps show their progress.
import type { VNode } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { errorText } from '../../api/api-error.js';
import { uploadToSd } from '../../api/files-api.js';
import { useApp } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { formatBytes } from '../../lib/format.js';
import { missingPermissionText } from '../../lib/permission-names.js';
import { useStore } from '../../lib/store.js';
import { isGcodeName, wrongTypeText } from './upload-types.js';

/** The printer's state texts while a file is copied onto the card (OctoPrint's). */
const TRANSFER_STATES = new Set(['Sending file to SD', 'Starting to send file to SD']);

interface Sending {
  name: string;
  loaded: number;
  total: number;
}

/**
 * The button with its file picker (for the panel's actions) and the upload's progress and errors (for its body);
 * `busyReason` disables the button (printing, or another action running).
 */
export function useSdUpload(busyReason: string | null): { button: VNode; status: VNode } {
  const { api, can } = useApp();
  const input = useRef<HTMLInputElement>(null);
  const [sending, setSending] = useState<Sending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const allowed = can('FILES_UPLOAD');
  const reason = !allowed ? missingPermissionText('FILES_UPLOAD') : sending ? 'An upload is under way' : busyReason;

  const pick = (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    setError(null);
    if (!isGcodeName(file.name)) {
      setError(wrongTypeText(file.name));
      return;
    }
    setSending({ name: file.name, loaded: 0, total: file.size });
    const handle = uploadToSd(api, file, ({ loaded, total }) => setSending({ name: file.name, loaded, total }));
    handle.done.then(
      () => setSending(null),
      (failure: unknown) => {
        setSending(null);
        setError(errorText(failure));
      },
    );
  };

  const button = (
    <>
      <button type="button" disabled={reason !== null} title={reason ?? 'Upload a G-code file onto the printer\'s SD card'} onClick={() => input.current?.click()}>
        Upload to SD
      </button>
      <input ref={input} type="file" accept=".gcode,.gco,.g" hidden aria-label="File to upload to the SD card" onChange={(event) => pick((event.currentTarget as HTMLInputElement).files?.[0])} />
    </>
  );
  const status = (
    <>
      {sending ? (
        <p class="muted sd-upload-status" role="status">
          Uploading {sending.name} to the server: {formatBytes(sending.loaded)} of {formatBytes(sending.total)}
          <progress max={sending.total || 1} value={sending.loaded} />
        </p>
      ) : null}
      <ErrorMessage error={error} />
    </>
  );
  return { button, status };
}

/** The copy onto the card under way (from the printer's state and job), or nothing. */
export function SdTransferProgress() {
  const { printer } = useApp();
  const { state, job, progress } = useStore(printer);
  if (!TRANSFER_STATES.has(state.text)) return null;
  const completion = progress?.completion ?? 0;
  const name = job?.file.name ?? 'the file';
  return (
    <p class="muted sd-transfer-status" role="status" aria-live="polite">
      Copying {name} onto the SD card: {Math.floor(completion)} %
      <progress max={100} value={completion} aria-label={`Copying ${name} onto the SD card`} />
    </p>
  );
}

/** Why the SD card cannot take an upload now, or null. */
export function sdUploadBlocked(flags: { printing: boolean; paused: boolean }, actionBusy: boolean): string | null {
  if (flags.printing || flags.paused) return 'Not possible while the printer is printing';
  return actionBusy ? 'Another SD card action is under way' : null;
}
