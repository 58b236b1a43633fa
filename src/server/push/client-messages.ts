// Messages a socket client sends: `auth`, `throttle` and `subscribe`; anything else is ignored.
import { MAX_THROTTLE } from './push-types.js';
import { parseSubscription } from './subscription.js';
import type { Subscription } from './subscription.js';

export type ClientCommand =
  | { readonly kind: 'auth'; readonly user: string; readonly session: string }
  | { readonly kind: 'throttle'; readonly factor: number }
  | { readonly kind: 'subscribe'; readonly subscription: Subscription }
  | { readonly kind: 'ignored'; readonly reason: string };

function ignored(reason: string): ClientCommand {
  return { kind: 'ignored', reason };
}

/** `"user:session"` with exactly one colon and both parts present. */
function readAuth(value: unknown): ClientCommand {
  if (typeof value !== 'string') return ignored('auth must be a text "user:session"');
  const parts = value.split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return ignored('auth must be a text "user:session"');
  return { kind: 'auth', user: parts[0], session: parts[1] };
}

/** An integer from 1 to MAX_THROTTLE, as a number or a text of digits. */
function readThrottle(value: unknown): ClientCommand {
  const factor = typeof value === 'string' && /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof factor !== 'number' || !Number.isInteger(factor) || factor < 1 || factor > MAX_THROTTLE) {
    return ignored(`throttle must be an integer from 1 to ${MAX_THROTTLE}`);
  }
  return { kind: 'throttle', factor };
}

/** Reads one message text. As in OctoPrint, `auth` wins over `throttle`, which wins over `subscribe`. */
export function parseClientMessage(text: string): ClientCommand {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return ignored('not valid JSON');
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return ignored('not a JSON object');
  const fields = message as Record<string, unknown>;
  if ('auth' in fields) return readAuth(fields.auth);
  if ('throttle' in fields) return readThrottle(fields.throttle);
  if ('subscribe' in fields) {
    const subscription = parseSubscription(fields.subscribe);
    return typeof subscription === 'string' ? ignored(subscription) : { kind: 'subscribe', subscription };
  }
  return ignored('unknown message');
}
