// File upload through XMLHttpRequest, so the page can show upload progress (fetch cannot report it).
import { ApiError, explainStatus } from './api-error.js';
import type { ApiClient } from './api-client.js';

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadHandle<T> {
  done: Promise<T>;
  abort(): void;
}

/** POSTs a multipart form with `file` and the extra fields; resolves with the JSON answer. */
export function uploadForm<T>(
  api: ApiClient,
  path: string,
  file: Blob,
  fileName: string,
  fields: Record<string, string>,
  onProgress: (progress: UploadProgress) => void,
): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', file, fileName);
    xhr.open('POST', api.url(path));
    xhr.setRequestHeader('Accept', 'application/json');
    const token = api.csrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onerror = () => reject(new ApiError(0, '', explainStatus(0, '')));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'The upload was cancelled.'));
    xhr.onload = () => {
      let body: unknown = xhr.responseText;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        // A non-JSON answer counts as a failure below, as in OctoPrint's client.
      }
      const isJson = typeof body === 'object' && body !== null;
      if (xhr.status >= 200 && xhr.status < 300 && isJson) {
        resolve(body as T);
        return;
      }
      const serverMessage = isJson && typeof (body as { error?: unknown }).error === 'string' ? (body as { error: string }).error : String(body).slice(0, 300);
      const status = xhr.status >= 200 && xhr.status < 300 ? 502 : xhr.status;
      reject(new ApiError(status, serverMessage, explainStatus(status, serverMessage)));
    };
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
