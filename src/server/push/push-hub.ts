// Every open push socket: sends `connected`, reads client messages, fans events, plugin messages and `current` out.
import type { Logger } from 'pino';
import { hasPermission } from '../../auth/index.js';
import type { Identity, PermissionKey } from '../../auth/index.js';
import type { EventBus } from '../../events/index.js';
import { DisposableStore } from '../../shared/index.js';
import type { Disposable } from '../../shared/index.js';
import { parseClientMessage } from './client-messages.js';
import { CurrentFeed } from './current-feed.js';
import { eventPermissions, mayReceive, seesFullPayload } from './event-rules.js';
import { OutgoingMessage } from './outgoing-message.js';
import { PushClient } from './push-client.js';
import type { Delivery } from './push-client.js';
import { CLOSE_CODES } from './push-channel.js';
import type { PushChannel } from './push-channel.js';
import { MAX_THROTTLE } from './push-types.js';
import type { PushDataSource, PushLimits, PushTimings, SocketAuthenticator } from './push-types.js';
import { SocketAuthFlow } from './socket-auth-flow.js';

export interface PushHubOptions {
  events: EventBus;
  authenticator: SocketAuthenticator;
  /** The printer side; null while there is none (then no `current` or `history` is sent). */
  data: PushDataSource | null;
  /** Builds the `connected` message for a new socket. */
  connected(): OutgoingMessage;
  /** The identity of a socket before it authenticates (the guest, or admin when access control is off). */
  initialIdentity(): Identity;
  limits: PushLimits;
  timings: PushTimings;
  now(): number;
  logger: Logger;
  /** Messages a socket gets once it may see the status (OctoPrint's `timelapse` configuration). */
  greetings?(): ReadonlyArray<{ type: string; payload: unknown }>;
}

/** Options of a plugin message: extra permissions beyond STATUS, or one user it is meant for (admins see all). */
export interface PluginMessageOptions {
  permissions?: readonly PermissionKey[];
  user?: string | null;
}

export class PushHub {
  private readonly clients = new Set<PushClient>();
  private readonly store = new DisposableStore();
  private readonly feed: CurrentFeed | null;
  private readonly auth: SocketAuthFlow;
  private ticker: NodeJS.Timeout | null = null;
  private nextId = 1;

  constructor(private readonly options: PushHubOptions) {
    this.feed = options.data ? new CurrentFeed(options.data, MAX_THROTTLE + 1, options.now) : null;
    this.auth = new SocketAuthFlow({
      authenticator: options.authenticator,
      events: options.events,
      initialIdentity: options.initialIdentity,
      limits: options.limits,
      timings: options.timings,
      clients: () => this.clients,
      onIdentityChanged: (client) => {
        this.greet(client);
        this.registerState(client);
      },
    });
    this.store.add(options.events.onAny((name, payload) => this.onEvent(name, payload)));
    this.store.add(this.auth);
  }

  get connectionCount(): number {
    return this.clients.size;
  }

  /** Takes over a new connection: `connected` first, then it may authenticate. */
  open(channel: PushChannel, lease: Disposable): void {
    const client = new PushClient(this.nextId++, channel, this.options.initialIdentity(), this.options.limits, this.options.now());
    client.resources.add(lease);
    channel.attach({
      message: (text) => this.onClientMessage(client, text),
      closed: () => this.onClientClosed(client),
    });
    if (client.closed) return;
    this.options.logger.debug({ client: client.id, remoteAddress: channel.remoteAddress, transport: channel.transport }, 'push connection opened');
    client.send(this.options.connected());
    // Announced before the socket joins, so it does not receive its own ClientOpened (as in OctoPrint).
    this.options.events.emit('ClientOpened', { remoteAddress: channel.remoteAddress });
    if (client.closed) return;
    this.clients.add(client);
    this.auth.opened(client);
    this.greet(client);
    this.registerState(client);
  }

  /**
   * A top-level status message (`timelapse`, `renderProgress`) for every socket that takes the state (see `subscribe`)
   * and whose identity holds the permissions; a socket still waiting for its `history` gets its greetings after it.
   */
  sendMessage(type: string, payload: unknown, permissions: readonly PermissionKey[] = ['STATUS']): void {
    let message: OutgoingMessage | undefined;
    for (const client of [...this.clients]) {
      if (client.closed || !client.greeted || !client.wantsState || !mayReceive(client.identity, permissions)) continue;
      message ??= OutgoingMessage.of(type, payload);
      client.send(message);
    }
  }

  /** A `plugin` message `{plugin, data}` for every socket that may see it. */
  sendPluginMessage(plugin: string, data: unknown, options: PluginMessageOptions = {}): void {
    const permissions: PermissionKey[] = ['STATUS', ...(options.permissions ?? [])];
    let message: OutgoingMessage | undefined;
    const delivery: Delivery = (identity) => {
      if (!mayReceive(identity, permissions)) return null;
      if (options.user && identity.name !== options.user && !hasPermission(identity, 'ADMIN')) return null;
      message ??= OutgoingMessage.of('plugin', { plugin, data });
      return message;
    };
    for (const client of [...this.clients]) client.offer(delivery, { kind: 'plugin', name: plugin });
  }

