// The files API: listing, folders, select/print, move, delete and upload with progress.
import type { ApiClient } from './api-client.js';
import type { FileEntry, FileListing } from './types.js';
import { uploadForm } from './upload.js';
import type { UploadHandle, UploadProgress } from './upload.js';

/** A path inside the local store, each segment URL-encoded. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function listFiles(api: ApiClient): Promise<FileListing> {
  return api.get<FileListing>('api/files/local?recursive=true');
}

export function getFile(api: ApiClient, path: string): Promise<FileEntry> {
  return api.get<FileEntry>(`api/files/local/${encodePath(path)}`);
}

export async function createFolder(api: ApiClient, parent: string, name: string): Promise<void> {
  const form = new FormData();
  form.append('foldername', name);
  if (parent) form.append('path', parent);
  await api.postForm('api/files/local', form);
}

export async function selectFile(api: ApiClient, path: string, print: boolean): Promise<void> {
  await api.post(`api/files/local/${encodePath(path)}`, { command: 'select', print });
}

export async function moveFile(api: ApiClient, path: string, destination: string): Promise<void> {
  await api.post(`api/files/local/${encodePath(path)}`, { command: 'move', destination });
}

export async function deleteFile(api: ApiClient, path: string): Promise<void> {
  await api.delete(`api/files/local/${encodePath(path)}`);
}

export interface UploadResult {
  done: boolean;
  effectiveSelect?: boolean;
  effectivePrint?: boolean;
  files: { local?: { name: string; path: string }; sdcard?: { name: string; path: string } };
}

export function uploadFile(
  api: ApiClient,
  file: File,
  folder: string,
  onProgress: (progress: UploadProgress) => void,
): UploadHandle<UploadResult> {
  return uploadForm<UploadResult>(api, 'api/files/local', file, file.name, folder ? { path: folder } : {}, onProgress);
}

/** Uploads a file to the printer's SD card: the server stores it, then copies it onto the card (`done` is false then). */
export function uploadToSd(api: ApiClient, file: File, onProgress: (progress: UploadProgress) => void): UploadHandle<UploadResult> {
  return uploadForm<UploadResult>(api, 'api/files/sdcard', file, file.name, {}, onProgress);
}
