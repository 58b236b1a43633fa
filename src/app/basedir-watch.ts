// Tells when files of the basedir change on disk: one fs.watch per folder (editors replace files by rename), and a slow stat check for where events never come.
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileSignature } from '../config/index.js';
import type { Disposable } from '../shared/index.js';

export interface WatchedFile {
  /** A file, or with anyFile a folder whose every file is meant. */
  file: string;
  anyFile?: boolean;
  /** Called once the file has been quiet for the settle time after a change (an editor's save is several writes). */
  onChange(): void;
}

export interface BasedirWatchOptions {
  /** Milliseconds a file must be quiet before it is read again; default 100. */
  settleMs?: number;
  /**
   * Milliseconds between the fallback checks (one stat per watched file; a folder's handler is simply called), which
   * catch changes on file systems that send no events (NFS, SMB, some FUSE mounts); default 3000.
   */
  pollMs?: number;
  /** Told when a folder cannot be watched (its files are then only checked every pollMs; watching is tried again then). */
  onError(folder: string, error: Error): void;
  /** Told when a file's handler failed (the next change calls it again). */
  onHandlerError(file: string, error: Error): void;
}

interface FolderWatch {
  folder: string;
  entries: WatchedFile[];
  watcher: FSWatcher | null;
  /** The failure was told already (told once until watching works again). */
  told: boolean;
}

/**
 * Watches the folders of the given files. An event names a file of the folder (or none, on some systems: then
 * every watched file of the folder is checked); each file's handler runs once per burst of events. The handlers
 * compare file signatures, so the server's own writes cost one stat. A watcher that fails is opened again at the
 * next fallback check.
 */
export function watchBasedirFiles(files: readonly WatchedFile[], options: BasedirWatchOptions): Disposable {
  const settleMs = options.settleMs ?? 100;
  const byFolder = new Map<string, WatchedFile[]>();
  for (const entry of files) {
    const folder = entry.anyFile ? entry.file : dirname(entry.file);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), entry]);
  }
  const timers = new Map<WatchedFile, NodeJS.Timeout>();
  const schedule = (entry: WatchedFile): void => {
    clearTimeout(timers.get(entry));
    const timer = setTimeout(() => {
      timers.delete(entry);
      try {
        entry.onChange();
      } catch (error) {
        options.onHandlerError(entry.file, error as Error);
      }
    }, settleMs);
    timer.unref();
    timers.set(entry, timer);
  };
  const open = (state: FolderWatch): void => {
    let watcher: FSWatcher;
    try {
      watcher = watch(state.folder, { persistent: false }, (_event, name) => {
        const changed = name === null ? state.entries : state.entries.filter((entry) => entry.anyFile || basename(entry.file) === name.toString());
        for (const entry of changed) schedule(entry);
      });
    } catch (error) {
      if (!state.told) options.onError(state.folder, error as Error);
      state.told = true;
      return;
    }
    watcher.on('error', (error) => {
      watcher.close();
      if (state.watcher === watcher) state.watcher = null;
      if (!state.told) options.onError(state.folder, error);
      state.told = true;
    });
    state.watcher = watcher;
    state.told = false;
  };
  const folders: FolderWatch[] = [...byFolder].map(([folder, entries]) => ({ folder, entries, watcher: null, told: false }));
  for (const state of folders) open(state);
  // The fallback: what each file looked like at the last check.
  const signature = (file: string): string => {
    try {
      return fileSignature(file);
    } catch {
      return 'unreadable';
    }
  };
  const seen = new Map<WatchedFile, string>();
  for (const entry of files) if (!entry.anyFile) seen.set(entry, signature(entry.file));
  const poll = setInterval(() => {
    for (const state of folders) if (state.watcher === null) open(state);
    for (const entry of files) {
      if (entry.anyFile) {
        if (!timers.has(entry)) schedule(entry);
        continue;
      }
      const now = signature(entry.file);
      if (now === seen.get(entry)) continue;
      seen.set(entry, now);
      schedule(entry);
    }
  }, options.pollMs ?? 3000);
  poll.unref();
  return {
    dispose() {
      clearInterval(poll);
      for (const state of folders) state.watcher?.close();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
