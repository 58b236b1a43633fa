// The Application Keys workflow: apps ask, their user decides, the app collects its key once; keys are listed,
// generated, revoked, and checked on every request (this is the ApiKeyValidator access control consults).
import { ArgonautError } from '../../shared/index.js';
import type { Disposable } from '../../shared/index.js';
import type { ApiKeyValidator } from '../access-control.js';
import { plausibleApiKey } from '../api-keys.js';
import type { PermissionKey } from '../permissions.js';
import type { AppKey } from './app-key-file.js';
import { checkAppName, checkLifetime, checkRequestedUser, checkScope, narrowScope, shorterLifetime } from './app-key-input.js';
import { appKeyRecord, pendingRecord, requestAccessMessage } from './app-key-records.js';
import type { AppKeyRecord, AppKeysMessage, AppKeysNotice, PendingRecord } from './app-key-records.js';
import type { StoredDocument } from '../store/stored-document.js';
import { AppKeyStore } from './app-key-store.js';
import { Listeners } from './listeners.js';
import { PendingRequests } from './pending-requests.js';
import type { PendingRequest } from './pending-requests.js';
import { RepeatingTimer } from './repeating-timer.js';
import { RequestRateLimiter } from './request-rate-limiter.js';
import type { RequestLimits } from './request-rate-limiter.js';

/** How often waiting requests are checked for expiry (so UIs hear `end_request` soon after). */
const SWEEP_INTERVAL_MS = 1_000;

export const APP_KEY_RATE_LIMITED_MESSAGE = 'You have made too many app key requests. Please try again later.';

export class AppKeyRequestLimitedError extends ArgonautError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate-limited', APP_KEY_RATE_LIMITED_MESSAGE);
  }
}

export interface AppKeysServiceOptions {
  /** data/appkeys/keys.yaml */
  file: string;
  /** The keys' document of the configured access-control store; the file above when absent. */
  document?: StoredDocument;
  /** plugins.appkeys.requestRateLimit and devel.enableRateLimiter, read on every request. */
  limits: () => RequestLimits;
  now?: () => number;
  warn?: (message: string) => void;
}

export interface NewAppKeyRequest {
  app: unknown;
  user?: unknown;
  permissions?: unknown;
  expiresIn?: unknown;
  remoteAddress: string;
}

/** What an approver may add: a narrower scope, a (shorter) lifetime in seconds. */
export interface Narrowing {
  permissions?: unknown;
  expiresIn?: unknown;
}

export type PollResult = { state: 'pending' } | { state: 'granted'; apiKey: string } | { state: 'gone' };

/** What the auth dialog shows about a request (no tokens). */
export interface DialogRequest {
  app: string;
  user: string | null;
  remoteAddress: string;
  permissions: PermissionKey[] | null;
}

export class AppKeysService implements ApiKeyValidator {
  private readonly pending = new PendingRequests();
  private readonly limiter: RequestRateLimiter;
  private readonly notices: Listeners<AppKeysNotice>;
  private readonly revocations: Listeners<AppKey>;
  /** Runs only while requests wait. */
  private readonly sweeper = new RepeatingTimer(SWEEP_INTERVAL_MS, () => this.expire(this.now()));
  private readonly now: () => number;

  private constructor(
    private readonly store: AppKeyStore,
    private readonly options: AppKeysServiceOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.limiter = new RequestRateLimiter(options.limits);
    this.notices = new Listeners('app key requests', options.warn);
    this.revocations = new Listeners('app key revocations', options.warn);
  }

  static open(options: AppKeysServiceOptions): AppKeysService {
    const storeOptions = { now: options.now, warn: options.warn };
    const store = options.document ? AppKeyStore.fromDocument(options.document, storeOptions) : AppKeyStore.open(options.file, storeOptions);
    return new AppKeysService(store, options);
  }

  // The workflow.

  /** Starts a request; returns the app's token. Throws 400s for bad input and AppKeyRequestLimitedError. */
  request(input: NewAppKeyRequest): { appToken: string } {
    const app = checkAppName(input.app);
    const user = checkRequestedUser(input.user);
    const scope = checkScope(input.permissions);
    const lifetimeMs = checkLifetime(input.expiresIn);
    const now = this.now();
    const wait = this.limiter.take(input.remoteAddress, now);
    if (wait > 0) throw new AppKeyRequestLimitedError(wait);
    this.expire(now);
    const added = this.pending.add({ app, user, remoteAddress: input.remoteAddress, scope, lifetimeMs }, now);
    // Too many requests waiting at once (from many addresses): they expire within seconds unless polled.
    if (!added) throw new AppKeyRequestLimitedError(5);
    this.sweeper.start();
    this.notify(requestAccessMessage(added.request), user);
    return { appToken: added.appToken };
  }

