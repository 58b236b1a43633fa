// Socket authentication: `auth` messages, the deadline to authenticate, session keep-alive and `reauthRequired`.
import { hasPermission } from '../../auth/index.js';
import type { Identity } from '../../auth/index.js';
import type { EventBus } from '../../events/index.js';
import { DisposableStore, toDisposable } from '../../shared/index.js';
import type { Disposable } from '../../shared/index.js';
import { OutgoingMessage } from './outgoing-message.js';
import type { PushClient } from './push-client.js';
import { CLOSE_CODES } from './push-channel.js';
import type { PushLimits, PushTimings, ReauthReason, SocketAuthenticator, SocketSessionChange } from './push-types.js';

export interface SocketAuthFlowOptions {
  authenticator: SocketAuthenticator;
  events: EventBus;
  initialIdentity(): Identity;
  limits: PushLimits;
  timings: PushTimings;
  clients(): Iterable<PushClient>;
  /** The client's identity changed (it may now see the state). */
  onIdentityChanged(client: PushClient): void;
}

export class SocketAuthFlow implements Disposable {
  private readonly store = new DisposableStore();
  private readonly deadlines = new WeakMap<PushClient, Disposable>();
  private readonly keepAlives = new WeakMap<PushClient, Disposable>();

  constructor(private readonly options: SocketAuthFlowOptions) {
    const changes = options.authenticator.onSessionChange?.((change) => this.sessionChanged(change));
    if (changes) this.store.add(changes);
    this.store.add(options.events.on('UserLoggedOut', ({ username }) => void this.recheckUser(username, 'logout')));
  }

  /** A socket opened: it must authenticate in time unless it may already see something. */
  opened(client: PushClient): void {
    this.armDeadline(client);
  }

  async authenticate(client: PushClient, user: string, token: string): Promise<void> {
    const identity = await this.validate(user, token);
    if (client.closed) return;
    if (!identity) {
      this.logout(client, 'stale');
      return;
    }
    this.login(client, user, token, identity);
  }

  dispose(): void {
    this.store.dispose();
  }

  private async validate(user: string, token: string): Promise<Identity | null> {
    try {
      return await this.options.authenticator.validate(user, token);
    } catch {
      return null;
    }
  }

  private login(client: PushClient, user: string, token: string, identity: Identity): void {
    client.identity = identity;
    client.session = { user, token };
    this.release(this.deadlines, client);
    this.startKeepAlive(client);
    client.replayBacklog();
    this.options.events.emit('ClientAuthed', { remoteAddress: client.channel.remoteAddress, username: identity.name ?? user });
    this.options.onIdentityChanged(client);
  }

  /** Back to the guest: data stops, the client is told why, and the deadline runs again. */
  private logout(client: PushClient, reason: ReauthReason): void {
    client.identity = this.options.initialIdentity();
    client.session = null;
    client.historySent = false;
    this.release(this.keepAlives, client);
    client.send(OutgoingMessage.of('reauthRequired', { reason }));
    this.armDeadline(client);
    this.options.onIdentityChanged(client);
  }

  private armDeadline(client: PushClient): void {
    this.release(this.deadlines, client);
    if (client.authenticated || hasPermission(client.identity, 'STATUS')) return;
    const timer = setTimeout(() => {
      if (!client.authenticated) client.close(CLOSE_CODES.authDeadline);
    }, this.options.limits.authDeadlineMs);
    timer.unref();
    this.track(this.deadlines, client, toDisposable(() => clearTimeout(timer)));
  }

  /** Every keep-alive interval: re-check the session (it may have gone stale) and touch it. */
  private startKeepAlive(client: PushClient): void {
    this.release(this.keepAlives, client);
    const timer = setInterval(() => void this.keepAlive(client), this.options.timings.keepAliveMs);
    timer.unref();
    this.track(this.keepAlives, client, toDisposable(() => clearInterval(timer)));
  }

  private async keepAlive(client: PushClient): Promise<void> {
    const session = client.session;
    if (!session) return;
    const identity = await this.validate(session.user, session.token);
    if (client.closed || client.session !== session) return;
    if (!identity) {
      this.logout(client, 'stale');
      return;
    }
    client.identity = identity;
    this.options.authenticator.touch(session.user, session.token);
  }

  private sessionChanged(change: SocketSessionChange): void {
    for (const client of [...this.options.clients()]) {
      const session = client.session;
      if (change.userName === null) {
        if (!session) this.guestChanged(client);
        continue;
      }
      if (!session || session.user !== change.userName) continue;
      if (change.tokens.length > 0 && !change.tokens.includes(session.token)) continue;
      if (change.reason === 'modified') void this.recheck(client, 'modified', true);
      else this.logout(client, change.reason);
    }
  }

  /** The guests' rights changed: unauthenticated sockets get the new rights and are told. */
  private guestChanged(client: PushClient): void {
    client.identity = this.options.initialIdentity();
    client.send(OutgoingMessage.of('reauthRequired', { reason: 'modified' }));
    this.armDeadline(client);
    this.options.onIdentityChanged(client);
  }

  /** After a logout event: sockets whose session no longer validates are logged out. */
  private async recheckUser(user: string, reason: ReauthReason): Promise<void> {
    for (const client of [...this.options.clients()]) {
      if (client.session?.user === user) await this.recheck(client, reason, false);
    }
  }

  private async recheck(client: PushClient, reason: ReauthReason, alwaysNotify: boolean): Promise<void> {
    const session = client.session;
    if (!session) return;
    const identity = await this.validate(session.user, session.token);
    if (client.closed || client.session !== session) return;
    if (!identity) {
      this.logout(client, reason);
      return;
    }
    client.identity = identity;
    if (alwaysNotify) client.send(OutgoingMessage.of('reauthRequired', { reason }));
    this.options.onIdentityChanged(client);
  }

  private track(map: WeakMap<PushClient, Disposable>, client: PushClient, resource: Disposable): void {
    map.set(client, resource);
    client.resources.add(resource);
  }

  private release(map: WeakMap<PushClient, Disposable>, client: PushClient): void {
    const resource = map.get(client);
    if (!resource) return;
    resource.dispose();
    map.delete(client);
    client.resources.delete(resource);
  }
}