  /** Closes every socket and stops all timers. */
  close(): void {
    this.stopTicking();
    for (const client of [...this.clients]) client.close(CLOSE_CODES.shutdown);
    this.store.dispose();
  }

  private onClientMessage(client: PushClient, text: string | null): void {
    if (client.closed) return;
    if (!client.takeMessageToken(this.options.now())) {
      client.close(CLOSE_CODES.tooManyMessages);
      return;
    }
    if (text === null) return;
    if (Buffer.byteLength(text, 'utf8') > this.options.limits.maxMessageBytes) {
      client.close(CLOSE_CODES.tooBig);
      return;
    }
    const command = parseClientMessage(text);
    switch (command.kind) {
      case 'auth':
        void this.auth.authenticate(client, command.user, command.session);
        break;
      case 'throttle':
        client.throttle = command.factor;
        break;
      case 'subscribe': {
        const hadState = client.subscription.state !== null;
        client.subscription = command.subscription;
        if (!hadState) client.historySent = false;
        this.registerState(client);
        break;
      }
      case 'ignored':
        this.options.logger.debug({ client: client.id, reason: command.reason }, 'push message ignored');
        break;
    }
  }

  private onClientClosed(client: PushClient): void {
    if (client.closed) return;
    const joined = this.clients.delete(client);
    client.dispose();
    const because = client.closedBecause;
    const details = { client: client.id, remoteAddress: client.channel.remoteAddress, transport: client.channel.transport };
    if (because && because.code !== CLOSE_CODES.shutdown.code) {
      this.options.logger.info({ ...details, code: because.code }, `push connection closed: ${because.reason}`);
    } else {
      this.options.logger.debug(details, 'push connection closed');
    }
    if (joined) this.options.events.emit('ClientClosed', { remoteAddress: client.channel.remoteAddress });
  }

  private onEvent(name: string, payload: unknown): void {
    if (this.clients.size === 0) return;
    const permissions = eventPermissions(name);
    let full: OutgoingMessage | undefined;
    let blank: OutgoingMessage | undefined;
    const delivery: Delivery = (identity) => {
      if (!mayReceive(identity, permissions)) return null;
      if (seesFullPayload(identity, name)) return (full ??= OutgoingMessage.of('event', { type: name, payload }));
      return (blank ??= OutgoingMessage.of('event', { type: name, payload: {} }));
    };
    for (const client of [...this.clients]) client.offer(delivery, { kind: 'event', name });
  }

  /** The greetings go out after `history`, to sockets that take the state, as OctoPrint sends them on registration. */
  private greet(client: PushClient): void {
    if (client.greeted || client.closed || !client.wantsState) return;
    if (this.feed && !client.historySent) return;
    client.greeted = true;
    for (const { type, payload } of this.options.greetings?.() ?? []) client.send(OutgoingMessage.of(type, payload));
  }

  /** Sends `history` once a socket may see the state and wants it; then `current` follows on the ticks. */
  private registerState(client: PushClient): void {
    const feed = this.feed;
    if (!feed || client.closed || client.historySent || client.historyPending || !client.wantsState) return;
    this.startTicking(feed);
    // The history comes from the driver: `current` waits until it went out.
    client.historyPending = true;
    void feed.historyMessage(client.view).then((message) => {
      client.historyPending = false;
      if (client.closed) return;
      client.send(message);
      client.historySent = true;
      this.greet(client);
      client.lastCurrentTick = feed.tick;
    });
  }

  private startTicking(feed: CurrentFeed): void {
    if (this.ticker) return;
    feed.start();
    this.ticker = setInterval(() => this.onTick(feed), this.options.timings.currentIntervalMs);
    this.ticker.unref();
  }

  private stopTicking(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    this.feed?.stop();
  }

  private onTick(feed: CurrentFeed): void {
    let anyone = false;
    for (const client of this.clients) {
      if (client.historySent && client.wantsState) anyone = true;
    }
    if (!anyone) {
      this.stopTicking();
      return;
    }
    const tick = feed.advance();
    for (const client of [...this.clients]) {
      if (!client.historySent || !client.wantsState || tick % client.throttle !== 0) continue;
      if (!feed.changedSince(client.lastCurrentTick)) continue;
      client.send(feed.currentMessage(client.lastCurrentTick, client.view));
      client.lastCurrentTick = tick;
    }
  }

  /** For tests and the bench: how many sockets currently receive `current`. */
  get stateListeners(): number {
    let count = 0;
    for (const client of this.clients) if (client.historySent && client.wantsState) count += 1;
    return count;
  }
}
