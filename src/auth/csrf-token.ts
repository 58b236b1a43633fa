// CSRF tokens (double-submit): random, bound to the login session by an HMAC with the server secret.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { atomicWriteSync } from '../config/index.js';

/** What a token is bound to when there is no login session (e.g. the login form itself). */
export const ANONYMOUS_BINDING = 'anonymous';

const MAX_TOKEN_LENGTH = 200;

/** Reads data/secret.key, making it (32 random bytes, mode 0600) on first start. */
export function loadServerSecret(file: string): Buffer {
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64,}$/i.test(text)) return Buffer.from(text, 'hex');
  }
  const secret = randomBytes(32);
  atomicWriteSync(file, secret.toString('hex') + '\n', { mode: 0o600 });
  return secret;
}

function signature(secret: Buffer, binding: string, nonce: string): string {
  return createHmac('sha256', secret).update(`csrf\0${binding}\0${nonce}`).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}

export class CsrfTokens {
  constructor(private readonly secret: Buffer) {}

  /** A new token for a session (or ANONYMOUS_BINDING). */
  issue(binding: string): string {
    const nonce = randomBytes(18).toString('base64url');
    return `${nonce}.${signature(this.secret, binding, nonce)}`;
  }

  /** Whether the header equals the cookie and the token was issued for this binding. */
  verify(binding: string, cookie: string | undefined, header: string | undefined): boolean {
    if (!cookie || !header || cookie.length > MAX_TOKEN_LENGTH || header.length > MAX_TOKEN_LENGTH) return false;
    if (!sameText(cookie, header)) return false;
    const [nonce = '', mac = '', extra] = cookie.split('.');
    if (!nonce || !mac || extra !== undefined) return false;
    return sameText(mac, signature(this.secret, binding, nonce));
  }
}
