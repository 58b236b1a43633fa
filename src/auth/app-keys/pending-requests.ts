// App key requests waiting for a decision or for their one delivery: two tokens each, expiry 5 s after the last poll.
import { createHash, randomBytes } from 'node:crypto';
import type { PermissionKey } from '../permissions.js';

/** A request that the app has not polled for this long is gone (OctoPrint's POLL_TIMEOUT). */
export const POLL_TIMEOUT_MS = 5_000;
/** However much it is polled, a request is gone this long after it was made (OctoPrint's CUTOFF_TIME). */
export const REQUEST_CUTOFF_MS = 10 * 60_000;
/** Most requests waiting at once; more are refused until some end. */
export const MAX_PENDING_REQUESTS = 500;

export interface Approval {
  /** Who the key is for: the user who approved. */
  user: string;
  scope: readonly PermissionKey[] | null;
  /** Lifetime of the key from when it is delivered, in ms; null: no expiry. */
  lifetimeMs: number | null;
}

export interface PendingRequest {
  /** The app's name as it asked. */
  readonly app: string;
  /** The user the app named, or null when any user may decide. */
  readonly user: string | null;
  readonly remoteAddress: string;
  /** The permissions the app asked for, or null for all of the user's. */
  readonly scope: readonly PermissionKey[] | null;
  /** The key lifetime the app asked for, in ms; null: no expiry. */
  readonly lifetimeMs: number | null;
  /** Given to the user's UI sessions only (never to the app): the handle for deciding. */
  readonly userToken: string;
  readonly created: number;
  lastPoll: number;
  /** Set once the user approved; the request then waits for the app's next poll. */
  approval: Approval | null;
}

export interface NewRequest {
  app: string;
  user: string | null;
  remoteAddress: string;
  scope: readonly PermissionKey[] | null;
  lifetimeMs: number | null;
}

/** Tokens are looked up by their sha256, so how long a lookup takes says nothing about a token. */
function digest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function newToken(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

export class PendingRequests {
  /** digest(app token) → request. */
  private readonly byAppToken = new Map<string, PendingRequest>();
  /** digest(user token) → digest(app token). */
  private readonly byUserToken = new Map<string, string>();

  get size(): number {
    return this.byAppToken.size;
  }

  /** Adds a request; null when too many are waiting already. */
  add(input: NewRequest, now: number): { appToken: string; request: PendingRequest } | null {
    if (this.byAppToken.size >= MAX_PENDING_REQUESTS) return null;
    const appToken = newToken();
    const request: PendingRequest = { ...input, userToken: newToken(), created: now, lastPoll: now, approval: null };
    this.byAppToken.set(digest(appToken), request);
    this.byUserToken.set(digest(request.userToken), digest(appToken));
    return { appToken, request };
  }

  /** The live request of an app token (expired ones are dropped first). */
  findByAppToken(appToken: string, now: number): PendingRequest | null {
    if (!plausibleToken(appToken)) return null;
    const request = this.byAppToken.get(digest(appToken)) ?? null;
    return request && this.live(request, now) ? request : null;
  }

  /** The live, undecided request of a user token. */
  findByUserToken(userToken: string, now: number): PendingRequest | null {
    if (!plausibleToken(userToken)) return null;
    const key = this.byUserToken.get(digest(userToken));
    const request = key === undefined ? null : (this.byAppToken.get(key) ?? null);
    return request && request.approval === null && this.live(request, now) ? request : null;
  }

  /** Undecided requests, oldest first. */
  undecided(now: number): PendingRequest[] {
    this.sweep(now);
    return [...this.byAppToken.values()].filter((r) => r.approval === null).sort((a, b) => a.created - b.created);
  }

  remove(request: PendingRequest): boolean {
    const key = this.byUserToken.get(digest(request.userToken));
    if (key === undefined) return false;
    this.byUserToken.delete(digest(request.userToken));
    return this.byAppToken.delete(key);
  }

  /** Drops expired requests and returns them. */
  sweep(now: number): PendingRequest[] {
    const expired: PendingRequest[] = [];
    for (const request of [...this.byAppToken.values()]) {
      if (!this.live(request, now)) expired.push(request);
    }
    return expired;
  }

  /** Whether a request is still alive; an expired one is removed. */
  private live(request: PendingRequest, now: number): boolean {
    if (now - request.lastPoll <= POLL_TIMEOUT_MS && now - request.created <= REQUEST_CUTOFF_MS) return true;
    this.remove(request);
    return false;
  }
}

function plausibleToken(token: string): boolean {
  return typeof token === 'string' && token.length > 0 && token.length <= 200;
}
