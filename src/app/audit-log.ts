// The security audit log: one JSON line per security-relevant action in logs/audit.log, appended in order, the file
// private to its owner (0600). Entries name who, from where, how, what and the outcome — never a secret.
import { appendFile } from 'node:fs/promises';

export type AuditResult = 'success' | 'failure' | 'denied' | 'rate-limited';

export interface AuditEntry {
  /** ISO 8601 time of the answer. */
  ts: string;
  /** The user who acted (for a login, the name that was tried); null for an anonymous caller. */
  actor: string | null;
  /** The real client address (after trusted proxies). */
  ip: string;
  /** How the actor authenticated: password, apikey, remember_me, autologin, ... (null when anonymous). */
  mechanism: string | null;
  /** What was attempted, e.g. `login`, `user.create`, `apikey.revoke`, `settings.update`, `denied`. */
  action: string;
  /** What it was done to (a user, group, app, setting names, a command), or null. */
  target: string | null;
  result: AuditResult;
  /** The HTTP status of the answer. */
  status: number;
}

export interface AuditLogOptions {
  file: string;
  now?: () => number;
  /** Told when a line cannot be written (the action itself is not affected). */
  onError?: (error: Error) => void;
}

/** Longest text kept in an entry field (a command, a name); longer texts are cut. */
export const MAX_FIELD_LENGTH = 80;

/** Cuts a text to MAX_FIELD_LENGTH characters; control characters become spaces (JSON escapes the rest). */
export function auditText(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  return String(value).replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, MAX_FIELD_LENGTH);
}

export class AuditLog {
  private pending: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly options: AuditLogOptions) {
    this.now = options.now ?? Date.now;
  }

  get file(): string {
    return this.options.file;
  }

  /** Appends one entry (in the order of the calls); never throws. */
  record(entry: Omit<AuditEntry, 'ts'>): void {
    const line = `${JSON.stringify({ ts: new Date(this.now()).toISOString(), ...entry })}\n`;
    this.pending = this.pending
      .then(() => appendFile(this.options.file, line, { encoding: 'utf8', mode: 0o600 }))
      .catch((error: unknown) => this.options.onError?.(error as Error));
  }

  /** Resolves once every recorded entry is on disk. */
  flush(): Promise<void> {
    return this.pending;
  }
}
