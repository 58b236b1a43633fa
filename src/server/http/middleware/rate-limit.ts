// Per-identity request rates for routes that declare `config.rateLimit` (e.g. POST /api/printer/command): a token
// bucket per user (or per client address for the guest), 429 with Retry-After once it is empty.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { hasPermission, isPermissionKey } from '../../../auth/index.js';
import { HttpError } from '../errors.js';
import type { HttpServices } from '../services.js';

export interface RateLimit {
  /** Requests allowed at once. */
  burst: number;
  /** Requests allowed per second, sustained. */
  perSecond: number;
}

/** G-code from users: a burst of 20, then 5 a second (the catalogue's item 18). */
export const COMMAND_RATE_LIMIT: RateLimit = { burst: 20, perSecond: 5 };

export const RATE_LIMITED_MESSAGE = 'Too many requests; please slow down and try again shortly.';

/** Upper bound on remembered callers, so a flood of addresses cannot grow memory without end. */
const MAX_KEYS = 10_000;

interface Bucket {
  tokens: number;
  last: number;
}

/** Token buckets by caller key. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limit: RateLimit) {}

  /** Takes one token for `key`: 0 when allowed, else the seconds until the next token. */
  take(key: string, now: number): number {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_KEYS) this.forgetFull(now);
      bucket = { tokens: this.limit.burst, last: now };
      this.buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, now - bucket.last) / 1000;
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + elapsed * this.limit.perSecond);
    bucket.last = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }

  /** Drops buckets that have refilled completely (they carry no information), or the oldest half. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.last) / 1000) * this.limit.perSecond >= this.limit.burst) this.buckets.delete(key);
    }
    if (this.buckets.size >= MAX_KEYS) [...this.buckets.keys()].slice(0, MAX_KEYS / 2).forEach((key) => this.buckets.delete(key));
  }
}

/** The caller a bucket belongs to: the user (all their sessions and keys), else the client address. */
function callerKey(request: FastifyRequest): string {
  return request.identity.name !== null ? `user:${request.identity.name}` : `ip:${request.origin.clientIp}`;
}

export function registerRateLimits(app: FastifyInstance, services: HttpServices): void {
  const byRoute = new Map<string, TokenBuckets>();
  // Synchronous (no promise per request); a refusal throws, which fastify turns into the error reply.
  app.addHook('preHandler', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const limit = request.routeOptions.config?.rateLimit;
    if (!limit || !services.config.config.devel.enableRateLimiter) return done();
    // A caller without the route's permission gets its 403 from the route, not a 429 from here.
    const permission = request.routeOptions.config?.permission;
    if (typeof permission === 'string' && isPermissionKey(permission) && !hasPermission(request.identity, permission)) return done();
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    let buckets = byRoute.get(route);
    if (!buckets) {
      buckets = new TokenBuckets(limit);
      byRoute.set(route, buckets);
    }
    const wait = buckets.take(callerKey(request), services.now());
    if (wait > 0) throw new HttpError(429, RATE_LIMITED_MESSAGE, { 'Retry-After': String(wait) });
    return done();
  });
}