  /** The app's poll: still waiting (and kept alive), its key exactly once after approval, or gone. */
  async poll(appToken: string): Promise<PollResult> {
    const now = this.now();
    this.expire(now);
    const request = this.pending.findByAppToken(appToken, now);
    if (!request) return { state: 'gone' };
    const approval = request.approval;
    if (!approval) {
      request.lastPoll = now;
      return { state: 'pending' };
    }
    // Removed before the key is made: a second poll, even a concurrent one, finds nothing.
    this.pending.remove(request);
    const expires = approval.lifetimeMs === null ? null : now + approval.lifetimeMs;
    const issued = await this.issue(approval.user, request.app, approval.scope, expires);
    this.notify({ type: 'key_issued', app_name: request.app }, approval.user);
    return { state: 'granted', apiKey: issued.apiKey };
  }

  /** The request behind an auth dialog URL, or null when it is unknown, decided or expired. */
  dialogRequest(appToken: string): DialogRequest | null {
    const request = this.undecidedByAppToken(appToken);
    if (!request) return null;
    return { app: request.app, user: request.user, remoteAddress: request.remoteAddress, permissions: request.scope === null ? null : [...request.scope] };
  }

  /** Decides a request by its user token (the UI). 404 unknown or naming another user, 400 bad scope. */
  decide(userToken: string, decider: string, decision: boolean, narrowing: Narrowing = {}): void {
    const now = this.now();
    this.expire(now);
    const request = this.pending.findByUserToken(userToken, now);
    if (!request) throw new ArgonautError('not-found', 'There is no such request waiting for a decision.');
    this.settle(request, decider, decision, narrowing);
  }

  /** Decides a request by its app token (the auth dialog), with the same rules as decide. */
  decideForApp(appToken: string, decider: string, decision: boolean, narrowing: Narrowing = {}): void {
    const request = this.undecidedByAppToken(appToken);
    if (!request) throw new ArgonautError('not-found', 'There is no such request waiting for a decision.');
    this.settle(request, decider, decision, narrowing);
  }

  /** Requests this user may decide: those naming them and those naming nobody. */
  pendingFor(user: string): PendingRecord[] {
    return this.pending
      .undecided(this.now())
      .filter((r) => r.user === null || r.user === user)
      .map(pendingRecord);
  }

  // Management.

  keysOf(user: string): AppKeyRecord[] {
    return this.store.forUser(user).map(appKeyRecord);
  }

  allKeys(): AppKeyRecord[] {
    return this.store.all().map(appKeyRecord);
  }

  keyFor(user: string, app: string): AppKeyRecord | null {
    const key = this.store.findByApp(user, app);
    return key ? appKeyRecord(key) : null;
  }

  /** Makes a key for a user and app (replacing one the app had); the only time the key is shown. */
  async generate(user: string, appName: unknown, options: Narrowing = {}): Promise<{ apiKey: string; record: AppKeyRecord }> {
    const app = checkAppName(appName);
    const scope = checkScope(options.permissions);
    const lifetimeMs = checkLifetime(options.expiresIn);
    const expires = lifetimeMs === null ? null : this.now() + lifetimeMs;
    const issued = await this.issue(user, app, scope, expires);
    return { apiKey: issued.apiKey, record: appKeyRecord(issued.key) };
  }

  /**
   * Adds a key whose value is already known (imported from OctoPrint), kept hashed, with all of its user's
   * permissions. Refused (conflict) when the key is in use already or the user has a key for that app.
   */
  async importKey(user: string, appName: unknown, apiKey: string): Promise<AppKeyRecord> {
    const app = checkAppName(appName);
    if (!plausibleApiKey(apiKey)) throw new ArgonautError('invalid', 'The key is empty or too long.');
    if (this.store.find(apiKey)) throw new ArgonautError('conflict', 'This key is in use already.');
    if (this.store.findByApp(user, app)) throw new ArgonautError('conflict', `${user} has a key for ${app} already.`);
    return appKeyRecord(await this.store.addKnown({ user, app, apiKey }));
  }

