// One socket's state: who it acts as, throttle, subscription, messages held back until it authenticates.
import { hasPermission } from '../../auth/index.js';
import type { Identity } from '../../auth/index.js';
import type { Disposable } from '../../shared/index.js';
import { MessageRateLimiter } from './connection-limits.js';
import type { CurrentView } from './current-feed.js';
import type { OutgoingMessage } from './outgoing-message.js';
import { CLOSE_CODES } from './push-channel.js';
import type { PushChannel } from './push-channel.js';
import type { PushLimits } from './push-types.js';
import { FULL_SUBSCRIPTION, listAllows } from './subscription.js';
import type { Subscription } from './subscription.js';

/** A message offered to a socket: what it would receive as a given identity, or null if it may not see it. */
export type Delivery = (identity: Identity) => OutgoingMessage | null;

/** What an offered message is about, for the socket's subscription. */
export interface Topic {
  readonly kind: 'event' | 'plugin';
  readonly name: string;
}

export class PushClient {
  identity: Identity;
  /** The login session it authenticated with; null while unauthenticated. */
  session: { readonly user: string; readonly token: string } | null = null;
  throttle = 1;
  subscription: Subscription = FULL_SUBSCRIPTION;
  /** Whether `history` went out (no `current` before it). */
  historySent = false;
  /** Whether the greetings (PushHubOptions.greetings) went out. */
  greeted = false;
  /** `history` is being fetched (from the driver). */
  historyPending = false;
  lastCurrentTick = 0;
  closed = false;
  /** Timers and subscriptions released when the socket closes. */
  readonly resources = new Set<Disposable>();
  private readonly backlog: Array<{ delivery: Delivery; topic: Topic }> = [];
  private readonly rate: MessageRateLimiter;

  constructor(
    readonly id: number,
    readonly channel: PushChannel,
    identity: Identity,
    private readonly limits: PushLimits,
    now: number,
  ) {
    this.identity = identity;
    this.rate = new MessageRateLimiter(limits.messagesPerSecond, limits.messageBurst, now);
  }

  get authenticated(): boolean {
    return this.session !== null;
  }

  /** Whether `current` and `history` are for this socket now. */
  get wantsState(): boolean {
    return this.subscription.state !== null && hasPermission(this.identity, 'STATUS');
  }

  get view(): CurrentView {
    const state = this.subscription.state;
    return {
      terminal: hasPermission(this.identity, 'MONITOR_TERMINAL'),
      logs: state?.logs ?? { kind: 'none' },
      messages: state?.messages ?? { kind: 'none' },
    };
  }

  /** Counts one incoming message; false when the client is over its rate. */
  takeMessageToken(now: number): boolean {
    return this.rate.take(now);
  }

  /** Sends a message, or drops the client when it cannot keep up. */
  send(message: OutgoingMessage): void {
    if (this.closed) return;
    if (this.channel.bufferedBytes > this.limits.maxBufferedBytes) {
      this.close(CLOSE_CODES.tooSlow);
      return;
    }
    this.channel.send(message);
  }

  /** Whether the socket's subscription lets this topic through. */
  accepts(topic: Topic): boolean {
    return listAllows(topic.kind === 'event' ? this.subscription.events : this.subscription.plugins, topic.name);
  }

  /** Sends what this identity may see now; before authentication, holds back the rest (up to the cap). */
  offer(delivery: Delivery, topic: Topic): void {
    if (this.closed || !this.accepts(topic)) return;
    const message = delivery(this.identity);
    if (message) this.send(message);
    else if (!this.authenticated && this.backlog.length < this.limits.unauthedBacklog) this.backlog.push({ delivery, topic });
  }

  /** Replays held-back messages, checked again against the new identity and subscription. */
  replayBacklog(): void {
    const held = this.backlog.splice(0);
    for (const { delivery, topic } of held) {
      if (!this.accepts(topic)) continue;
      const message = delivery(this.identity);
      if (message) this.send(message);
    }
  }

  /** Why the server closed this socket, when it did. */
  closedBecause: { readonly code: number; readonly reason: string } | null = null;

  close(reason: { readonly code: number; readonly reason: string }): void {
    if (this.closed) return;
    this.closedBecause ??= reason;
    this.channel.close(reason.code, reason.reason);
  }

  /** Releases timers; called once the channel reports it closed. */
  dispose(): void {
    this.closed = true;
    this.backlog.length = 0;
    for (const resource of this.resources) resource.dispose();
    this.resources.clear();
  }
}
