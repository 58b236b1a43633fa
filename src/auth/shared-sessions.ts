// Login sessions shared by the hosts of one store: each cookie session is written to the store's `sessions` document (digests only) and taken up by the other hosts.
import type { LoginSession, SessionChangeKind, SessionStore, SharedSessionRecord } from './session-store.js';
import type { StoredDocument } from './store/index.js';

/** A session's last use is written again only after this long (staleness is judged in minutes). */
export const TOUCH_WRITE_MS = 60_000;

function recordsOf(data: unknown): SharedSessionRecord[] {
  const list = typeof data === 'object' && data !== null ? (data as { sessions?: unknown }).sessions : undefined;
  if (!Array.isArray(list)) return [];
  return list.filter((item): item is SharedSessionRecord => {
    const r = item as Partial<SharedSessionRecord> | null;
    return (
      typeof r === 'object' && r !== null && typeof r.id === 'string' && typeof r.cookieDigest === 'string' && typeof r.tokenDigest === 'string' &&
      typeof r.userName === 'string' && typeof r.mechanism === 'string' && typeof r.createdAt === 'number' && typeof r.touchedAt === 'number' &&
      typeof r.securityStamp === 'string'
    );
  });
}

export class SharedSessions {
  private readonly records = new Map<string, SharedSessionRecord>();

  constructor(
    private readonly sessions: SessionStore,
    private readonly document: StoredDocument,
    private readonly warn: (message: string) => void,
  ) {
    sessions.onDidChange = (kind, session) => this.changedHere(kind, session);
    this.refresh();
  }

  /**
   * Takes up the sessions other hosts made or touched, and ends here those they ended. Returns the sessions ended
   * here by it (their listeners are told by the caller).
   */
  refresh(): LoginSession[] {
    if (!this.document.changedOnDisk()) return [];
    let shared: SharedSessionRecord[];
    try {
      shared = recordsOf(this.document.read());
    } catch (error) {
      this.warn(`The shared login sessions could not be read: ${(error as Error).message}`);
      return [];
    }
    const present = new Set(shared.map((r) => r.id));
    const ended: LoginSession[] = [];
    for (const id of [...this.records.keys()]) {
      if (present.has(id)) continue;
      this.records.delete(id);
      const session = this.sessions.end(id);
      if (session) ended.push(session);
    }
    for (const record of shared) {
      this.records.set(record.id, record);
      this.sessions.adopt(record);
    }
    return ended;
  }

  private changedHere(kind: SessionChangeKind, session: LoginSession): void {
    if (kind === 'ended') {
      if (this.records.delete(session.id)) this.save();
      return;
    }
    const record = this.sessions.shareable(session);
    if (!record) return;
    const known = this.records.get(session.id);
    const changed =
      !known ||
      known.securityStamp !== record.securityStamp ||
      known.credentialsSeen !== record.credentialsSeen ||
      record.touchedAt - known.touchedAt >= TOUCH_WRITE_MS;
    if (!changed) return;
    this.records.set(session.id, record);
    this.save();
  }

  private save(): void {
    // Merged with another host's change meanwhile: read the result back at once.
    this.document.write({ sessions: [...this.records.values()] }).then(() => void this.refresh(), (error: unknown) => {
      this.warn(`The login sessions could not be shared with the other hosts: ${(error as Error).message}`);
    });
  }
}
