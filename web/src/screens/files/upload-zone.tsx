// Drop files here or pick them; each upload shows a progress bar, its result, and can be cancelled.
import { useRef, useState } from 'preact/hooks';
import { ProgressBar } from '../../components/progress-bar.js';
import { formatBytes } from '../../lib/format.js';
import { UPLOAD_ACCEPT } from './upload-types.js';
import type { Uploads } from './use-uploads.js';

export interface UploadZoneProps {
  uploads: Uploads;
  folder: string;
  disabled: boolean;
}


export function UploadZone({ uploads, folder, disabled }: UploadZoneProps) {
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const take = (list: FileList | null | undefined): void => {
    if (!list || list.length === 0 || disabled) return;
    uploads.start([...list], folder);
  };
  return (
    <div
      class={`upload-zone ${dragging ? 'dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        take(event.dataTransfer?.files);
      }}
    >
      <p>
        Drop G-code files here to upload them to <strong>{folder ? `/${folder}` : 'the top folder'}</strong>, or{' '}
        <button type="button" class="primary" disabled={disabled} onClick={() => input.current?.click()}>
          Choose files…
        </button>
      </p>
      <input
        ref={input}
        type="file"
        multiple
        accept={UPLOAD_ACCEPT}
        class="visually-hidden"
        aria-label="Files to upload"
        tabIndex={-1}
        onChange={(event) => {
          take(event.currentTarget.files);
          event.currentTarget.value = '';
        }}
      />
      {uploads.items.length > 0 ? (
        <ul class="upload-list" aria-label="Uploads">
          {uploads.items.map((item) => (
            <li key={item.id} class={`upload-item upload-${item.status}`}>
              <span class="upload-name">{item.name}</span>
              {item.status === 'uploading' ? (
                <>
                  <ProgressBar
                    value={item.total ? (item.loaded / item.total) * 100 : null}
                    label={`Uploading ${item.name}`}
                    text={`${Math.round(item.total ? (item.loaded / item.total) * 100 : 0)} % of ${formatBytes(item.total)}`}
                  />
                  <button type="button" onClick={() => uploads.cancel(item.id)}>
                    Cancel
                  </button>
                </>
              ) : (
                <>
                  <span role={item.status === 'failed' ? 'alert' : 'status'} class={item.status === 'failed' ? 'error-text' : 'muted'}>
                    {item.status === 'done' ? 'Uploaded' : item.status === 'cancelled' ? 'Cancelled' : `Failed: ${item.error ?? ''}`}
                  </span>
                  <button type="button" class="link" onClick={() => uploads.dismiss(item.id)} aria-label={`Dismiss ${item.name}`}>
                    Dismiss
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
