// Upload queue for the files screen: one XMLHttpRequest per file, with progress, errors and cancel.
import { useRef, useState } from 'preact/hooks';
import { uploadFile } from '../../api/files-api.js';
import type { ApiClient } from '../../api/api-client.js';
import { ApiError, errorText } from '../../api/api-error.js';
import { isGcodeName, wrongTypeText } from './upload-types.js';

export interface UploadItem {
  id: number;
  name: string;
  loaded: number;
  total: number;
  status: 'uploading' | 'done' | 'failed' | 'cancelled';
  error: string | null;
}

export interface Uploads {
  items: UploadItem[];
  start(files: File[], folder: string): void;
  cancel(id: number): void;
  dismiss(id: number): void;
}

export function useUploads(api: ApiClient, onUploaded: () => void): Uploads {
  const [items, setItems] = useState<UploadItem[]>([]);
  const aborts = useRef(new Map<number, () => void>());
  const nextId = useRef(1);
  const change = (id: number, patch: Partial<UploadItem>): void =>
    setItems((current) => current.map((item) => (item.id === id ? { ...item, ...patch } : item)));

  const startOne = (file: File, folder: string): void => {
    const id = nextId.current++;
    if (!isGcodeName(file.name)) {
      setItems((current) => [...current, { id, name: file.name, loaded: 0, total: file.size, status: 'failed', error: wrongTypeText(file.name) }]);
      return;
    }
    setItems((current) => [...current, { id, name: file.name, loaded: 0, total: file.size, status: 'uploading', error: null }]);
    const handle = uploadFile(api, file, folder, ({ loaded, total }) => change(id, { loaded, total }));
    aborts.current.set(id, handle.abort);
    handle.done.then(
      () => {
        change(id, { status: 'done', loaded: file.size, total: file.size });
        onUploaded();
      },
      (error: unknown) => {
        const cancelled = error instanceof Error && error.message === 'The upload was cancelled.';
        const wrongType = error instanceof ApiError && error.status === 415;
        change(id, { status: cancelled ? 'cancelled' : 'failed', error: cancelled ? null : wrongType ? wrongTypeText(file.name) : errorText(error) });
      },
    ).finally(() => aborts.current.delete(id));
  };

  return {
    items,
    start: (files, folder) => files.forEach((file) => startOne(file, folder)),
    cancel: (id) => aborts.current.get(id)?.(),
    dismiss: (id) => setItems((current) => current.filter((item) => item.id !== id)),
  };
}
