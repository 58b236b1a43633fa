// Where access control keeps its data: the files of the basedir (the default) or a PostgreSQL database shared by many hosts.
import type { Disposable } from '../../shared/index.js';
import type { StoredDocument } from './stored-document.js';

/** The documents access control keeps. */
export type DocumentName = 'users' | 'groups' | 'appkeys' | 'remember';

export const DOCUMENT_NAMES: readonly DocumentName[] = ['users', 'groups', 'appkeys', 'remember'];

/** What only a shared store keeps (a host on files keeps its sessions in memory and its secret in a file). */
export interface SharedState {
  /** The login sessions of every host (digests only). */
  sessions: StoredDocument;
  /** The secret CSRF tokens and device tokens are signed with, the same on every host. */
  secret: Buffer;
}

/** How the store is doing, for the log, /api/settings and the UI. */
export interface StoreStatus {
  kind: 'files' | 'postgresql';
  /** The database answers (always true for files). */
  connected: boolean;
  /** When the database stopped answering (ms since epoch), or null. */
  unreachableSince: number | null;
  /** Until when cached keys and sessions are still trusted while unreachable, or null. */
  graceUntil: number | null;
  /** Unreachable for longer than the grace time: credentials are refused until the database is back. */
  expired: boolean;
}

/** One printer of one host, as the registry lists it. */
export interface PrinterEntry {
  hostId: string;
  printerId: string;
  name: string;
  /** A small summary of the printer's state (its state text and flags, temperatures, job progress). */
  state: Record<string, unknown>;
  /** Where the host that drives it answers (its OctoPrint-compatible API). */
  baseUrl: string;
  /** When the host last refreshed the entry (ms since epoch). */
  updatedAt: number;
  /** The host has not refreshed the entry for a while. */
  offline: boolean;
}

/** What a host publishes about one of its printers. */
export type PrinterReport = Pick<PrinterEntry, 'printerId' | 'name' | 'state' | 'baseUrl'>;

/** The printers of every host sharing the store (a file store knows only this host's). */
export interface PrinterRegistry {
  /** Replaces this host's entries (one per printer it drives). */
  publish(hostId: string, printers: readonly PrinterReport[]): Promise<void>;
  /** Every printer of every host, offline ones marked. */
  list(): Promise<PrinterEntry[]>;
}

/** A failed login, shared so that every host's limits count the failures of all of them. */
export interface LoginFailure {
  address: string;
  account: string | null;
  knownDevice: boolean;
  /** ms since the epoch. */
  at: number;
}

export interface AccessStore {
  readonly kind: StoreStatus['kind'];
  document(name: DocumentName): StoredDocument;
  readonly printers: PrinterRegistry;
  /** Sessions and secret shared by the hosts; null for the files of one host. */
  readonly shared: SharedState | null;
  /** Told when another host changed a document (its new data is in place): the stores should refresh. */
  onDidChange(listener: (name: DocumentName | 'sessions') => void): Disposable;
  /** Told when the status changes (the database went away or came back). */
  onDidChangeStatus(listener: (status: StoreStatus) => void): Disposable;
  status(): StoreStatus;
  /** Tells the other hosts of a failed login here (best effort: a failure to tell is not an error). */
  shareLoginFailure(failure: LoginFailure): void;
  /** Failed logins of the other hosts: those of the last hour at once, then each as it happens. */
  onDidFailElsewhere(listener: (failure: LoginFailure) => void): Disposable;
  close(): Promise<void>;
}
