// The embedded default store: users.yaml, groups.yaml, the app keys and the remember-me tokens as files in the basedir.
import { toDisposable } from '../../shared/index.js';
import type { Disposable } from '../../shared/index.js';
import { YamlFile } from '../yaml-file.js';
import type { AccessStore, DocumentName, LoginFailure, PrinterEntry, PrinterRegistry, PrinterReport, StoreStatus } from './access-store.js';
import type { StoredDocument } from './stored-document.js';

export interface StoreFiles {
  usersFile: string;
  groupsFile: string;
  appkeysFile: string;
  sessionsFile: string;
}

/** This host's printers only, in memory: the registry of a host that shares nothing. */
class LocalPrinters implements PrinterRegistry {
  private entries: PrinterEntry[] = [];

  constructor(private readonly now: () => number) {}

  publish(hostId: string, printers: readonly PrinterReport[]): Promise<void> {
    const updatedAt = this.now();
    this.entries = printers.map((p) => ({ ...p, hostId, updatedAt, offline: false }));
    return Promise.resolve();
  }

  list(): Promise<PrinterEntry[]> {
    return Promise.resolve(this.entries.map((entry) => ({ ...entry })));
  }
}

/** Files change behind the server only by hand or the CLI; the basedir watch tells about those (see app/settings-sync). */
export class FileAccessStore implements AccessStore {
  readonly kind = 'files' as const;
  readonly printers: PrinterRegistry;
  readonly shared = null;
  private readonly documents: Record<DocumentName, StoredDocument>;

  constructor(files: StoreFiles, now: () => number = Date.now) {
    const file = (path: string) => new YamlFile(path, { mode: 0o600 });
    this.documents = { users: file(files.usersFile), groups: file(files.groupsFile), appkeys: file(files.appkeysFile), remember: file(files.sessionsFile) };
    this.printers = new LocalPrinters(now);
  }

  document(name: DocumentName): StoredDocument {
    return this.documents[name];
  }

  onDidChange(): Disposable {
    return toDisposable(() => undefined);
  }

  onDidChangeStatus(): Disposable {
    return toDisposable(() => undefined);
  }

  status(): StoreStatus {
    return { kind: 'files', connected: true, unreachableSince: null, graceUntil: null, expired: false };
  }

  /** No other host to tell. */
  shareLoginFailure(failure: LoginFailure): void {
    void failure;
  }

  onDidFailElsewhere(): Disposable {
    return toDisposable(() => undefined);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
