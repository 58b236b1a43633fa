// Tells when files of the basedir change on disk: one fs.watch per folder (editors replace files by rename), quiet while nothing happens.
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
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
  /** Told when a folder cannot be watched (changes to its files are then seen only at the next start). */
  onError(folder: string, error: Error): void;
  /** Told when a file's handler failed (the next change calls it again). */
  onHandlerError(file: string, error: Error): void;
}

/**
 * Watches the folders of the given files. An event names a file of the folder (or none, on some systems: then
 * every watched file of the folder is checked); each file's handler runs once per burst of events. The handlers
 * compare file signatures, so the server's own writes cost one stat.
 */
export function watchBasedirFiles(files: readonly WatchedFile[], options: BasedirWatchOptions): Disposable {
  const settleMs = options.settleMs ?? 100;
  const byFolder = new Map<string, WatchedFile[]>();
  for (const entry of files) {
    const folder = entry.anyFile ? entry.file : dirname(entry.file);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), entry]);
  }
  const timers = new Map<WatchedFile, NodeJS.Timeout>();
  const watchers: FSWatcher[] = [];
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
  for (const [folder, entries] of byFolder) {
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, { persistent: false }, (_event, name) => {
        const changed = name === null ? entries : entries.filter((entry) => entry.anyFile || basename(entry.file) === name.toString());
        for (const entry of changed) schedule(entry);
      });
    } catch (error) {
      options.onError(folder, error as Error);
      continue;
    }
    watcher.on('error', (error) => {
      options.onError(folder, error);
      watcher.close();
    });
    watchers.push(watcher);
  }
  return {
    dispose() {
      for (const watcher of watchers) watcher.close();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
