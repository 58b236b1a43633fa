// Device tokens: a browser or app that logged in to an account gets one, and skips that account's login pacing.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const VERSION = 'd1';

function accountKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

/**
 * `d1.<nonce>.<hmac>`, signed with the server secret over the account name and its security stamp: it proves an
 * earlier successful login on this account, and stops counting once the password changes (the stamp changes).
 * It grants nothing by itself: it only spares its holder the per-account pace of failed logins.
 */
export class DeviceTokens {
  constructor(private readonly secret: Buffer) {}

  issue(userName: string, securityStamp: string): string {
    const nonce = randomBytes(16).toString('base64url');
    return `${VERSION}.${nonce}.${this.signature(userName, securityStamp, nonce)}`;
  }

  /** Whether `token` was issued for this account (with this stamp). */
  knows(token: string | null | undefined, userName: string, securityStamp: string): boolean {
    if (typeof token !== 'string' || token.length > 200) return false;
    const [version, nonce, given, extra] = token.split('.');
    if (version !== VERSION || !nonce || !given || extra !== undefined) return false;
    const expected = Buffer.from(this.signature(userName, securityStamp, nonce));
    const actual = Buffer.from(given);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  private signature(userName: string, securityStamp: string, nonce: string): string {
    return createHmac('sha256', this.secret).update(`device\0${accountKey(userName)}\0${securityStamp}\0${nonce}`).digest('base64url');
  }
}
