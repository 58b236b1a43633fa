// Remember-me tokens: server-side, revocable, with an absolute lifetime, kept hashed in data/sessions.yaml (0600).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StoredDocument } from './store/stored-document.js';
import { YamlFile } from './yaml-file.js';

export interface RememberToken {
  id: string;
  /** sha256 of the secret half of the cookie. */
  hash: string;
  user: string;
  created: number;
  expires: number;
  /** The user's security stamp when the token was made. */
  stamp: string;
}

function digest(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

function parseTokens(data: unknown): RememberToken[] {
  const list = typeof data === 'object' && data !== null ? (data as { rememberTokens?: unknown }).rememberTokens : undefined;
  if (!Array.isArray(list)) return [];
  return list.filter((item): item is RememberToken => {
    const t = item as Partial<RememberToken> | null;
    return (
      typeof t === 'object' && t !== null && typeof t.id === 'string' && typeof t.hash === 'string' && typeof t.user === 'string' &&
      typeof t.created === 'number' && typeof t.expires === 'number' && typeof t.stamp === 'string'
    );
  });
}

export class RememberMeStore {
  private tokens = new Map<string, RememberToken>();
  private readonly yaml: StoredDocument;

  /** Reads a file of the basedir, or a document of the configured access-control store. */
  constructor(
    file: string | StoredDocument,
    now: number,
    private readonly warn?: (message: string) => void,
  ) {
    this.yaml = typeof file === 'string' ? new YamlFile(file, { mode: 0o600 }) : file;
    this.load(now);
  }

  /** Picks up tokens another host issued or revoked (a shared store tells when; a file changes only here). */
  refresh(now: number): void {
    if (this.yaml.changedOnDisk()) this.load(now);
  }

  private load(now: number): void {
    try {
      const tokens = parseTokens(this.yaml.read());
      this.tokens.clear();
      for (const token of tokens) if (token.expires > now) this.tokens.set(token.id, token);
    } catch (error) {
      this.warn?.(`The remember-me tokens could not be read; remembered logins are forgotten: ${(error as Error).message}`);
    }
  }

  /** Makes a token; returns it and the cookie value `<id>.<secret>`. */
  async issue(user: string, stamp: string, lifetimeMs: number, now: number): Promise<{ token: RememberToken; cookie: string }> {
    const id = randomBytes(12).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const token: RememberToken = { id, hash: digest(secret).toString('hex'), user, created: now, expires: now + lifetimeMs, stamp };
    this.tokens.set(id, token);
    await this.save(now);
    return { token, cookie: `${id}.${secret}` };
  }

  /** The live token for a cookie value, or null (unknown, wrong secret, expired). */
  verify(cookie: string, now: number): RememberToken | null {
    if (cookie.length > 200) return null;
    const [id = '', secret = '', extra] = cookie.split('.');
    if (!id || !secret || extra !== undefined) return null;
    const token = this.tokens.get(id);
    if (!token) return null;
    const expected = Buffer.from(token.hash, 'hex');
    const presented = digest(secret);
    if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) return null;
    if (token.expires <= now) {
      this.revoke(id, now).catch(() => undefined);
      return null;
    }
    return token;
  }

  /** The token id inside a cookie value, without checking it (to revoke it on logout). */
  static idOf(cookie: string): string | null {
    const id = cookie.split('.')[0];
    return id && /^[0-9a-f]{24}$/.test(id) ? id : null;
  }

  async revoke(id: string, now: number): Promise<void> {
    if (this.tokens.delete(id)) await this.save(now);
  }

  async revokeAllFor(user: string, now: number): Promise<void> {
    let changed = false;
    for (const token of [...this.tokens.values()]) {
      if (token.user === user) changed = this.tokens.delete(token.id) || changed;
    }
    if (changed) await this.save(now);
  }

  tokensOf(user: string): RememberToken[] {
    return [...this.tokens.values()].filter((t) => t.user === user);
  }

  flush(): Promise<void> {
    return this.yaml.flush();
  }

  private save(now: number): Promise<void> {
    for (const token of [...this.tokens.values()]) if (token.expires <= now) this.tokens.delete(token.id);
    // Merged with another host's tokens meanwhile: those are read back at once.
    return this.yaml.write({ rememberTokens: [...this.tokens.values()] }).then(() => this.refresh(now));
  }
}