  /** Revokes a user's key for an app; false when there is none. */
  async revoke(user: string, app: string): Promise<boolean> {
    const key = this.store.findByApp(user, app);
    return key ? (await this.removeKeys([key])) > 0 : false;
  }

  /** The owner of a presented app key (for OctoPrint's deprecated revoke by key), or null. */
  ownerOfKey(apiKey: string): string | null {
    return this.store.find(apiKey)?.user ?? null;
  }

  async revokeKey(apiKey: string): Promise<boolean> {
    const key = this.store.find(apiKey);
    return key ? (await this.removeKeys([key])) > 0 : false;
  }

  /** Forgets every key and request of a removed user (a new user of that name must not inherit them). */
  async removeUser(user: string): Promise<void> {
    for (const request of this.pending.undecided(this.now())) {
      if (request.user === user) this.endRequest(request);
    }
    await this.removeKeys(this.store.forUser(user));
  }

  // The ApiKeyValidator contract.

  async validate(key: string): Promise<{ userName: string; appKeyId: string; scope: PermissionKey[] | null } | null> {
    const record = this.store.find(key);
    if (!record) return null;
    const now = this.now();
    if (record.expires !== null && record.expires <= now) return null;
    this.store.noteUse(record, now);
    return { userName: record.user, appKeyId: record.id, scope: record.scope === null ? null : [...record.scope] };
  }

  /** Picks up edits of keys.yaml made behind the server; a key removed there stops working at once. */
  refresh(): void {
    for (const key of this.store.refresh()) this.tellRevoked(key);
  }

  /** Push messages for UIs: a request to decide, or the end of one (decided or expired). */
  onDidNotify(listener: (notice: AppKeysNotice) => void): Disposable {
    return this.notices.add(listener);
  }

  /** Told when a key stops working because it was revoked, replaced or its user removed. */
  onDidRevoke(listener: (key: AppKey) => void): Disposable {
    return this.revocations.add(listener);
  }

  /** Stops the expiry timer and writes pending changes. */
  async close(): Promise<void> {
    this.sweeper.stop();
    await this.store.flush();
  }

  private undecidedByAppToken(appToken: string): PendingRequest | null {
    const now = this.now();
    this.expire(now);
    const request = this.pending.findByAppToken(appToken, now);
    return request && request.approval === null ? request : null;
  }

  private settle(request: PendingRequest, decider: string, decision: boolean, narrowing: Narrowing): void {
    // Nobody, not even an admin, decides for another user: for them the request does not exist (as in OctoPrint).
    if (request.user !== null && request.user !== decider) throw new ArgonautError('not-found', 'There is no such request waiting for a decision.');
    if (decision) {
      const scope = narrowScope(request.scope, checkScope(narrowing.permissions));
      const lifetimeMs = shorterLifetime(request.lifetimeMs, checkLifetime(narrowing.expiresIn));
      request.approval = { user: decider, scope, lifetimeMs };
      this.notify({ type: 'end_request', user_token: request.userToken }, request.user);
    } else {
      this.endRequest(request);
    }
  }

  private async issue(user: string, app: string, scope: readonly PermissionKey[] | null, expires: number | null) {
    const issued = await this.store.issue({ user, app, scope, expires });
    if (issued.replaced) this.tellRevoked(issued.replaced);
    return issued;
  }

  private async removeKeys(keys: AppKey[]): Promise<number> {
    const removed = await this.store.remove(keys.map((k) => k.id));
    for (const key of removed) this.tellRevoked(key);
    return removed.length;
  }

  private endRequest(request: PendingRequest): void {
    if (this.pending.remove(request)) this.notify({ type: 'end_request', user_token: request.userToken }, request.user);
  }

  /** Drops expired requests; undecided ones are announced as ended. */
  private expire(now: number): void {
    for (const request of this.pending.sweep(now)) {
      if (request.approval === null) this.notify({ type: 'end_request', user_token: request.userToken }, request.user);
    }
    if (this.pending.size === 0) this.sweeper.stop();
  }

  private notify(data: AppKeysMessage, user: string | null): void {
    this.notices.fire({ data, user });
  }

  private tellRevoked(key: AppKey): void {
    this.revocations.fire(key);
  }
}
